import { describe, expect, it } from 'vitest';
import { createNodeDigest } from './node-digest';

// Published test vectors (RFC 1321, RFC 3174, FIPS 180-2) for "abc", fed in two pieces.
const ABC = {
  md5: '900150983cd24fb0d6963f7d28e17f72',
  sha1: 'a9993e364706816aba3e25717850c26c9cd0d89d',
  sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
} as const;

describe('createNodeDigest', () => {
  it.each(Object.entries(ABC))(
    '%s of "abc" fed in chunks matches the standard vector',
    (algorithm, hex) => {
      const state = createNodeDigest().create(algorithm as keyof typeof ABC);
      state.update(new TextEncoder().encode('a'));
      state.update(new TextEncoder().encode('bc'));
      expect(state.hex()).toBe(hex);
    },
  );
});
