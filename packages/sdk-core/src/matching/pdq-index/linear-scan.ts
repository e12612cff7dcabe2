import { pdqDistanceAt } from './pdq-words';

/** One PDQ entry within the threshold: its row in the PDQ column and its Hamming distance. */
export interface PdqHit {
  row: number;
  distance: number;
}

/**
 * Every row within `threshold` of `query`, by scanning all of them: the
 * reference the index is tested against, and its fallback when a threshold is
 * so wide that probing would cost more than scanning.
 */
export function scanPdqLinear(words: Uint32Array, query: Uint32Array, threshold: number): PdqHit[] {
  const hits: PdqHit[] = [];
  const count = words.length >>> 3;
  for (let row = 0; row < count; row++) {
    const distance = pdqDistanceAt(words, row, query, threshold);
    if (distance <= threshold) hits.push({ row, distance });
  }
  return hits;
}
