import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pdqPlainPort } from '../../../test/pdq-plain-port.mjs';
import { pdqBytesToHex } from '../pdq-hash';
import { instantiatePdqKernel, pdqSimdSupported } from './pdq-kernel';

/**
 * Step 7 of the conformance README, evaluated in JS: the cosine and the
 * product in double, the scale rounded to float32 first, the product rounded
 * to float32 once. V8's Math.cos agrees with glibc's on all 1024 arguments
 * (checked when the table was generated), so this is the reference's table.
 */
function dctEntry(i: number, j: number): number {
  const scale = Math.fround(Math.sqrt(2 / 64));
  return Math.fround(scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1)));
}

describe('PDQ WebAssembly kernel', () => {
  it('validates the SIMD build on this Node', () => {
    expect(pdqSimdSupported()).toBe(true);
  });

  it.each([true, false])(
    'ships the DCT matrix of the formula, bit for bit (simd: %s)',
    async (simd) => {
      const kernel = await instantiatePdqKernel(simd);
      const table = kernel.dctMatrix();
      const mismatches: string[] = [];
      for (let i = 0; i < 16; i++) {
        for (let j = 0; j < 64; j++) {
          if (!Object.is(table[i * 64 + j], dctEntry(i, j))) mismatches.push(`D[${i}][${j}]`);
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('gives each kernel its own memory', async () => {
    const a = await instantiatePdqKernel(true);
    const b = await instantiatePdqKernel(true);
    const flat = { width: 8, height: 8, channels: 1 as const, data: new Uint8Array(64).fill(9) };
    const ramp = {
      width: 8,
      height: 8,
      channels: 1 as const,
      data: Uint8Array.from({ length: 64 }, (_, i) => i * 3),
    };
    a.hash(ramp, false);
    const rampHash = a.hashBytes(0);
    b.hash(flat, false);
    expect(a.hashBytes(0)).toEqual(rampHash);
    expect(b.hashBytes(0)).not.toEqual(rampHash);
  });

  it.each([true, false])(
    'agrees bit for bit with a plain port of the README pipeline on any image (simd: %s)',
    async (simd) => {
      // The port (test/pdq-plain-port.mjs) shares no code with the kernel: full
      // passes, strided columns, its own DCT table. Sizes cover the kernel's
      // special paths: SIMD strip remainders, columns not a multiple of 4,
      // fewer than 64 rows or columns, and the squash.
      const kernel = await instantiatePdqKernel(simd);
      const side = fc.oneof(fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 700 }));
      fc.assert(
        fc.property(
          side,
          side,
          fc.constantFrom<1 | 3 | 4>(1, 3, 4),
          fc.boolean(),
          fc.integer(),
          (width, height, channels, fullResolution, seed) => {
            const data = new Uint8Array(width * height * channels);
            let state = seed | 1;
            for (let i = 0; i < data.length; i++) {
              state = (Math.imul(state, 1103515245) + 12345) | 0;
              data[i] = state >>> 24;
            }
            const pixels = { width, height, channels, data };
            const expected = pdqPlainPort(pixels, fullResolution);
            const quality = kernel.hash(pixels, fullResolution);
            expect(kernel.bMatrix()).toEqual(expected.b);
            expect(pdqBytesToHex(kernel.hashBytes(0))).toBe(expected.hash);
            expect(quality).toBe(expected.quality);
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});
