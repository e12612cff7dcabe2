// An error thrown by sdk-node's built code must be the very classes sdk-core exports:
// members branch on `instanceof InputError` or `isHashguardError(e, code)`.
import { HashguardError, InputError, isHashguardError } from '@hashguard/sdk-core';
import { describe, expect, it } from 'vitest';
import { createSharpDecoder, hashFile, normaliseDecodeLimits } from '../dist/index.js';

describe('errors across packages', () => {
  it('the sharp decoder on empty input throws sdk-core’s InputError', async () => {
    const error = await createSharpDecoder()
      .decode(new Uint8Array(0), normaliseDecodeLimits())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toBeInstanceOf(HashguardError);
    expect(isHashguardError(error, 'E_EMPTY_INPUT')).toBe(true);
    expect((error as InputError).message).toMatch(/empty/);
    expect((error as InputError).toJSON()).toEqual({
      name: 'InputError',
      code: 'E_EMPTY_INPUT',
      message: (error as InputError).message,
    });
  });

  it('keeps code, message and cause of a sharp failure', async () => {
    const error = await createSharpDecoder()
      .decode(new TextEncoder().encode('not an image at all'), normaliseDecodeLimits())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect(isHashguardError(error, 'E_UNSUPPORTED_FORMAT')).toBe(true);
    expect((error as InputError).message).toMatch(/not an image/);
    expect((error as InputError).cause).toBeInstanceOf(Error);
    expect(((error as InputError).cause as Error).message).toMatch(/unsupported image format/);
  });

  it('hashFile on a missing path rejects with E_READ_FAILED whose cause is the fs error', async () => {
    const error = await hashFile('/nonexistent/hashguard/photo.jpg').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(isHashguardError(error, 'E_READ_FAILED')).toBe(true);
    expect(((error as InputError).cause as NodeJS.ErrnoException).code).toBe('ENOENT');
  });
});
