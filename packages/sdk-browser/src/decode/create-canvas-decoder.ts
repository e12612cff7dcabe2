import {
  checkInputSize,
  type DecodeLimits,
  type ImageDecoder,
  type Pixels,
} from '@hashguard/sdk-core';
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
      checkInputSize(bytes, limits);
      const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
      return decodeFullPixels(blob, limits.maxPixels, limits.applyExifOrientation ?? false);
    },
  };
}
