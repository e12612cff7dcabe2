import { ConfigError } from '../errors/config-error';
import type { ModelSessionOptions } from './create-model-session';
import type { PreprocessConfig } from './preprocess-pixels';

/**
 * How 8-bit samples become model inputs, on the 0..1 scale:
 * `unit` 0..1 (default), `symmetric` −1..1 (mean 0.5, std 0.5), `imagenet`
 * (torchvision's mean/std), or the model's own per-channel mean and std.
 */
export type ModelNormalize =
  | 'unit'
  | 'symmetric'
  | 'imagenet'
  | { mean: readonly [number, number, number]; std: readonly [number, number, number] };

/** Map an output to named scores: element i of the output is `labels[i]`. */
export interface ModelScoresOutput {
  /** Output name. Default: the model's first output. */
  name?: string;
  labels: readonly string[];
  /** Applied before thresholds. Default `none` (the model already outputs probabilities). */
  activation?: 'none' | 'sigmoid' | 'softmax';
}

/** Use an output as an embedding vector (for `createEmbeddingIndex`). */
export interface ModelEmbeddingOutput {
  /** Output name. Default: the model's first output. */
  name?: string;
  /** Expected length; checked against the model when it declares its shape, and on every run. */
  dimension?: number;
}

export interface ModelSignalOptions extends ModelSessionOptions {
  /** Names the signal in errors and results. Default `'model'`. */
  name?: string;
  /** Model input side (square) or width and height, in pixels. */
  inputSize: number | { width: number; height: number };
  /** Default `bilinear` (half-pixel centres, no antialiasing); `nearest` is faster. */
  resize?: 'bilinear' | 'nearest';
  /** Default `unit`. */
  normalize?: ModelNormalize;
  /** `nchw` ([1, 3, H, W], default: PyTorch exports) or `nhwc` ([1, H, W, 3]: TensorFlow exports). */
  layout?: 'nchw' | 'nhwc';
  /** Default `rgb`; `bgr` for models trained on OpenCV-decoded images. */
  channelOrder?: 'rgb' | 'bgr';
  /** Input name. Default: the model's only input. */
  inputName?: string;
  /** At least one of `scores` and `embedding`. */
  outputs: { scores?: ModelScoresOutput; embedding?: ModelEmbeddingOutput };
}

/** Options with every default filled in. */
export interface NormalisedModelSignalOptions {
  name: string;
  preprocess: PreprocessConfig;
  inputName: string | undefined;
  scores: (Required<Omit<ModelScoresOutput, 'name'>> & { name: string | undefined }) | undefined;
  embedding: { name: string | undefined; dimension: number | undefined } | undefined;
}

const NORMALIZE: Record<'unit' | 'symmetric' | 'imagenet', { mean: number[]; std: number[] }> = {
  unit: { mean: [0, 0, 0], std: [1, 1, 1] },
  symmetric: { mean: [0.5, 0.5, 0.5], std: [0.5, 0.5, 0.5] },
  imagenet: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
};

function invalid(message: string): ConfigError {
  return new ConfigError('E_INVALID_OPTIONS', `createModelSignal: ${message}`);
}

function side(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 4096) {
    throw invalid(`${name} must be an integer within 1..4096, not ${value}.`);
  }
  return value;
}

function triple(name: string, value: readonly number[], positive: boolean) {
  if (!Array.isArray(value) || value.length !== 3 || !value.every(Number.isFinite)) {
    throw invalid(`normalize.${name} must be three finite numbers.`);
  }
  if (positive && !value.every((v) => v > 0)) throw invalid(`normalize.${name} must be positive.`);
  return [value[0], value[1], value[2]] as const;
}

export function normaliseModelSignalOptions(
  options: ModelSignalOptions,
): NormalisedModelSignalOptions {
  const size = options.inputSize;
  const width = side('inputSize width', typeof size === 'number' ? size : size?.width);
  const height = side('inputSize height', typeof size === 'number' ? size : size?.height);
  const resize = options.resize ?? 'bilinear';
  if (resize !== 'bilinear' && resize !== 'nearest') {
    throw invalid(`resize must be 'bilinear' or 'nearest', not ${String(resize)}.`);
  }
  const layout = options.layout ?? 'nchw';
  if (layout !== 'nchw' && layout !== 'nhwc') {
    throw invalid(`layout must be 'nchw' or 'nhwc', not ${String(layout)}.`);
  }
  const channelOrder = options.channelOrder ?? 'rgb';
  if (channelOrder !== 'rgb' && channelOrder !== 'bgr') {
    throw invalid(`channelOrder must be 'rgb' or 'bgr', not ${String(channelOrder)}.`);
  }
  const normalize = options.normalize ?? 'unit';
  const named = typeof normalize === 'string' ? NORMALIZE[normalize] : normalize;
  if (!named) throw invalid(`unknown normalize ${String(normalize)}.`);
  const mean = triple('mean', named.mean, false);
  const std = triple('std', named.std, true);

  const { scores, embedding } = options.outputs ?? {};
  if (!scores && !embedding) throw invalid('outputs needs `scores`, `embedding` or both.');
  if (scores) {
    const labels = scores.labels;
    if (
      !Array.isArray(labels) ||
      labels.length === 0 ||
      !labels.every((l) => typeof l === 'string')
    ) {
      throw invalid('outputs.scores.labels must be a non-empty array of names.');
    }
    if (new Set(labels).size !== labels.length)
      throw invalid('outputs.scores.labels repeat a name.');
    const activation = scores.activation ?? 'none';
    if (!['none', 'sigmoid', 'softmax'].includes(activation)) {
      throw invalid(
        `outputs.scores.activation must be none, sigmoid or softmax, not ${activation}.`,
      );
    }
  }
  if (
    embedding?.dimension !== undefined &&
    !(Number.isInteger(embedding.dimension) && embedding.dimension > 0)
  ) {
    throw invalid('outputs.embedding.dimension must be a positive integer.');
  }
  return {
    name: options.name ?? 'model',
    preprocess: { width, height, resize, layout, mean, std, channelOrder },
    inputName: options.inputName,
    scores: scores && {
      name: scores.name,
      labels: [...scores.labels],
      activation: scores.activation ?? 'none',
    },
    embedding: embedding && { name: embedding.name, dimension: embedding.dimension },
  };
}
