import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHasher, type Hasher } from './create-hasher';
import { DIHEDRAL_NAMES, type DihedralName } from './dihedral-names';
import { pdqBytesToHex } from './pdq-hash';
import { instantiatePdqKernel, type PdqKernel } from './wasm/pdq-kernel';

// The dihedral hashes come from sign flips and transposes of B (conformance
// README, "Dihedral variants"). These tests tie each name to the pixel
// operation it stands for, and check that the variants compose like those
// operations do.

const N = 64;

/** The image operation each name stands for, on an n×n row-major matrix. */
const PIXEL_OPERATIONS: Record<
  DihedralName,
  (r: number, c: number, n: number) => [number, number]
> = {
  // out[r][c] = in[source] — returns the source (row, column).
  original: (r, c) => [r, c],
  rotate90: (r, c, n) => [c, n - 1 - r], // counter-clockwise
  rotate180: (r, c, n) => [n - 1 - r, n - 1 - c],
  rotate270: (r, c, n) => [n - 1 - c, r], // clockwise
  flipx: (r, c, n) => [n - 1 - r, c], // top–bottom mirror
  flipy: (r, c, n) => [r, n - 1 - c], // left–right mirror
  flipPlus1: (r, c) => [c, r], // transpose
  flipMinus1: (r, c, n) => [n - 1 - c, n - 1 - r], // anti-transpose
};

function transformPixels<T extends { length: number; [i: number]: number }>(
  name: DihedralName,
  data: T,
  n: number,
  make: (length: number) => T,
): T {
  const out = make(data.length);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const [sr, sc] = PIXEL_OPERATIONS[name](r, c, n);
      out[r * n + c] = data[sr * n + sc]!;
    }
  }
  return out;
}

/** The README's table, applied to B (16×16). */
function transformB(name: DihedralName, b: Float32Array): Float32Array {
  const c = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      const value = b[i * 16 + j]!;
      const iEven = i % 2 === 0;
      const jEven = j % 2 === 0;
      const sumOdd = (i + j) % 2 === 1;
      const [negate, transpose] = {
        original: [false, false],
        rotate90: [jEven, true],
        rotate180: [sumOdd, false],
        rotate270: [iEven, true],
        flipx: [iEven, false],
        flipy: [jEven, false],
        flipPlus1: [false, true],
        flipMinus1: [sumOdd, true],
      }[name];
      c[transpose ? j * 16 + i : i * 16 + j] = negate ? -value : value;
    }
  }
  return c;
}

/** Steps 8–9: the 128th-smallest value as median, strict >, hex word 15 first. */
function hashOfB(b: Float32Array): string {
  const median = [...b].sort((x, y) => x - y)[127]!;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = 0; j < 16; j++) if (b[i * 16 + j]! > median) word |= 1 << j;
    bytes[2 * (15 - i)] = word >> 8;
    bytes[2 * (15 - i) + 1] = word & 0xff;
  }
  return pdqBytesToHex(bytes);
}

/** Which single operation equals doing `second` after `first`, found on pixels. */
function compose(first: DihedralName, second: DihedralName): DihedralName {
  const probe = Array.from({ length: 9 }, (_, i) => i);
  const twice = transformPixels(
    second,
    transformPixels(first, probe, 3, (l) => new Array(l)),
    3,
    (l) => new Array(l),
  );
  const match = DIHEDRAL_NAMES.find(
    (name) => transformPixels(name, probe, 3, (l) => new Array(l)).join() === twice.join(),
  );
  if (!match) throw new Error(`no single operation equals ${first} then ${second}`);
  return match;
}

/** 64×64 8-bit gray: the filter (window 1) and the decimation are exact identities here. */
const grayImage = fc.uint8Array({ minLength: N * N, maxLength: N * N });

let kernel: PdqKernel;
let hasher: Hasher;

beforeAll(async () => {
  kernel = await instantiatePdqKernel(true);
  hasher = await createHasher();
});

function bOf(data: Uint8Array): Float32Array {
  kernel.hash({ width: N, height: N, channels: 1, data }, false);
  return kernel.bMatrix();
}

describe('dihedral PDQ variants', () => {
  it('compute each variant as the README table applied to B, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 300 }),
        fc.integer({ min: 5, max: 300 }),
        fc.integer(),
        (w, h, seed) => {
          const data = Uint8Array.from(
            { length: w * h * 3 },
            (_, i) => (Math.imul(i + 1, seed | 1) >>> 13) & 0xff,
          );
          kernel.hash({ width: w, height: h, channels: 3, data }, false);
          const b = kernel.bMatrix();
          kernel.dihedral();
          DIHEDRAL_NAMES.forEach((name, index) => {
            expect(pdqBytesToHex(kernel.hashBytes(index))).toBe(hashOfB(transformB(name, b)));
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each(DIHEDRAL_NAMES)(
    '%s of B equals B of the image so transformed (up to float rounding)',
    (name) => {
      fc.assert(
        fc.property(grayImage, (data) => {
          const expected = transformB(name, bOf(data));
          const actual = bOf(transformPixels(name, data, N, (l) => new Uint8Array(l)));
          const scale = Math.max(...expected.map(Math.abs));
          const worst = Math.max(...actual.map((v, k) => Math.abs(v - expected[k]!)));
          expect(worst).toBeLessThanOrEqual(scale * 1e-5);
        }),
        { numRuns: 10 },
      );
    },
  );

  it('compose like the pixel operations they stand for', () => {
    expect(compose('rotate90', 'rotate90')).toBe('rotate180');
    expect(compose('rotate90', 'rotate270')).toBe('original');
    fc.assert(
      fc.property(
        fc.constantFrom(...DIHEDRAL_NAMES),
        fc.constantFrom(...DIHEDRAL_NAMES),
        fc.float32Array({ minLength: 256, maxLength: 256, noDefaultInfinity: true, noNaN: true }),
        (first, second, b) => {
          expect(transformB(second, transformB(first, b))).toEqual(
            transformB(compose(first, second), b),
          );
        },
      ),
    );
  });

  it('hash a transformed image as the composed variant of the original', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DIHEDRAL_NAMES),
        fc.constantFrom(...DIHEDRAL_NAMES),
        grayImage,
        (first, second, data) => {
          const original = hasher.pdqDihedral({ width: N, height: N, channels: 1, data }).hashes;
          const moved = transformPixels(first, data, N, (l) => new Uint8Array(l));
          const variants = hasher.pdqDihedral({
            width: N,
            height: N,
            channels: 1,
            data: moved,
          }).hashes;
          // Only float rounding separates them, which can flip a bit whose
          // value sits within rounding of the median.
          expect(
            hasher.hamming(variants[second], original[compose(first, second)]),
          ).toBeLessThanOrEqual(2);
        },
      ),
      { numRuns: 40 },
    );
  });
});
