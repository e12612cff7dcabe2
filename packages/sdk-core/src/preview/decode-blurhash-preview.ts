import { decode, isBlurhashValid } from 'blurhash';
import { ConfigError } from '../errors/config-error';
import { InputError } from '../errors/input-error';
import type { Pixels } from '../ports/image-decoder';

/**
 * Renders a blurhash into RGBA pixels of the requested size, for a review
 * queue that draws placeholders itself (a canvas, or a PNG written by the
 * server). 32×32 is plenty: the image is a blur and scales up smoothly.
 */
export function decodeBlurhashPreview(blurhash: string, width = 32, height = 32): Pixels {
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 1 ||
    height < 1 ||
    width * height > 1 << 20
  ) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `Blurhash render size must be 1..1048576 pixels, got ${width}×${height}.`,
    );
  }
  const validity = isBlurhashValid(blurhash);
  if (!validity.result) {
    throw new InputError(
      'E_CORRUPT_IMAGE',
      `Not a valid blurhash: ${validity.errorReason ?? 'unknown reason'}.`,
    );
  }
  const rgba = decode(blurhash, width, height);
  return {
    width,
    height,
    channels: 4,
    data: new Uint8Array(rgba.buffer, rgba.byteOffset, rgba.byteLength),
  };
}
