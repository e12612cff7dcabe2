import { InputError, type Pixels } from '@hashguard/sdk-core';
import { readHead, withoutExifOrientation } from './exif-orientation';
import { sourceIsGrayscale } from './source-is-grayscale';

/** The PDQ reference squashes any image with a side over 512 to exactly 512×512. */
export const PDQ_SQUASH_SIDE = 512;

export interface BrowserDecodeOptions {
  /** Refuse images with more pixels than this (decompression-bomb guard). */
  maxPixels: number;
  /**
   * Called between batches of rows so a main-thread caller can yield to the
   * event loop; a worker passes nothing.
   */
  yieldToEventLoop?: () => Promise<void>;
  /** Rows read back per batch. */
  rowsPerBatch?: number;
}

/**
 * The options that make a browser decode agree with the reference: no EXIF
 * rotation, no premultiplied alpha (which would round RGB of translucent
 * pixels) and no colour-space conversion (the reference does no ICC colour
 * management). Measured on Chromium 156: byte-identical to sharp with
 * `ignoreIcc` on every conformance image, PNG and JPEG.
 */
const BITMAP_OPTIONS: ImageBitmapOptions = {
  imageOrientation: 'none',
  premultiplyAlpha: 'none',
  colorSpaceConversion: 'none',
};

interface DecodedBitmap {
  bitmap: ImageBitmap;
  /** The file itself is 8-bit grayscale (see source-is-grayscale.ts). */
  grayscale: boolean;
}

/**
 * Decodes `file` into an ImageBitmap, or undefined when it is not an image
 * the browser can decode. EXIF orientation is ignored unless asked for.
 */
export async function decodeBitmap(
  file: Blob,
  applyExifOrientation = false,
): Promise<DecodedBitmap | undefined> {
  const head = await readHead(file);
  const grayscale = sourceIsGrayscale(head);
  try {
    const source = applyExifOrientation ? file : withoutExifOrientation(file, head);
    const bitmap = await createImageBitmap(
      source,
      applyExifOrientation ? { ...BITMAP_OPTIONS, imageOrientation: 'from-image' } : BITMAP_OPTIONS,
    );
    return { bitmap, grayscale };
  } catch {
    // Not an image (a video, a PDF) or a format this browser cannot read: the
    // caller still has the digests.
    return undefined;
  }
}

/** RGBA to one channel (the red one) for files that are grayscale, where R = G = B. */
function toLayout(rgba: Uint8Array, width: number, height: number, grayscale: boolean): Pixels {
  if (!grayscale) return { width, height, channels: 4, data: rgba };
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[i * 4]!;
  return { width, height, channels: 1, data: gray };
}

function refuseOversized(bitmap: ImageBitmap, maxPixels: number): void {
  if (bitmap.width * bitmap.height > maxPixels) {
    const { width, height } = bitmap;
    bitmap.close();
    throw new InputError(
      'E_IMAGE_TOO_LARGE',
      `The image is ${width}×${height} = ${width * height} pixels, over the limit of ${maxPixels} (maxPixels).`,
    );
  }
}

function drawToCanvas(bitmap: ImageBitmap): OffscreenCanvasRenderingContext2D {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  // willReadFrequently keeps the canvas in CPU memory, so each getImageData is a copy, not a GPU readback.
  const context = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' });
  if (!context) throw new InputError('E_READ_FAILED', 'OffscreenCanvas 2D context is unavailable.');
  context.imageSmoothingEnabled = false;
  context.drawImage(bitmap, 0, 0);
  return context;
}

/**
 * Pixels ready for PDQ in reference mode: the full image when both sides are
 * at most 512, otherwise the reference's own nearest-neighbour squash to
 * 512×512 (source column `floor(x * W / 512)`, row `floor(y * H / 512)`, in
 * double), taken here row by row. The hasher would compute the same squash;
 * doing it while reading back keeps 1 MB instead of 48 MB per 12-megapixel
 * photo in memory and lets a main-thread caller read in small batches. A
 * 512×512 input is not resampled again, so the hash is unchanged.
 */
export async function decodeForPdq(
  file: Blob,
  options: BrowserDecodeOptions,
): Promise<Pixels | undefined> {
  const decoded = await decodeBitmap(file);
  if (!decoded) return undefined;
  const { bitmap, grayscale } = decoded;
  refuseOversized(bitmap, options.maxPixels);
  try {
    const { width, height } = bitmap;
    if (width <= PDQ_SQUASH_SIDE && height <= PDQ_SQUASH_SIDE) {
      const image = drawToCanvas(bitmap).getImageData(0, 0, width, height);
      return toLayout(new Uint8Array(image.data.buffer), width, height, grayscale);
    }
    // One source row at a time through a W×1 canvas: a 1:1 copy of a
    // sub-rectangle with smoothing off, so the pixels are the bitmap's own
    // (checked: identical to drawing the whole image), without a 48 MB canvas
    // for a 12-megapixel photo and in steps small enough for the main thread.
    const rowContext = new OffscreenCanvas(width, 1).getContext('2d', { willReadFrequently: true });
    if (!rowContext)
      throw new InputError('E_READ_FAILED', 'OffscreenCanvas 2D context is unavailable.');
    rowContext.imageSmoothingEnabled = false;
    const side = PDQ_SQUASH_SIDE;
    const data = new Uint8Array(side * side * 4);
    const columns = Array.from({ length: side }, (_, x) => Math.floor((x * width) / side));
    const rowsPerBatch = options.rowsPerBatch ?? 32;
    let lastRow = -1;
    let row: Uint8ClampedArray = new Uint8ClampedArray(0);
    for (let y = 0; y < side; y++) {
      const sourceRow = Math.floor((y * height) / side);
      // Upsampled short sides repeat rows; read each source row once.
      if (sourceRow !== lastRow) {
        rowContext.clearRect(0, 0, width, 1);
        rowContext.drawImage(bitmap, 0, sourceRow, width, 1, 0, 0, width, 1);
        row = rowContext.getImageData(0, 0, width, 1).data;
      }
      lastRow = sourceRow;
      for (let x = 0; x < side; x++) {
        const from = columns[x]! * 4;
        const to = (y * side + x) * 4;
        data[to] = row[from]!;
        data[to + 1] = row[from + 1]!;
        data[to + 2] = row[from + 2]!;
        data[to + 3] = 255;
      }
      if ((y + 1) % rowsPerBatch === 0) await options.yieldToEventLoop?.();
    }
    return toLayout(data, side, side, grayscale);
  } finally {
    bitmap.close();
  }
}

/** Full-resolution pixels of `file` (no squash), for the `ImageDecoder` port. */
export async function decodeFullPixels(
  file: Blob,
  maxPixels: number,
  applyExifOrientation = false,
): Promise<Pixels> {
  const decoded = await decodeBitmap(file, applyExifOrientation);
  if (!decoded) {
    throw new InputError(
      'E_UNSUPPORTED_FORMAT',
      'The browser cannot decode this file as an image.',
    );
  }
  const { bitmap, grayscale } = decoded;
  refuseOversized(bitmap, maxPixels);
  try {
    const image = drawToCanvas(bitmap).getImageData(0, 0, bitmap.width, bitmap.height);
    const rgba = new Uint8Array(image.data.buffer);
    return toLayout(rgba, bitmap.width, bitmap.height, grayscale);
  } finally {
    bitmap.close();
  }
}
