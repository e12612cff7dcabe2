import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** The bytes given to hash or decode are unusable: empty, too big, not an image, corrupt. */
export type InputErrorCode =
  | 'E_EMPTY_INPUT'
  | 'E_INPUT_TOO_LARGE'
  | 'E_UNSUPPORTED_FORMAT'
  | 'E_CORRUPT_IMAGE'
  | 'E_IMAGE_TOO_LARGE'
  | 'E_READ_FAILED'
  /** A URL given to `checkUrl()` or `normalizeUrl()` is not an http(s) URL or has an unusable host. */
  | 'E_INVALID_URL';

export class InputError extends HashguardError<InputErrorCode> {
  constructor(code: InputErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'InputError';
  }
}
