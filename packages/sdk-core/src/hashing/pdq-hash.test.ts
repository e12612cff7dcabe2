import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import { pdqBytesToHex, pdqHammingBytes, pdqHexToBytes } from './pdq-hash';

const known = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';

describe('PDQ hash codec', () => {
  it('round-trips hex through bytes', () => {
    expect(pdqBytesToHex(pdqHexToBytes(known))).toBe(known);
    expect(pdqBytesToHex(pdqHexToBytes(known.toUpperCase()))).toBe(known);
  });

  it.each(['', 'xyz', known.slice(1), `${known}0`, known.replace('d', 'g')])(
    'refuses %j with a typed error',
    (bad) => {
      expect(() => pdqHexToBytes(bad)).toThrow();
      try {
        pdqHexToBytes(bad);
      } catch (error) {
        expect(isHashguardError(error, 'E_HASH_FAILED')).toBe(true);
      }
    },
  );

  it('Hamming distance is symmetric and equals a naive bit count', () => {
    const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(hash, hash, (a, b) => {
        let naive = 0;
        for (let i = 0; i < 256; i++) {
          naive += ((a[i >> 3]! >> (i & 7)) & 1) ^ ((b[i >> 3]! >> (i & 7)) & 1);
        }
        expect(pdqHammingBytes(a, b)).toBe(naive);
        expect(pdqHammingBytes(b, a)).toBe(naive);
      }),
    );
  });
});
