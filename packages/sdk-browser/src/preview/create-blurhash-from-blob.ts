import {
  type BlurhashPreview,
  type BlurhashPreviewOptions,
  createBlurhashPreview,
  InputError,
} from '@hashguard/sdk-core';

/**
 * A blurhash placeholder of an image file, for moderator review queues: the
 * reviewer triages from the blur and opens the image only by choice.
 * Decodes with `createImageBitmap` (in a worker or the page), lets the
 * browser shrink it to `maxSide` (default 64), then encodes with sdk-core's
 * `createBlurhashPreview`. Unlike hashing, this applies EXIF orientation: the
 * placeholder should look like the picture a person would see.
 */
export async function createBlurhashFromBlob(
  file: Blob,
  options: BlurhashPreviewOptions = {},
): Promise<BlurhashPreview> {
  let full: ImageBitmap;
  try {
    full = await createImageBitmap(file);
  } catch (error) {
    throw new InputError(
      'E_UNSUPPORTED_FORMAT',
      'The browser cannot decode this file as an image.',
      { cause: error },
    );
  }
  const { width, height } = full;
  const maxSide = options.maxSide ?? 64;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const smallWidth = Math.max(1, Math.round(width * scale));
  const smallHeight = Math.max(1, Math.round(height * scale));
  const small = await createImageBitmap(full, {
    resizeWidth: smallWidth,
    resizeHeight: smallHeight,
    resizeQuality: 'medium',
  });
  full.close();
  try {
    const context = new OffscreenCanvas(smallWidth, smallHeight).getContext('2d');
    if (!context)
      throw new InputError('E_READ_FAILED', 'OffscreenCanvas 2D context is unavailable.');
    context.drawImage(small, 0, 0);
    const rgba = context.getImageData(0, 0, smallWidth, smallHeight).data;
    const pixels = {
      width: smallWidth,
      height: smallHeight,
      channels: 4 as const,
      data: new Uint8Array(rgba.buffer),
    };
    return { ...createBlurhashPreview(pixels, options), width, height };
  } finally {
    small.close();
  }
}
