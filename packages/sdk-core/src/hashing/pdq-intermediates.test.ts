import { describe, expect, it } from 'vitest';
import { pdqPlainPort } from '../../test/pdq-plain-port.mjs';
import type { Pixels } from '../ports/image-decoder';
import { createHasher } from './create-hasher';
import { createPdqIntrospector } from './pdq-intermediates';

function noise(width: number, height: number, channels: 1 | 3 | 4, seed: number): Pixels {
  const data = new Uint8Array(width * height * channels);
  let state = seed | 1;
  for (let i = 0; i < data.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    data[i] = state >>> 24;
  }
  return { width, height, channels, data };
}

/** Step 7 written out: T = D · A, B = T · Dᵀ, float32 sums in increasing k. */
function dct(d: Float32Array, a: Float32Array): Float32Array {
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++)
        sum = Math.fround(sum + Math.fround(d[i * 64 + k]! * a[k * 64 + j]!));
      t[i * 64 + j] = sum;
    }
  }
  const b = new Float32Array(16 * 16);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++)
        sum = Math.fround(sum + Math.fround(t[i * 64 + k]! * d[j * 64 + k]!));
      b[i * 16 + j] = sum;
    }
  }
  return b;
}

describe('createPdqIntrospector', () => {
  it.each([
    [true, 300, 200, 3],
    [false, 300, 200, 3],
    [true, 40, 90, 1],
    [true, 700, 513, 4],
  ] as const)(
    'gives the A whose DCT is the kernel B, and the B of a plain port (simd: %s, %i×%i×%i)',
    async (simd, width, height, channels) => {
      const introspector = await createPdqIntrospector({ simd });
      const pixels = noise(width, height, channels, width * height);
      const { a, b, quality } = introspector.intermediates(pixels);
      expect(a).toHaveLength(64 * 64);
      expect(dct(introspector.dctMatrix(), a)).toEqual(b);
      const port = pdqPlainPort(pixels);
      expect(b).toEqual(port.b);
      expect(quality).toBe(port.quality);
    },
  );

  it('does not disturb a hasher: hashes are unchanged around introspection', async () => {
    const hasher = await createHasher();
    const introspector = await createPdqIntrospector();
    const first = noise(120, 80, 3, 7);
    const before = hasher.pdq(first).hash;
    introspector.intermediates(noise(64, 64, 1, 9));
    expect(hasher.pdq(first).hash).toBe(before);
  });

  it('reports zeros for an image too small to hash, not the previous image', async () => {
    const introspector = await createPdqIntrospector();
    introspector.intermediates(noise(100, 100, 3, 3));
    const { a, b, quality } = introspector.intermediates(noise(4, 100, 3, 5));
    expect(quality).toBe(0);
    expect(a.every((value) => value === 0)).toBe(true);
    expect(b.every((value) => value === 0)).toBe(true);
  });
});
