import { describe, expect, it } from 'vitest';
import { sha256Ascii } from './sha256';

// FIPS 180-2 appendix B vectors, plus lengths around the one-block padding edge
// and a multi-block input (reference digests from an independent implementation).
const VECTORS: [string, string][] = [
  ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  [
    'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  ],
  ['x'.repeat(55), 'd5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072'],
  ['x'.repeat(56), '04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e'],
  ['a'.repeat(1000), '41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3'],
];

describe('sha256Ascii', () => {
  it.each(VECTORS)('hashes a %#th reference input to its known digest', (input, digest) => {
    expect(sha256Ascii(input)).toBe(digest);
  });
});
