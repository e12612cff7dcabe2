// The Jarosz box filter along columns (conformance README step 4), run row by
// row: one running sum per column lives in `sums`, and each step of the
// reference's four-phase loop updates every column of a row at once. Each
// column still sees exactly the reference's float32 operations in the
// reference's order; only the order across columns changes, which reads
// memory sequentially (and fills SIMD lanes with adjacent columns) instead of
// striding down one column at a time.

/**
 * Box-filters each of the `cols` columns of `input` (`rows × cols` f32,
 * row-major) with window `window`. Output row `o` goes to
 * `output + o * outputStride` when `sampledRows` is 0; otherwise only the
 * output rows listed in the 64 i32 at `sampledRows` (non-decreasing) are
 * written, as consecutive rows of `output` (the decimation of step 5).
 */
export function columnPass(
  input: usize,
  output: usize,
  rows: i32,
  cols: i32,
  window: i32,
  outputStride: usize,
  sums: usize,
  sampledRows: usize,
): void {
  const half = (window + 2) / 2;
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = rows - window;
  const phase4 = half - 1;
  const rowBytes = (<usize>cols) << 2;
  memory.fill(sums, 0, rowBytes);
  let right = input;
  let left = input;
  let outIndex = 0;
  let sampled = 0;
  let count = 0;
  for (let i = 0; i < phase1; i++) {
    count++;
    rowStep(sums, right, 0, 0, cols, 0);
    right += rowBytes;
  }
  for (let i = 0; i < phase2; i++) {
    count++;
    const out = outputRow(output, outputStride, sampledRows, outIndex, sampled);
    rowStep(sums, right, 0, out, cols, <f32>count);
    if (sampledRows)
      sampled = copySampled(output, outputStride, rowBytes, sampledRows, outIndex, sampled, out);
    right += rowBytes;
    outIndex++;
  }
  for (let i = 0; i < phase3; i++) {
    const out = outputRow(output, outputStride, sampledRows, outIndex, sampled);
    rowStep(sums, right, left, out, cols, <f32>count);
    if (sampledRows)
      sampled = copySampled(output, outputStride, rowBytes, sampledRows, outIndex, sampled, out);
    right += rowBytes;
    left += rowBytes;
    outIndex++;
  }
  for (let i = 0; i < phase4; i++) {
    count--;
    const out = outputRow(output, outputStride, sampledRows, outIndex, sampled);
    rowStep(sums, 0, left, out, cols, <f32>count);
    if (sampledRows)
      sampled = copySampled(output, outputStride, rowBytes, sampledRows, outIndex, sampled, out);
    left += rowBytes;
    outIndex++;
  }
}

/** Where output row `outIndex` goes, or 0 when the decimation skips it. */
function outputRow(
  output: usize,
  stride: usize,
  sampledRows: usize,
  outIndex: i32,
  sampled: i32,
): usize {
  if (!sampledRows) return output + <usize>outIndex * stride;
  if (sampled < 64 && load<i32>(sampledRows + ((<usize>sampled) << 2)) === outIndex) {
    return output + <usize>sampled * stride;
  }
  return 0;
}

/** The decimation may sample one row more than once (fewer than 64 rows). */
function copySampled(
  output: usize,
  stride: usize,
  rowBytes: usize,
  sampledRows: usize,
  outIndex: i32,
  sampled: i32,
  written: usize,
): i32 {
  if (!written) return sampled;
  sampled++;
  while (sampled < 64 && load<i32>(sampledRows + ((<usize>sampled) << 2)) === outIndex) {
    memory.copy(output + <usize>sampled * stride, written, rowBytes);
    sampled++;
  }
  return sampled;
}

/**
 * One step of every column's running sum: `sum += add[c]` (when `add`),
 * then `sum -= sub[c]` (when `sub`), then `out[c] = sum / count` (when `out`).
 * Two separate float32 roundings, as in the reference; never fused.
 */
function rowStep(sums: usize, add: usize, sub: usize, out: usize, cols: i32, count: f32): void {
  let c = 0;
  if (ASC_FEATURE_SIMD) {
    const divisor = f32x4.splat(count);
    for (; c + 4 <= cols; c += 4) {
      const offset = (<usize>c) << 2;
      let sum = v128.load(sums + offset);
      if (add) sum = f32x4.add(sum, v128.load(add + offset));
      if (sub) sum = f32x4.sub(sum, v128.load(sub + offset));
      v128.store(sums + offset, sum);
      if (out) v128.store(out + offset, f32x4.div(sum, divisor));
    }
  }
  for (; c < cols; c++) {
    const offset = (<usize>c) << 2;
    let sum = load<f32>(sums + offset);
    if (add) sum += load<f32>(add + offset);
    if (sub) sum -= load<f32>(sub + offset);
    store<f32>(sums + offset, sum);
    if (out) store<f32>(out + offset, sum / count);
  }
}
