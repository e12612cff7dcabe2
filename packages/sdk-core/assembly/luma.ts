import { SQUASH_COLS } from './layout';

// Step 3 of the conformance README: float32 coefficients, summed left to right.
const LUMA_R: f32 = 0.299;
const LUMA_G: f32 = 0.587;
const LUMA_B: f32 = 0.114;

/** Reference mode squashes to this size when either side is larger (step 2). */
export const SQUASH_SIZE: i32 = 512;

/**
 * Writes the float luma of `rows × cols` pixels to `out`. When the image is
 * squashed (rows, cols differ from height, width), each output pixel takes
 * the nearest source pixel `floor(x * W / 512)`, computed in double (step 2);
 * taking luma after sampling equals sampling the luma.
 */
export function fillLuma(
  pixels: usize,
  width: i32,
  height: i32,
  channels: i32,
  rows: i32,
  cols: i32,
  out: usize,
): void {
  const squashed = rows !== height || cols !== width;
  if (squashed) {
    for (let x = 0; x < cols; x++) {
      const source = <i32>Math.floor((<f64>x * <f64>width) / <f64>cols);
      store<i32>(SQUASH_COLS + ((<usize>x) << 2), source * channels);
    }
  }
  const rowBytes = <usize>width * <usize>channels;
  for (let y = 0; y < rows; y++) {
    const sourceRow = squashed ? <i32>Math.floor((<f64>y * <f64>height) / <f64>rows) : y;
    const src = pixels + <usize>sourceRow * rowBytes;
    const dst = out + ((<usize>y * <usize>cols) << 2);
    if (squashed) {
      lumaRowSampled(src, dst, cols, channels);
    } else if (channels === 1) {
      grayRow(src, dst, cols);
    } else {
      colourRow(src, dst, cols, channels);
    }
  }
}

function luma(p: usize): f32 {
  return LUMA_R * <f32>load<u8>(p) + LUMA_G * <f32>load<u8>(p, 1) + LUMA_B * <f32>load<u8>(p, 2);
}

function lumaRowSampled(src: usize, dst: usize, cols: i32, channels: i32): void {
  for (let x = 0; x < cols; x++) {
    const p = src + <usize>load<i32>(SQUASH_COLS + ((<usize>x) << 2));
    const value = channels === 1 ? <f32>load<u8>(p) : luma(p);
    store<f32>(dst + ((<usize>x) << 2), value);
  }
}

function grayRow(src: usize, dst: usize, cols: i32): void {
  for (let x = 0; x < cols; x++) {
    store<f32>(dst + ((<usize>x) << 2), <f32>load<u8>(src + <usize>x));
  }
}

function colourRow(src: usize, dst: usize, cols: i32, channels: i32): void {
  const step = <usize>channels;
  let x = 0;
  if (ASC_FEATURE_SIMD) x = colourRowSimd(src, dst, cols, channels);
  for (; x < cols; x++) {
    store<f32>(dst + ((<usize>x) << 2), luma(src + <usize>x * step));
  }
}

// Four pixels per 16-byte load, de-interleaved with swizzles (an index of 16
// or more yields a zero byte). Each lane does the scalar float ops in the same
// order, so the result is bit-identical. Stops while a full 16-byte load stays
// inside the row's pixels; the caller finishes the row. Returns where it stopped.
function colourRowSimd(src: usize, dst: usize, cols: i32, channels: i32): i32 {
  const r = f32x4.splat(LUMA_R);
  const g = f32x4.splat(LUMA_G);
  const b = f32x4.splat(LUMA_B);
  const rgb = channels === 3;
  const redLanes = rgb
    ? i8x16(0, 16, 16, 16, 3, 16, 16, 16, 6, 16, 16, 16, 9, 16, 16, 16)
    : i8x16(0, 16, 16, 16, 4, 16, 16, 16, 8, 16, 16, 16, 12, 16, 16, 16);
  const one = i8x16.splat(1);
  const greenLanes = i8x16.add(redLanes, one);
  const blueLanes = i8x16.add(greenLanes, one);
  const step = <usize>channels * 4;
  // Last start x such that src + x*channels + 16 <= src + cols*channels.
  const limit = cols - (rgb ? 6 : 4);
  let x = 0;
  let p = src;
  for (; x <= limit; x += 4) {
    const px = v128.load(p);
    const red = f32x4.convert_i32x4_u(i8x16.swizzle(px, redLanes));
    const green = f32x4.convert_i32x4_u(i8x16.swizzle(px, greenLanes));
    const blue = f32x4.convert_i32x4_u(i8x16.swizzle(px, blueLanes));
    const sum = f32x4.add(f32x4.add(f32x4.mul(r, red), f32x4.mul(g, green)), f32x4.mul(b, blue));
    v128.store(dst + ((<usize>x) << 2), sum);
    p += step;
  }
  return x;
}
