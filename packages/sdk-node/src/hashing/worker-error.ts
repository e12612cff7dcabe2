import {
  ConfigError,
  HashguardError,
  HashingError,
  InputError,
  isHashguardError,
} from '@hashguard/sdk-core';

/** A Hashguard error as it crosses a worker boundary (structured clone drops classes). */
export interface SerialisedError {
  name: string;
  code: string;
  message: string;
}

export function serialiseError(error: unknown): SerialisedError {
  if (isHashguardError(error)) {
    return { name: error.name, code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'HashingError', code: 'E_HASH_FAILED', message: `Hashing failed: ${message}` };
}

/** Rebuilds the error class on this side, so `instanceof InputError` holds after a worker. */
export function reviveError(error: SerialisedError): HashguardError {
  switch (error.name) {
    case 'InputError':
      return new InputError(error.code as InputError['code'], error.message);
    case 'HashingError':
      return new HashingError(error.code as HashingError['code'], error.message);
    case 'ConfigError':
      return new ConfigError(error.code as ConfigError['code'], error.message);
    default:
      return new HashguardError(error.code, error.message);
  }
}
