import { encodeOnnxModel, type OnnxNodeSpec } from './onnx-proto';

/** One output of the model: `activation(weights · meanRGB + bias)`. */
export interface MeanColorHead {
  label: string;
  /** Weights of the image's mean R, G and B (as the model receives them, e.g. 0..1). */
  weights: readonly [number, number, number];
  bias: number;
}

export interface MeanColorModelOptions {
  /** Side of the square input, or its width and height. Default 32. */
  inputSize?: number | { width: number; height: number };
  /** `nchw` (default): input [1, 3, H, W]; `nhwc`: [1, H, W, 3]. */
  layout?: 'nchw' | 'nhwc';
  /** Default {@link DEFAULT_MEAN_COLOR_HEADS}. */
  heads?: readonly MeanColorHead[];
  /** `sigmoid` (default) gives scores in 0..1; `none` gives the raw values, e.g. to use as an embedding. */
  activation?: 'sigmoid' | 'none';
}

/**
 * Fixed weights with an obvious meaning for inputs normalised to 0..1:
 * `red` is high for saturated red images, `bright` for light ones. A grey
 * (0.5) image scores 0.12 and 0.5; pure red 0.9997 and 0.12.
 */
export const DEFAULT_MEAN_COLOR_HEADS: readonly MeanColorHead[] = [
  { label: 'red', weights: [10, -5, -5], bias: -2 },
  { label: 'bright', weights: [4, 4, 4], bias: -6 },
];

export const MEAN_COLOR_INPUT = 'pixels';
export const MEAN_COLOR_OUTPUT = 'scores';

/**
 * A tiny classifier with fixed weights for tests of the threshold logic:
 * global average pool over the image → one affine map of the mean colour
 * per head (Gemm) → sigmoid. Input float32 image, output [1, heads].
 */
export function buildMeanColorModel(options: MeanColorModelOptions = {}): Uint8Array {
  const size = options.inputSize ?? 32;
  const { width, height } = typeof size === 'number' ? { width: size, height: size } : size;
  const layout = options.layout ?? 'nchw';
  const heads = options.heads ?? DEFAULT_MEAN_COLOR_HEADS;
  if (heads.length === 0) throw new Error('buildMeanColorModel: give at least one head.');
  // Gemm's B is [3, heads]: column h holds head h's weights.
  const weights = new Float32Array(3 * heads.length);
  heads.forEach((head, h) => {
    head.weights.forEach((weight, c) => {
      weights[c * heads.length + h] = weight;
    });
  });
  const bias = Float32Array.from(heads, (head) => head.bias);
  const nodes: OnnxNodeSpec[] = [];
  let image = MEAN_COLOR_INPUT;
  if (layout === 'nhwc') {
    nodes.push({
      opType: 'Transpose',
      inputs: [image],
      outputs: ['nchw'],
      attributes: { perm: [0, 3, 1, 2] },
    });
    image = 'nchw';
  }
  const activation = options.activation ?? 'sigmoid';
  const logits = activation === 'sigmoid' ? 'logits' : MEAN_COLOR_OUTPUT;
  nodes.push(
    { opType: 'GlobalAveragePool', inputs: [image], outputs: ['mean'] },
    { opType: 'Flatten', inputs: ['mean'], outputs: ['mean_rgb'], attributes: { axis: 1 } },
    { opType: 'Gemm', inputs: ['mean_rgb', 'weights', 'bias'], outputs: [logits] },
  );
  if (activation === 'sigmoid') {
    nodes.push({ opType: 'Sigmoid', inputs: [logits], outputs: [MEAN_COLOR_OUTPUT] });
  }
  return encodeOnnxModel({
    name: 'mean_color_classifier',
    docString: `heads: ${heads.map((head) => head.label).join(', ')}`,
    inputs: [
      {
        name: MEAN_COLOR_INPUT,
        shape: layout === 'nchw' ? [1, 3, height, width] : [1, height, width, 3],
      },
    ],
    outputs: [{ name: MEAN_COLOR_OUTPUT, shape: [1, heads.length] }],
    initializers: [
      { name: 'weights', dims: [3, heads.length], data: weights },
      { name: 'bias', dims: [heads.length], data: bias },
    ],
    nodes,
  });
}
