import { HashingError, InputError, isHashguardError } from '@hashguard/sdk-core';
import { describe, expect, it } from 'vitest';
import { fromWireError } from './from-wire-error';
import { toWireError } from './to-wire-error';

/** What postMessage does to a value: a structured clone. */
const overTheWire = <T>(value: T): T => structuredClone(value);

describe('errors crossing the worker boundary', () => {
  it.each([
    new InputError('E_IMAGE_TOO_LARGE', 'too many pixels'),
    new HashingError('E_WASM_UNAVAILABLE', 'no wasm'),
  ])('a $name keeps its class name, code and message', (error) => {
    const rebuilt = fromWireError(overTheWire(toWireError(error)));
    expect(isHashguardError(rebuilt, error.code)).toBe(true);
    expect(rebuilt).toMatchObject({ name: error.name, message: error.message });
  });

  it('an abort stays an AbortError', () => {
    const rebuilt = fromWireError(overTheWire(toWireError(new DOMException('stop', 'AbortError'))));
    expect(rebuilt).toMatchObject({ name: 'AbortError', message: 'stop' });
  });

  it('anything else becomes E_HASH_FAILED with the original message', () => {
    const rebuilt = fromWireError(overTheWire(toWireError(new TypeError('boom'))));
    expect(isHashguardError(rebuilt, 'E_HASH_FAILED')).toBe(true);
    expect(rebuilt.message).toContain('TypeError: boom');
  });
});
