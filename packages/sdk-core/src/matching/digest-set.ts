import { DIGEST_BYTES, type DigestAlgorithm } from './hash-entry';

export interface DigestSet {
  readonly algorithm: DigestAlgorithm;
  readonly size: number;
  /** Rows holding exactly this digest (several when lists share it), in row order. */
  lookup(digest: string | Uint8Array): number[];
}

/** Hex digit values by char code (−1: not a hex digit). */
const HEX_VALUE = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    table['0123456789abcdef'.charCodeAt(i)] = i;
    table['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return table;
})();

/**
 * An exact-match set over packed digests (`values`: `width` bytes per row):
 * open addressing with linear probing in an `Int32Array` of row ids, sized to
 * a power of two ≥ 2 × rows. Digests are uniformly distributed already, so
 * the first four bytes are the hash. Measured against a `Map` of hex strings
 * (bench/index.bench.mjs, 1 M MD5s): 8 MiB vs ~70 MiB, 30× faster to build,
 * lookups as fast; no object per row.
 */
export function createDigestSet(algorithm: DigestAlgorithm, values: Uint8Array): DigestSet {
  const width = DIGEST_BYTES[algorithm];
  const size = Math.floor(values.length / width);
  let capacity = 8;
  while (capacity < size * 2) capacity *= 2;
  const mask = capacity - 1;
  const table = new Int32Array(capacity).fill(-1);
  for (let row = 0; row < size; row++) {
    let slot = bucketOf(values, row * width) & mask;
    while (table[slot] !== -1) slot = (slot + 1) & mask;
    table[slot] = row;
  }
  const query = new Uint8Array(width);
  return {
    algorithm,
    size,
    lookup(digest) {
      if (typeof digest === 'string') {
        if (digest.length !== width * 2) return [];
        for (let i = 0; i < width; i++) {
          const high = HEX_VALUE[digest.charCodeAt(i * 2)] ?? -1;
          const low = HEX_VALUE[digest.charCodeAt(i * 2 + 1)] ?? -1;
          if (high < 0 || low < 0) return [];
          query[i] = (high << 4) | low;
        }
      } else {
        if (digest.length !== width) return [];
        query.set(digest);
      }
      const rows: number[] = [];
      // Equal digests share a probe run: walk it to the first empty slot.
      for (let slot = bucketOf(query, 0) & mask; table[slot] !== -1; slot = (slot + 1) & mask) {
        const row = table[slot]!;
        if (equalAt(values, row * width, query, width)) rows.push(row);
      }
      return rows.sort((a, b) => a - b);
    },
  };
}

function bucketOf(bytes: Uint8Array, at: number): number {
  return (
    (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0
  );
}

function equalAt(values: Uint8Array, at: number, query: Uint8Array, width: number): boolean {
  for (let i = 0; i < width; i++) if (values[at + i] !== query[i]) return false;
  return true;
}
