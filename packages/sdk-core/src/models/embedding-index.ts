import { ConfigError } from '../errors/config-error';

export interface EmbeddingEntry {
  id: string;
  vector: ArrayLike<number>;
  /** Recorded with a match, never interpreted. */
  category?: string;
}

export interface EmbeddingMatch {
  id: string;
  /** Cosine similarity, −1..1. */
  similarity: number;
  category?: string;
}

export interface EmbeddingSearchOptions {
  /** Only entries at least this similar. Default: the index's `minSimilarity`. */
  minSimilarity?: number;
  /** At most this many matches, most similar first. Default 10. */
  limit?: number;
}

export interface EmbeddingIndexOptions {
  dimension: number;
  entries: readonly EmbeddingEntry[];
  /** Default threshold of `search`, −1..1. Default 0.9. */
  minSimilarity?: number;
}

export interface EmbeddingIndex {
  readonly dimension: number;
  readonly size: number;
  search(vector: ArrayLike<number>, options?: EmbeddingSearchOptions): EmbeddingMatch[];
}

function unit(vector: ArrayLike<number>, dimension: number, what: string): Float64Array {
  if (vector.length !== dimension) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `${what} has ${vector.length} values, not ${dimension}.`,
    );
  }
  const out = Float64Array.from(vector);
  let norm = 0;
  for (const value of out) norm += value * value;
  norm = Math.sqrt(norm);
  if (!(norm > 0) || !Number.isFinite(norm)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `${what} is zero or not finite; cosine similarity needs a direction.`,
    );
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / norm;
  return out;
}

/**
 * A list of embedding vectors matched by cosine similarity. Entries are
 * normalised once; a search is one dot product per entry (an exact linear
 * scan: at 512 dimensions about a million multiply-adds per 2 000 entries).
 */
export function createEmbeddingIndex(options: EmbeddingIndexOptions): EmbeddingIndex {
  const { dimension, entries } = options;
  if (!Number.isInteger(dimension) || dimension < 1) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `dimension must be a positive integer, not ${dimension}.`,
    );
  }
  const defaultMin = options.minSimilarity ?? 0.9;
  const vectors = new Float64Array(entries.length * dimension);
  entries.forEach((entry, index) => {
    vectors.set(unit(entry.vector, dimension, `Embedding "${entry.id}"`), index * dimension);
  });
  const meta = entries.map(({ id, category }) => ({ id, category }));
  return {
    dimension,
    size: entries.length,
    search(vector, searchOptions = {}) {
      const query = unit(vector, dimension, 'The query embedding');
      const minSimilarity = searchOptions.minSimilarity ?? defaultMin;
      const limit = searchOptions.limit ?? 10;
      const matches: EmbeddingMatch[] = [];
      for (let e = 0; e < meta.length; e++) {
        let dot = 0;
        const base = e * dimension;
        for (let i = 0; i < dimension; i++)
          dot += (vectors[base + i] as number) * (query[i] as number);
        if (dot >= minSimilarity) {
          const { id, category } = meta[e] as { id: string; category?: string };
          matches.push(
            category === undefined ? { id, similarity: dot } : { id, similarity: dot, category },
          );
        }
      }
      matches.sort((a, b) => b.similarity - a.similarity);
      return matches.slice(0, limit);
    },
  };
}
