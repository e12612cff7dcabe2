import type { Pixels } from '../ports/image-decoder';

/** How pixels become the model's input tensor; complete, built once by `normaliseModelSignalOptions`. */
export interface PreprocessConfig {
  width: number;
  height: number;
  resize: 'bilinear' | 'nearest';
  layout: 'nchw' | 'nhwc';
  /** Per channel, in model channel order, on the 0..1 scale: value = (sample / 255 - mean) / std. */
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** `bgr` for models trained on OpenCV-decoded images. */
  channelOrder: 'rgb' | 'bgr';
}

/**
 * Source positions of one axis. Both modes map output sample centres onto
 * input sample centres (`(x + 0.5) * in / out - 0.5`), as PyTorch's
 * `interpolate(align_corners=False)` and OpenCV's INTER_LINEAR do. Nearest
 * takes the input sample that centre falls in (PIL's NEAREST). Neither
 * antialiases: a large downscale samples, it does not average.
 */
interface Axis {
  low: Int32Array;
  high: Int32Array;
  weight: Float32Array;
}

function axis(inSize: number, outSize: number, mode: PreprocessConfig['resize']): Axis {
  const low = new Int32Array(outSize);
  const high = new Int32Array(outSize);
  const weight = new Float32Array(outSize);
  const scale = inSize / outSize;
  for (let x = 0; x < outSize; x++) {
    if (mode === 'nearest') {
      const source = Math.min(inSize - 1, Math.floor((x + 0.5) * scale));
      low[x] = source;
      high[x] = source;
      continue;
    }
    const centre = Math.min(inSize - 1, Math.max(0, (x + 0.5) * scale - 0.5));
    const floor = Math.floor(centre);
    low[x] = floor;
    high[x] = Math.min(inSize - 1, floor + 1);
    weight[x] = centre - floor;
  }
  return { low, high, weight };
}

/**
 * Resizes 8-bit gray, RGB or RGBA pixels to the model's input size and
 * writes normalised float32 RGB (or BGR) in `layout`. Gray is repeated into
 * three channels; alpha is ignored, as PDQ ignores it.
 */
export function preprocessPixels(pixels: Pixels, config: PreprocessConfig): Float32Array {
  const { width, height, layout } = config;
  const out = new Float32Array(3 * width * height);
  const xs = axis(pixels.width, width, config.resize);
  const ys = axis(pixels.height, height, config.resize);
  const { data, channels } = pixels;
  const rowBytes = pixels.width * channels;
  // Model channel c reads source channel `order[c]` (gray: always 0).
  const order = channels === 1 ? [0, 0, 0] : config.channelOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  const plane = width * height;
  for (let c = 0; c < 3; c++) {
    const source = order[c] as number;
    // (v / 255 - mean) / std as one multiply-add per sample.
    const gain = 1 / (255 * (config.std[c] as number));
    const offset = -(config.mean[c] as number) / (config.std[c] as number);
    for (let y = 0; y < height; y++) {
      const top = (ys.low[y] as number) * rowBytes;
      const bottom = (ys.high[y] as number) * rowBytes;
      const wy = ys.weight[y] as number;
      for (let x = 0; x < width; x++) {
        const left = (xs.low[x] as number) * channels + source;
        const right = (xs.high[x] as number) * channels + source;
        const wx = xs.weight[x] as number;
        const upper = (data[top + left] as number) * (1 - wx) + (data[top + right] as number) * wx;
        const lower =
          (data[bottom + left] as number) * (1 - wx) + (data[bottom + right] as number) * wx;
        const value = (upper * (1 - wy) + lower * wy) * gain + offset;
        const at = layout === 'nchw' ? c * plane + y * width + x : (y * width + x) * 3 + c;
        out[at] = value;
      }
    }
  }
  return out;
}
