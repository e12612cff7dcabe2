import { ModelError } from '../errors/model-error';
import type { ModelScoresOutput } from './model-signal-options';

/** Named scores from one output of `labels.length` values (batch of one). */
export function mapScores(
  output: string,
  data: Float32Array,
  labels: readonly string[],
  activation: NonNullable<ModelScoresOutput['activation']>,
): Record<string, number> {
  if (data.length !== labels.length) {
    throw new ModelError(
      'E_MODEL_SHAPE',
      `Model output "${output}" has ${data.length} values but outputs.scores.labels names ${labels.length}.`,
    );
  }
  const values = Array.from(data);
  let scaled = values;
  if (activation === 'sigmoid') scaled = values.map((v) => 1 / (1 + Math.exp(-v)));
  if (activation === 'softmax') {
    // Subtract the maximum first so large logits do not overflow exp.
    const max = Math.max(...values);
    const exps = values.map((v) => Math.exp(v - max));
    const sum = exps.reduce((a, b) => a + b, 0);
    scaled = exps.map((v) => v / sum);
  }
  const scores: Record<string, number> = {};
  labels.forEach((label, i) => {
    scores[label] = scaled[i] as number;
  });
  return scores;
}

/** A copy of the output as the embedding, checked against the expected dimension. */
export function mapEmbedding(
  output: string,
  data: Float32Array,
  dimension: number | undefined,
): Float32Array {
  if ((dimension !== undefined && data.length !== dimension) || data.length === 0) {
    throw new ModelError(
      'E_MODEL_SHAPE',
      `Model output "${output}" has ${data.length} values; outputs.embedding.dimension is ${dimension}.`,
    );
  }
  return Float32Array.from(data);
}
