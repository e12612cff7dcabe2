import {
  type BlurhashPreview,
  type BlurhashPreviewOptions,
  createBlurhashPreview,
  InputError,
} from '@hashguard/sdk-core';
import sharp, { type Metadata, type OutputInfo } from 'sharp';

export interface BlurhashFromImageOptions extends BlurhashPreviewOptions {
  /** Refuse images with more pixels than this (decompression-bomb guard). Default 100 000 000. */
  maxPixels?: number;
}

/** EXIF orientations 5–8 turn the picture a quarter, so its width and height swap. */
const QUARTER_TURNS = new Set([5, 6, 7, 8]);

/**
 * A blurhash placeholder of an image file (bytes or a path), for moderator
 * review queues: sharp decodes it, applies EXIF orientation (the placeholder
 * should look like what a person would see, unlike hashing, which ignores
 * it), shrinks it to `maxSide` (default 64), and sdk-core's
 * `createBlurhashPreview` encodes it. `width`/`height` are the displayed
 * size of the full image.
 */
export async function createBlurhashFromImage(
  input: Uint8Array | string,
  options: BlurhashFromImageOptions = {},
): Promise<BlurhashPreview> {
  const { maxPixels = 100_000_000, ...previewOptions } = options;
  const maxSide = previewOptions.maxSide ?? 64;
  const source =
    typeof input === 'string'
      ? input
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let decoded: { data: Buffer; info: OutputInfo };
  let metadata: Metadata;
  try {
    const image = sharp(source, { limitInputPixels: maxPixels, failOn: 'error' });
    metadata = await image.metadata();
    decoded = await image
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) {
      throw new InputError(
        'E_IMAGE_TOO_LARGE',
        `The image has more than ${maxPixels} pixels (maxPixels).`,
        { cause: error },
      );
    }
    throw new InputError(
      'E_UNSUPPORTED_FORMAT',
      `sharp cannot decode this input as an image: ${message}`,
      { cause: error },
    );
  }
  const { data, info } = decoded;
  const pixels = {
    width: info.width,
    height: info.height,
    channels: 3 as const,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
  const turned = QUARTER_TURNS.has(metadata.orientation ?? 1);
  const width = (turned ? metadata.height : metadata.width) ?? info.width;
  const height = (turned ? metadata.width : metadata.height) ?? info.height;
  return { ...createBlurhashPreview(pixels, previewOptions), width, height };
}
