import { HashingError } from '../errors/hashing-error';
import type { Pixels } from '../ports/image-decoder';

/** Throws `E_INVALID_PIXELS` unless `pixels` is a well-formed 8-bit buffer. */
export function assertHashablePixels(pixels: Pixels): void {
  if (typeof pixels !== 'object' || pixels === null) {
    throw invalid(`expected a Pixels object, got ${pixels === null ? 'null' : typeof pixels}`);
  }
  const { width, height, channels } = pixels;
  const data: unknown = pixels.data;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw invalid(`width and height must be positive integers, got ${width}×${height}`);
  }
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw invalid(`channels must be 1 (gray), 3 (RGB) or 4 (RGBA), got ${String(channels)}`);
  }
  // Uint8ClampedArray (canvas ImageData) carries the same bytes.
  if (!(data instanceof Uint8Array) && !(data instanceof Uint8ClampedArray)) {
    throw invalid('data must be a Uint8Array of 8-bit samples');
  }
  const expected = width * height * channels;
  if ((data as Uint8Array).length !== expected) {
    throw invalid(
      `data has ${(data as Uint8Array).length} bytes but ${width}×${height}×${channels} needs ${expected}`,
    );
  }
}

function invalid(detail: string): HashingError {
  return new HashingError(
    'E_INVALID_PIXELS',
    `Cannot hash these pixels: ${detail}. Pass row-major 8-bit pixels with no row padding.`,
  );
}
