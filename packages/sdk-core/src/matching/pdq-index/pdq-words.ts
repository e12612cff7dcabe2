import { ListError } from '../../errors/list-error';
import { pdqHexToBytes } from '../../hashing/pdq-hash';

/**
 * PDQ hashes as 8 × 32-bit words each, in one `Uint32Array` (a zero-copy view
 * of a snapshot's packed 32-byte block when it is 4-byte aligned). The word
 * byte order is the platform's; Hamming distance does not depend on it as
 * long as queries go through the same view, which `pdqQueryWords` ensures.
 */
export function pdqWordsView(values: Uint8Array): Uint32Array {
  if (values.byteLength % 32 !== 0) {
    throw new ListError(
      'E_LIST_MALFORMED',
      `PDQ block of ${values.byteLength} bytes is not a multiple of 32`,
    );
  }
  if (values.byteOffset % 4 === 0)
    return new Uint32Array(values.buffer, values.byteOffset, values.byteLength / 4);
  return new Uint32Array(values.slice().buffer);
}

/** A query hash (hex or 32 bytes) as 8 words, through the same view as the data. */
export function pdqQueryWords(hash: string | Uint8Array, out = new Uint32Array(8)): Uint32Array {
  const bytes = typeof hash === 'string' ? pdqHexToBytes(hash) : hash;
  new Uint8Array(out.buffer, out.byteOffset, 32).set(bytes.subarray(0, 32));
  return out;
}

/** Bits set in a 32-bit word (SWAR; V8 inlines it). */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Hamming distance between row `row` of `words` and `query`, or any value
 * above `limit` once the first half already exceeds it (early exit).
 */
export function pdqDistanceAt(
  words: Uint32Array,
  row: number,
  query: Uint32Array,
  limit: number,
): number {
  const base = row * 8;
  let distance =
    popcount32(words[base]! ^ query[0]!) +
    popcount32(words[base + 1]! ^ query[1]!) +
    popcount32(words[base + 2]! ^ query[2]!) +
    popcount32(words[base + 3]! ^ query[3]!);
  if (distance > limit) return distance;
  distance +=
    popcount32(words[base + 4]! ^ query[4]!) +
    popcount32(words[base + 5]! ^ query[5]!) +
    popcount32(words[base + 6]! ^ query[6]!) +
    popcount32(words[base + 7]! ^ query[7]!);
  return distance;
}
