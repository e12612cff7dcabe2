import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import type { Pixels } from '../ports/image-decoder';
import { createHasher, type Hasher, type PdqMode } from './create-hasher';
import { pdqBytesToHex } from './pdq-hash';

const ZERO_HASH = '0'.repeat(64);

/** Deterministic noise (xorshift32), fast enough for multi-megapixel buffers. */
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

/** Step 2 of the conformance README, written out: nearest neighbour to 512×512. */
function squash(pixels: Pixels): Pixels {
  const { width, height, channels } = pixels;
  const data = new Uint8Array(512 * 512 * channels);
  for (let y = 0; y < 512; y++) {
    const sourceY = Math.floor((y * height) / 512);
    for (let x = 0; x < 512; x++) {
      const from = (sourceY * width + Math.floor((x * width) / 512)) * channels;
      data.set(pixels.data.subarray(from, from + channels), (y * 512 + x) * channels);
    }
  }
  return { width: 512, height: 512, channels, data };
}

let simd: Hasher;
let scalar: Hasher;

beforeAll(async () => {
  simd = await createHasher({ simd: true });
  scalar = await createHasher({ simd: false });
});

describe('createHasher', () => {
  it('picks the SIMD build by default where WebAssembly.validate accepts it', async () => {
    expect((await createHasher()).simd).toBe(true);
    expect(simd.simd).toBe(true);
    expect(scalar.simd).toBe(false);
  });

  it('returns the hash as hex and as the same 32 bytes', () => {
    const result = simd.pdq(noise(100, 80, 3, 7));
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.bytes).toHaveLength(32);
    expect(pdqBytesToHex(result.bytes)).toBe(result.hash);
    expect(result.quality).toBeGreaterThanOrEqual(0);
    expect(result.quality).toBeLessThanOrEqual(100);
  });

  it('returns the original hash first among the dihedral hashes', () => {
    const pixels = noise(300, 200, 3, 11);
    const { hash, quality } = simd.pdq(pixels);
    const dihedral = simd.pdqDihedral(pixels);
    expect(dihedral.hashes.original).toBe(hash);
    expect(dihedral.quality).toBe(quality);
    expect(new Set(Object.values(dihedral.hashes)).size).toBe(8);
  });

  it('ignores alpha: RGBA hashes as the same RGB', () => {
    const rgb = noise(123, 77, 3, 5);
    const alpha = noise(123, 77, 1, 99).data;
    const data = new Uint8Array(123 * 77 * 4);
    for (let i = 0; i < 123 * 77; i++) {
      data.set(rgb.data.subarray(i * 3, i * 3 + 3), i * 4);
      data[i * 4 + 3] = alpha[i]!;
    }
    expect(simd.pdq({ width: 123, height: 77, channels: 4, data })).toEqual(simd.pdq(rgb));
  });

  it.each([
    [1000, 700],
    [200, 513],
    [513, 3],
  ])('reference mode squashes %i×%i to 512×512 by nearest neighbour', (width, height) => {
    const pixels = noise(width, height, 3, width + height);
    const reference = simd.pdq(pixels);
    expect(reference).toEqual(simd.pdq(squash(pixels), { mode: 'full-resolution' }));
    expect(simd.pdq(pixels, { mode: 'reference' })).toEqual(reference);
  });

  it('full-resolution mode does not squash', () => {
    const pixels = noise(1000, 700, 3, 3);
    expect(simd.pdq(pixels, { mode: 'full-resolution' }).hash).not.toBe(simd.pdq(pixels).hash);
  });

  it('hashes images up to 512 on both sides the same in both modes', () => {
    const pixels = noise(512, 300, 4, 8);
    expect(simd.pdq(pixels, { mode: 'full-resolution' })).toEqual(simd.pdq(pixels));
  });

  it.each<[number, number, PdqMode]>([
    [1, 1, 'reference'],
    [4, 4, 'reference'],
    [4, 500, 'reference'],
    [500, 4, 'reference'],
    [3, 1000, 'full-resolution'],
  ])(
    'gives %i×%i (%s) the all-zero hash with quality 0, as the reference does',
    (width, height, mode) => {
      expect(simd.pdq(noise(width, height, 3, 1), { mode })).toMatchObject({
        hash: ZERO_HASH,
        quality: 0,
      });
      const { hashes, quality } = simd.pdqDihedral(noise(width, height, 1, 1), { mode });
      expect(quality).toBe(0);
      expect(new Set(Object.values(hashes))).toEqual(new Set([ZERO_HASH]));
    },
  );

  it('hashes a 3×1000 image in reference mode, which squashes it to 512×512', () => {
    const result = simd.pdq(noise(3, 1000, 3, 4));
    expect(result.hash).not.toBe(ZERO_HASH);
    expect(result).toEqual(simd.pdq(squash(noise(3, 1000, 3, 4)), { mode: 'full-resolution' }));
  });

  it('gives the same hash whatever was hashed before (buffers reused and grown)', () => {
    const small = noise(64, 48, 3, 21);
    const first = simd.pdq(small);
    simd.pdq(noise(1500, 1200, 4, 22), { mode: 'full-resolution' });
    simd.pdq(noise(5, 5, 1, 23));
    expect(simd.pdq(small)).toEqual(first);
  });

  it('measures Hamming distance between hex and byte forms alike', () => {
    const a = simd.pdq(noise(90, 90, 1, 1));
    const b = simd.pdq(noise(90, 90, 1, 2));
    const distance = simd.hamming(a.hash, b.hash);
    expect(distance).toBeGreaterThan(0);
    expect(simd.hamming(a.bytes, b.hash)).toBe(distance);
    expect(simd.hamming(a.bytes, b.bytes)).toBe(distance);
    expect(simd.hamming(a.hash, a.bytes)).toBe(0);
    expect(simd.hamming(ZERO_HASH, 'f'.repeat(64))).toBe(256);
  });
});

