import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** The hashing core could not start or was given pixels it cannot hash. */
export type HashingErrorCode = 'E_WASM_UNAVAILABLE' | 'E_INVALID_PIXELS' | 'E_HASH_FAILED';

export class HashingError extends HashguardError<HashingErrorCode> {
  constructor(code: HashingErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'HashingError';
  }
}
