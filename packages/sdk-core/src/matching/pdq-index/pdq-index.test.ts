import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdqBytesToHex } from '../../hashing/pdq-hash';
import { scanPdqLinear } from './linear-scan';
import { ballVolume, planMih } from './mih-plan';
import { createPdqIndex, type PdqIndex } from './pdq-index';
import { pdqQueryWords, pdqWordsView } from './pdq-words';

const ROWS = 100_000;
const PLANTED = 2_000;

/** Deterministic uniform words (xorshift), so a failure reproduces. */
function randomBlock(rows: number, seed: number): Uint8Array {
  let state = seed >>> 0 || 1;
  const words = new Uint32Array(rows * 8);
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  return new Uint8Array(words.buffer);
}

function flipBits(hash: Uint8Array, bits: readonly number[]): Uint8Array {
  const out = hash.slice();
  for (const bit of bits) out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

const rowsOf = (hits: { row: number; distance: number }[]) =>
  hits.map((hit) => `${hit.row}:${hit.distance}`).sort();

describe('createPdqIndex', () => {
  // 100 k random hashes, the last PLANTED of which are near-duplicates (0..40
  // bits flipped) of earlier ones: clusters the index must not miss.
  const values = randomBlock(ROWS, 20_240_601);
  const words = pdqWordsView(values);
  for (let i = 0; i < PLANTED; i++) {
    const source = (i * 37) % (ROWS - PLANTED);
    const flips = Array.from({ length: i % 41 }, (_, k) => (i * 13 + k * 97) % 256);
    values.set(
      flipBits(values.subarray(source * 32, source * 32 + 32), [...new Set(flips)]),
      (ROWS - PLANTED + i) * 32,
    );
  }
  let index: PdqIndex;
  let classic: PdqIndex;
  beforeAll(() => {
    index = createPdqIndex(values);
    classic = createPdqIndex(values, { slotBits: 16 });
  });

  it('finds exactly what a linear scan finds, for near-duplicate and random queries at thresholds 0..63', () => {
    const queryArb = fc.oneof(
      // A listed hash with up to 63 bits flipped: hits at every threshold.
      fc
        .record({
          row: fc.integer({ min: 0, max: ROWS - 1 }),
          flips: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { maxLength: 63 }),
        })
        .map(({ row, flips }) => flipBits(values.subarray(row * 32, row * 32 + 32), flips)),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
    );
    fc.assert(
      fc.property(queryArb, fc.integer({ min: 0, max: 63 }), (query, threshold) => {
        const expected = rowsOf(scanPdqLinear(words, pdqQueryWords(query), threshold));
        expect(rowsOf(index.query(query, { threshold }))).toEqual(expected);
        expect(rowsOf(classic.query(pdqBytesToHex(query), { threshold }))).toEqual(expected);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('agrees with a linear scan at every threshold 0..63 for planted near-duplicates', () => {
    for (let threshold = 0; threshold <= 63; threshold++) {
      const query = values.subarray(
        (ROWS - PLANTED + threshold * 31) * 32,
        (ROWS - PLANTED + threshold * 31) * 32 + 32,
      );
      const expected = rowsOf(scanPdqLinear(words, pdqQueryWords(query), threshold));
      expect(expected.length).toBeGreaterThan(0);
      expect(rowsOf(index.query(query, { threshold }))).toEqual(expected);
    }
  });

  it('is exact for odd slot widths that leave bits unindexed', () => {
    const small = values.subarray(0, 5_000 * 32);
    const smallWords = pdqWordsView(small);
    for (const slotBits of [7, 11, 13, 20]) {
      const odd = createPdqIndex(small, { slotBits });
      for (let q = 0; q < 20; q++) {
        const query = flipBits(
          small.subarray(q * 32, q * 32 + 32),
          Array.from({ length: q * 2 }, (_, k) => k * 7),
        );
        for (const threshold of [0, 9, 31, 47]) {
          expect(rowsOf(odd.query(query, { threshold }))).toEqual(
            rowsOf(scanPdqLinear(smallWords, pdqQueryWords(query), threshold)),
          );
        }
      }
    }
  });

  it('keeps each entry once with its best distance over dihedral variants', () => {
    const listed = values.subarray(0, 32);
    const far = flipBits(
      listed,
      Array.from({ length: 60 }, (_, k) => k * 4),
    );
    const near = flipBits(listed, [1, 2, 3]);
    expect(index.query(far, { threshold: 31 }).some((hit) => hit.row === 0)).toBe(false);
    const hits = index.query(far, { threshold: 31, dihedral: [pdqBytesToHex(near), listed] });
    expect(hits.filter((hit) => hit.row === 0)).toEqual([{ row: 0, distance: 0 }]);
  });

  it('returns hits closest first and rejects a bad threshold', () => {
    const hits = index.query(values.subarray(ROWS * 32 - 32), { threshold: 63 });
    expect(hits.map((hit) => hit.distance)).toEqual(
      [...hits.map((hit) => hit.distance)].sort((a, b) => a - b),
    );
    expect(() => index.query(values.subarray(0, 32), { threshold: -1 })).toThrow(/threshold/);
    expect(() => index.query(values.subarray(0, 32), { threshold: 1.5 })).toThrow(/threshold/);
  });
});

describe('planMih', () => {
  it('gives 16 × 16-bit slots radius 1 at threshold 31 (the classic ⌊d/16⌋)', () => {
    expect([...planMih(16, 16, 1e6, 31).radii]).toEqual(new Array(16).fill(1));
  });

  it('always hands out exactly d + 1 probe units, so the pigeonhole argument holds', () => {
    for (const slots of [11, 12, 16, 32]) {
      for (let threshold = 0; threshold <= 80; threshold++) {
        const radii = [...planMih(Math.floor(256 / slots), slots, 1e6, threshold).radii];
        expect(radii.reduce((sum, radius) => sum + radius + 1, 0)).toBe(threshold + 1);
      }
    }
  });

  it('counts ball volumes', () => {
    expect(ballVolume(16, 1)).toBe(17);
    expect(ballVolume(22, 2)).toBe(1 + 22 + 231);
  });
});
