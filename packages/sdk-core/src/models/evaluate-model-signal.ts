import type { Pixels } from '../ports/image-decoder';
import type { ModelSignalEvidence } from './apply-model-signal';
import type { ModelSignal } from './create-model-signal';
import type { EmbeddingIndex } from './embedding-index';

export interface EvaluateModelSignalOptions {
  /** Searched with the model's embedding, when it gives one. */
  embeddingIndex?: EmbeddingIndex;
  /** Passed to `embeddingIndex.search`. Default: the index's own. */
  minSimilarity?: number;
}

/**
 * Runs a signal on decoded pixels and never rejects: a failure becomes
 * evidence `{ ok: false }` for `applyModelSignal` to settle by fail mode.
 */
export async function evaluateModelSignal(
  signal: ModelSignal,
  pixels: Pixels,
  options: EvaluateModelSignalOptions = {},
): Promise<ModelSignalEvidence> {
  try {
    const result = await signal.run(pixels);
    if (!options.embeddingIndex || !result.embedding) return { ok: true, result };
    const search =
      options.minSimilarity === undefined ? {} : { minSimilarity: options.minSimilarity };
    return {
      ok: true,
      result,
      embeddingMatches: options.embeddingIndex.search(result.embedding, search),
    };
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return {
      ok: false,
      model: signal.name,
      error: {
        code: typeof code === 'string' ? code : 'E_MODEL_RUN',
        message: typeof message === 'string' ? message : String(error),
      },
    };
  }
}
