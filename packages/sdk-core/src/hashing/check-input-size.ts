import { InputError } from '../errors/input-error';
import type { DecodeLimits } from '../ports/image-decoder';

/**
 * The checks every `ImageDecoder` makes before decoding: refuse empty input,
 * and input over `limits.maxBytes`, before any decoder work is spent on it.
 */
export function checkInputSize(bytes: Uint8Array, limits: Pick<DecodeLimits, 'maxBytes'>): void {
  if (bytes.byteLength === 0) {
    throw new InputError('E_EMPTY_INPUT', 'The input is empty (0 bytes): nothing to decode.');
  }
  if (bytes.byteLength > limits.maxBytes) {
    throw new InputError(
      'E_INPUT_TOO_LARGE',
      `The input is ${bytes.byteLength} bytes, over the limit of ${limits.maxBytes} (limits.maxBytes).`,
    );
  }
}
