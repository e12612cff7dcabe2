import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import { createEmbeddingIndex } from './embedding-index';

describe('createEmbeddingIndex', () => {
  const index = createEmbeddingIndex({
    dimension: 3,
    minSimilarity: 0.5,
    entries: [
      { id: 'x', vector: [1, 0, 0] },
      { id: 'xy', vector: [1, 1, 0], category: 'c1' },
      { id: 'minus-x', vector: [-2, 0, 0] },
    ],
  });

  it('ranks by cosine similarity, ignoring length', () => {
    const matches = index.search([10, 0, 0]);
    expect(matches.map((m) => m.id)).toEqual(['x', 'xy']);
    expect(matches[0]?.similarity).toBeCloseTo(1, 12);
    expect(matches[1]?.similarity).toBeCloseTo(Math.SQRT1_2, 12);
    expect(matches[1]?.category).toBe('c1');
  });

  it('applies the threshold and the limit of each search', () => {
    expect(index.search([1, 0, 0], { minSimilarity: 0.9 }).map((m) => m.id)).toEqual(['x']);
    expect(index.search([1, 0, 0], { minSimilarity: -1, limit: 2 }).map((m) => m.id)).toEqual([
      'x',
      'xy',
    ]);
    expect(index.search([-1, 0, 0], { minSimilarity: -1 }).at(-1)?.similarity).toBeCloseTo(-1, 12);
  });

  it('agrees with a direct cosine computation on random vectors', () => {
    let state = 12345;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) | 0;
      return (state >>> 8) / 2 ** 24 - 0.5;
    };
    const entries = Array.from({ length: 50 }, (_, i) => ({
      id: `e${i}`,
      vector: Array.from({ length: 16 }, random),
    }));
    const query = Array.from({ length: 16 }, random);
    const cosine = (a: number[], b: number[]) => {
      let dot = 0;
      let na = 0;
      let nb = 0;
      a.forEach((v, i) => {
        dot += v * (b[i] as number);
        na += v * v;
        nb += (b[i] as number) ** 2;
      });
      return dot / Math.sqrt(na * nb);
    };
    const expected = entries
      .map((e) => ({ id: e.id, similarity: cosine(e.vector, query) }))
      .filter((m) => m.similarity >= 0.1)
      .sort((a, b) => b.similarity - a.similarity);
    const got = createEmbeddingIndex({ dimension: 16, entries }).search(query, {
      minSimilarity: 0.1,
      limit: 100,
    });
    expect(got.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    for (const [i, m] of got.entries()) {
      expect(m.similarity).toBeCloseTo(expected[i]?.similarity as number, 10);
    }
  });

  it.each([
    [
      'a vector of the wrong length',
      () => createEmbeddingIndex({ dimension: 3, entries: [{ id: 'a', vector: [1, 2] }] }),
    ],
    [
      'a zero vector',
      () => createEmbeddingIndex({ dimension: 2, entries: [{ id: 'a', vector: [0, 0] }] }),
    ],
    ['a query of the wrong length', () => index.search([1, 2])],
  ])('refuses %s with E_INVALID_OPTIONS', (_name, build) => {
    let caught: unknown;
    try {
      build();
    } catch (error) {
      caught = error;
    }
    expect(isHashguardError(caught, 'E_INVALID_OPTIONS')).toBe(true);
  });
});
