import { type DecodeLimits, type ImageDecoder, InputError, type Pixels } from '@hashguard/sdk-core';
import { decodeFullPixels } from './decode-image';

/**
 * The `ImageDecoder` port for browsers and workers: `createImageBitmap` with
 * no colour-space conversion and no premultiplied alpha, drawn to an
 * `OffscreenCanvas`. Gives full-resolution RGBA (one channel for grayscale
 * files), byte-identical to sharp with `ignoreIcc` on the conformance images
 * in Chromium. EXIF orientation only with `limits.applyExifOrientation`.
 */
export function createCanvasDecoder(): ImageDecoder {
  return {
    async decode(bytes: Uint8Array, limits: DecodeLimits): Promise<Pixels> {
      if (bytes.byteLength === 0) {
        throw new InputError('E_EMPTY_INPUT', 'The input is empty (0 bytes): nothing to decode.');
      }
      if (bytes.byteLength > limits.maxBytes) {
        throw new InputError(
          'E_INPUT_TOO_LARGE',
          `The input is ${bytes.byteLength} bytes, over the limit of ${limits.maxBytes} (limits.maxBytes).`,
        );
      }
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      return decodeFullPixels(blob, limits.maxPixels, limits.applyExifOrientation ?? false);
    },
  };
}