describe('createHasher errors', () => {
  const valid = noise(10, 10, 3, 1);
  it.each<[string, unknown]>([
    ['data shorter than width × height × channels', { ...valid, data: valid.data.subarray(1) }],
    ['data longer than width × height × channels', { ...valid, data: new Uint8Array(301) }],
    ['zero width', { ...valid, width: 0, data: new Uint8Array(0) }],
    ['negative height', { ...valid, height: -10 }],
    ['fractional width', { ...valid, width: 10.5 }],
    ['two channels', { ...valid, channels: 2, data: new Uint8Array(200) }],
    ['data that is not bytes', { ...valid, data: new Float32Array(300) }],
    ['data missing', { width: 10, height: 10, channels: 3 }],
    ['null', null],
  ])('refuses %s with E_INVALID_PIXELS', (_, pixels) => {
    for (const call of [
      () => simd.pdq(pixels as Pixels),
      () => scalar.pdqDihedral(pixels as Pixels),
    ]) {
      expect(call).toThrow();
      try {
        call();
      } catch (error) {
        expect(isHashguardError(error, 'E_INVALID_PIXELS')).toBe(true);
      }
    }
  });

  it('accepts canvas ImageData bytes (Uint8ClampedArray)', () => {
    const clamped = new Uint8ClampedArray(valid.data);
    expect(simd.pdq({ ...valid, data: clamped as unknown as Uint8Array })).toEqual(simd.pdq(valid));
  });

  it('refuses an unknown mode with E_INVALID_OPTIONS', () => {
    expect(() => simd.pdq(valid, { mode: 'fast' as PdqMode })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_OPTIONS' }),
    );
  });

  it.each<[string, unknown]>([
    ['short hex', 'abc'],
    ['31 bytes', new Uint8Array(31)],
    ['a number', 42],
  ])('refuses a Hamming operand that is %s with E_HASH_FAILED', (_, operand) => {
    expect(() => simd.hamming(operand as string, ZERO_HASH)).toThrow(
      expect.objectContaining({ code: 'E_HASH_FAILED' }),
    );
  });
});

describe('createHasher properties', () => {
  const modes = fc.constantFrom<PdqMode>('reference', 'full-resolution');
  const channels = fc.constantFrom<1 | 3 | 4>(1, 3, 4);

  it('gives identical results from the SIMD and scalar builds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 700 }),
        fc.integer({ min: 1, max: 700 }),
        channels,
        modes,
        fc.integer(),
        (width, height, channelCount, mode, seed) => {
          const pixels = noise(width, height, channelCount, seed);
          expect(scalar.pdqDihedral(pixels, { mode })).toEqual(simd.pdqDihedral(pixels, { mode }));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('hashes an image the same in a fresh hasher as after any other image', async () => {
    // Narrow images (fewer than 64 columns) once overflowed a buffer sized for
    // the previous, larger input; a fresh hasher has no such slack.
    const side = fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 700 }));
    await fc.assert(
      fc.asyncProperty(
        side,
        side,
        channels,
        fc.boolean(),
        fc.integer(),
        async (width, height, channelCount, useSimd, seed) => {
          const pixels = noise(width, height, channelCount, seed);
          const fresh = await createHasher({ simd: useSimd });
          const warm = useSimd ? simd : scalar;
          warm.pdq(noise(600, 600, 3, seed), { mode: 'full-resolution' });
          expect(fresh.pdqDihedral(pixels)).toEqual(warm.pdqDihedral(pixels));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('never throws on pixel buffers from 1×1 to 2000×2000', () => {
    // Biased towards small sides, where the filter's edge cases live; a few
    // runs reach the multi-megapixel sizes.
    const side = fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2000 }));
    fc.assert(
      fc.property(
        side,
        side,
        channels,
        modes,
        fc.integer(),
        (width, height, channelCount, mode, seed) => {
          const result = simd.pdq(noise(width, height, channelCount, seed), { mode });
          expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(Number.isInteger(result.quality)).toBe(true);
        },
      ),
      {
        numRuns: 25,
        // The corners always run: the smallest, the largest, and extreme aspect ratios.
        examples: [
          [1, 1, 1, 'reference', 1],
          [2000, 2000, 4, 'full-resolution', 2],
          [2000, 2000, 3, 'reference', 3],
          [1, 2000, 3, 'reference', 4],
          [2000, 5, 1, 'full-resolution', 5],
        ],
      },
    );
  });
});
