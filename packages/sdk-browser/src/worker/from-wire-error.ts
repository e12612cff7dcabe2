import { ConfigError, HashguardError, HashingError, InputError } from '@hashguard/sdk-core';
import type { WireError } from './protocol';

type Rebuild = (code: string, message: string) => HashguardError;

const REBUILD: Record<string, Rebuild> = {
  InputError: (code, message) => new InputError(code as never, message),
  HashingError: (code, message) => new HashingError(code as never, message),
  ConfigError: (code, message) => new ConfigError(code as never, message),
};

/** The worker's error rebuilt on the page as the same Hashguard class and code. */
export function fromWireError(wire: WireError): Error {
  if (wire.code !== undefined) {
    const rebuild = REBUILD[wire.name];
    return rebuild ? rebuild(wire.code, wire.message) : new HashguardError(wire.code, wire.message);
  }
  if (wire.name === 'AbortError') return new DOMException(wire.message, 'AbortError');
  return new HashingError(
    'E_HASH_FAILED',
    `Hashing failed in the worker: ${wire.name}: ${wire.message}`,
  );
}
