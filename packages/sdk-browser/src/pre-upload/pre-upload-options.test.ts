import { isHashguardError } from '@hashguard/sdk-core';
import { describe, expect, it } from 'vitest';
import { normalisePreUploadOptions, type PreUploadCheckOptions } from './pre-upload-options';

describe('normalisePreUploadOptions', () => {
  it('fills defaults, and runs in the main thread where Worker does not exist (Node)', () => {
    expect(
      normalisePreUploadOptions({
        endpoint: new URL('https://member.example/match'),
        policy: 'block',
      }),
    ).toEqual({
      endpoint: 'https://member.example/match',
      policy: 'block',
      fetchOptions: {},
      worker: false,
      timeoutMs: 10_000,
      retryLimit: 2,
      maxPixels: 100_000_000,
      dihedral: false,
    });
  });

  it.each([
    [{ policy: 'block' }, 'E_MISSING_OPTION'],
    [{ endpoint: '/match', policy: 'quarantine' }, 'E_INVALID_OPTIONS'],
    [{ endpoint: '/match' }, 'E_INVALID_OPTIONS'],
    [{ endpoint: '/match', policy: 'block', timeoutMs: 0 }, 'E_INVALID_OPTIONS'],
    [{ endpoint: '/match', policy: 'block', retryLimit: -1 }, 'E_INVALID_OPTIONS'],
    [{ endpoint: '/match', policy: 'block', maxPixels: 1.5 }, 'E_INVALID_OPTIONS'],
  ])('refuses %j with %s', (options, code) => {
    let caught: unknown;
    try {
      normalisePreUploadOptions(options as unknown as PreUploadCheckOptions);
    } catch (error) {
      caught = error;
    }
    expect(isHashguardError(caught, code)).toBe(true);
  });
});
