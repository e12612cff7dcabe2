import { isHashguardError } from '../errors/is-hashguard-error';
import { ModelError } from '../errors/model-error';
import { assertHashablePixels } from '../hashing/pdq-pixels';
import type { Pixels } from '../ports/image-decoder';
import { bindModel } from './check-model-shapes';
import { createModelSession, type ModelValueInfo } from './create-model-session';
import { mapEmbedding, mapScores } from './map-model-outputs';
import { type ModelSignalOptions, normaliseModelSignalOptions } from './model-signal-options';
import { performanceNow } from './performance-now';
import { preprocessPixels } from './preprocess-pixels';

export interface ModelSignalResult {
  /** The signal's `name`. */
  model: string;
  /** Label → score, when `outputs.scores` is set. */
  scores?: Record<string, number>;
  /** The raw embedding, when `outputs.embedding` is set. */
  embedding?: Float32Array;
  timings: { preprocessMs: number; runMs: number };
}

export interface ModelSignal {
  readonly name: string;
  /** What the model declares, for diagnostics. */
  readonly inputs: readonly ModelValueInfo[];
  readonly outputs: readonly ModelValueInfo[];
  /**
   * Preprocesses decoded pixels and runs the model. Rejects with a
   * `ModelError` (`E_MODEL_RUN`, `E_MODEL_SHAPE`, `E_MODEL_TIMEOUT`); pass the
   * outcome to `evaluateModelSignal` to turn a failure into the fail mode.
   */
  run(pixels: Pixels): Promise<ModelSignalResult>;
  close(): Promise<void>;
}

/**
 * Loads a member-supplied ONNX model once and returns a signal that scores
 * (or embeds) decoded images. Create it at start-up and reuse it: loading
 * compiles the model; runs on one signal are serialised.
 */
export async function createModelSignal(options: ModelSignalOptions): Promise<ModelSignal> {
  const config = normaliseModelSignalOptions(options);
  const session = await createModelSession(options);
  let binding: ReturnType<typeof bindModel>;
  try {
    binding = bindModel(config, session.inputs, session.outputs);
  } catch (error) {
    await session.close().catch(() => {});
    throw error;
  }
  const { preprocess } = config;
  const dims =
    preprocess.layout === 'nchw'
      ? [1, 3, preprocess.height, preprocess.width]
      : [1, preprocess.height, preprocess.width, 3];

  return {
    name: config.name,
    inputs: session.inputs,
    outputs: session.outputs,
    async run(pixels) {
      const started = performanceNow();
      // Bad pixels are the caller's error (E_INVALID_PIXELS), not the model's.
      assertHashablePixels(pixels);
      const input = preprocessPixels(pixels, preprocess);
      const preprocessed = performanceNow();
      const outputs = await session.run({ [binding.input]: { data: input, dims } });
      const result: ModelSignalResult = {
        model: config.name,
        timings: { preprocessMs: preprocessed - started, runMs: performanceNow() - preprocessed },
      };
      const read = (name: string) => {
        const tensor = outputs[name];
        if (!tensor)
          throw new ModelError('E_MODEL_SHAPE', `The model returned no output "${name}".`);
        return tensor.data;
      };
      try {
        if (config.scores && binding.scoresOutput) {
          const { labels, activation } = config.scores;
          result.scores = mapScores(
            binding.scoresOutput,
            read(binding.scoresOutput),
            labels,
            activation,
          );
        }
        if (config.embedding && binding.embeddingOutput) {
          const output = binding.embeddingOutput;
          result.embedding = mapEmbedding(output, read(output), config.embedding.dimension);
        }
      } catch (error) {
        if (isHashguardError(error)) throw error;
        throw new ModelError('E_MODEL_RUN', 'Could not read the model outputs.', { cause: error });
      }
      return result;
    },
    close: () => session.close(),
  };
}
