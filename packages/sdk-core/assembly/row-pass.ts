// The Jarosz box filter along rows (conformance README step 4). A row's
// running sum is a serial chain of float32 adds, so the SIMD build transposes
// strips of 16 rows into column-major scratch and runs 16 rows' chains side by
// side (4 lanes × 4 vectors); every row still gets the reference's operations
// in the reference's order, so the result is bit-identical.

/** Rows per SIMD strip: 4 vectors of 4 lanes, enough chains to hide add latency. */
const STRIP_ROWS: i32 = 16;
/** Bytes per strip entry: one column of 16 rows. */
const ENTRY: usize = 64;

/**
 * Box-filters each row of `input` (`rows × cols` f32) with window `window`.
 * With `sampledCols` 0 the output is `rows × cols`; otherwise it is `rows × 64`
 * holding only the output columns listed in the 64 i32 at `sampledCols`
 * (non-decreasing; the decimation of step 5). `strips` needs `cols × 128` bytes.
 */
export function rowPass(
  input: usize,
  output: usize,
  rows: i32,
  cols: i32,
  window: i32,
  strips: usize,
  sampledCols: usize,
): void {
  const outCols = sampledCols ? 64 : cols;
  const inRowBytes = (<usize>cols) << 2;
  const outRowBytes = (<usize>outCols) << 2;
  let r = 0;
  if (ASC_FEATURE_SIMD) {
    const filtered = strips + <usize>cols * ENTRY;
    for (; r + STRIP_ROWS <= rows; r += STRIP_ROWS) {
      gatherStrip(input + <usize>r * inRowBytes, cols, strips);
      boxStrip(strips, filtered, cols, window, sampledCols);
      scatterStrip(filtered, output + <usize>r * outRowBytes, outCols);
    }
  }
  for (; r < rows; r++) {
    boxRow(
      input + <usize>r * inRowBytes,
      output + <usize>r * outRowBytes,
      cols,
      window,
      sampledCols,
    );
  }
}

/** The reference's four-phase running sum over one row, scalar. */
function boxRow(input: usize, output: usize, n: i32, window: i32, sampledCols: usize): void {
  const half = (window + 2) / 2;
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = n - window;
  const phase4 = half - 1;
  let sum: f32 = 0;
  let count = 0;
  let right = input;
  let left = input;
  let outIndex = 0;
  let sampled = 0;
  for (let i = 0; i < phase1; i++) {
    sum += load<f32>(right);
    count++;
    right += 4;
  }
  for (let i = 0; i < phase2; i++) {
    sum += load<f32>(right);
    count++;
    sampled = emitScalar(output, sampledCols, outIndex++, sampled, sum / <f32>count);
    right += 4;
  }
  for (let i = 0; i < phase3; i++) {
    sum += load<f32>(right);
    sum -= load<f32>(left);
    sampled = emitScalar(output, sampledCols, outIndex++, sampled, sum / <f32>count);
    right += 4;
    left += 4;
  }
  for (let i = 0; i < phase4; i++) {
    sum -= load<f32>(left);
    count--;
    sampled = emitScalar(output, sampledCols, outIndex++, sampled, sum / <f32>count);
    left += 4;
  }
}

function emitScalar(
  output: usize,
  sampledCols: usize,
  outIndex: i32,
  sampled: i32,
  value: f32,
): i32 {
  if (!sampledCols) {
    store<f32>(output + ((<usize>outIndex) << 2), value);
    return sampled;
  }
  while (sampled < 64 && load<i32>(sampledCols + ((<usize>sampled) << 2)) === outIndex) {
    store<f32>(output + ((<usize>sampled) << 2), value);
    sampled++;
  }
  return sampled;
}

/** The same four phases over a strip: 16 rows' chains in 4 vectors. */
function boxStrip(input: usize, output: usize, n: i32, window: i32, sampledCols: usize): void {
  const half = (window + 2) / 2;
  const phase1 = half - 1;
  const phase2 = window - half + 1;
  const phase3 = n - window;
  const phase4 = half - 1;
  let s0 = f32x4.splat(0);
  let s1 = s0;
  let s2 = s0;
  let s3 = s0;
  let count = 0;
  let right = input;
  let left = input;
  let outIndex = 0;
  let sampled = 0;
  for (let i = 0; i < phase1; i++) {
    s0 = f32x4.add(s0, v128.load(right));
    s1 = f32x4.add(s1, v128.load(right, 16));
    s2 = f32x4.add(s2, v128.load(right, 32));
    s3 = f32x4.add(s3, v128.load(right, 48));
    count++;
    right += ENTRY;
  }
  for (let i = 0; i < phase2; i++) {
    s0 = f32x4.add(s0, v128.load(right));
    s1 = f32x4.add(s1, v128.load(right, 16));
    s2 = f32x4.add(s2, v128.load(right, 32));
    s3 = f32x4.add(s3, v128.load(right, 48));
    count++;
    const growing = f32x4.splat(<f32>count);
    sampled = emitStrip(output, sampledCols, outIndex++, sampled, s0, s1, s2, s3, growing);
    right += ENTRY;
  }
  const full = f32x4.splat(<f32>count);
  for (let i = 0; i < phase3; i++) {
    s0 = f32x4.sub(f32x4.add(s0, v128.load(right)), v128.load(left));
    s1 = f32x4.sub(f32x4.add(s1, v128.load(right, 16)), v128.load(left, 16));
    s2 = f32x4.sub(f32x4.add(s2, v128.load(right, 32)), v128.load(left, 32));
    s3 = f32x4.sub(f32x4.add(s3, v128.load(right, 48)), v128.load(left, 48));
    sampled = emitStrip(output, sampledCols, outIndex++, sampled, s0, s1, s2, s3, full);
    right += ENTRY;
    left += ENTRY;
  }
  for (let i = 0; i < phase4; i++) {
    s0 = f32x4.sub(s0, v128.load(left));
    s1 = f32x4.sub(s1, v128.load(left, 16));
    s2 = f32x4.sub(s2, v128.load(left, 32));
    s3 = f32x4.sub(s3, v128.load(left, 48));
    count--;
    const shrinking = f32x4.splat(<f32>count);
    sampled = emitStrip(output, sampledCols, outIndex++, sampled, s0, s1, s2, s3, shrinking);
    left += ENTRY;
  }
}

function emitStrip(
  output: usize,
  sampledCols: usize,
  outIndex: i32,
  sampled: i32,
  s0: v128,
  s1: v128,
  s2: v128,
  s3: v128,
  divisor: v128,
): i32 {
  if (!sampledCols) {
    storeEntry(output + <usize>outIndex * ENTRY, s0, s1, s2, s3, divisor);
    return sampled;
  }
  while (sampled < 64 && load<i32>(sampledCols + ((<usize>sampled) << 2)) === outIndex) {
    storeEntry(output + <usize>sampled * ENTRY, s0, s1, s2, s3, divisor);
    sampled++;
  }
  return sampled;
}

function storeEntry(at: usize, s0: v128, s1: v128, s2: v128, s3: v128, divisor: v128): void {
  v128.store(at, f32x4.div(s0, divisor));
  v128.store(at, f32x4.div(s1, divisor), 16);
  v128.store(at, f32x4.div(s2, divisor), 32);
  v128.store(at, f32x4.div(s3, divisor), 48);
}

/** 16 rows of `cols` f32 → `cols` entries of 16 f32 (one column each). */
function gatherStrip(input: usize, cols: i32, strip: usize): void {
  const rowBytes = (<usize>cols) << 2;
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    const src = input + ((<usize>c) << 2);
    const dst = strip + <usize>c * ENTRY;
    for (let group: usize = 0; group < 4; group++) {
      const row = src + group * 4 * rowBytes;
      transposeStore(
        v128.load(row),
        v128.load(row + rowBytes),
        v128.load(row + 2 * rowBytes),
        v128.load(row + 3 * rowBytes),
        dst + group * 16,
        ENTRY,
      );
    }
  }
  for (; c < cols; c++) {
    for (let lane: usize = 0; lane < <usize>STRIP_ROWS; lane++) {
      store<f32>(
        strip + <usize>c * ENTRY + (lane << 2),
        load<f32>(input + lane * rowBytes + ((<usize>c) << 2)),
      );
    }
  }
}

/** Inverse of `gatherStrip`: `cols` entries → 16 rows of `cols` f32. */
function scatterStrip(strip: usize, output: usize, cols: i32): void {
  const rowBytes = (<usize>cols) << 2;
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    const src = strip + <usize>c * ENTRY;
    const dst = output + ((<usize>c) << 2);
    for (let group: usize = 0; group < 4; group++) {
      const entry = src + group * 16;
      transposeStore(
        v128.load(entry),
        v128.load(entry + ENTRY),
        v128.load(entry + 2 * ENTRY),
        v128.load(entry + 3 * ENTRY),
        dst + group * 4 * rowBytes,
        rowBytes,
      );
    }
  }
  for (; c < cols; c++) {
    for (let lane: usize = 0; lane < <usize>STRIP_ROWS; lane++) {
      store<f32>(
        output + lane * rowBytes + ((<usize>c) << 2),
        load<f32>(strip + <usize>c * ENTRY + (lane << 2)),
      );
    }
  }
}

/** Transposes the 4×4 f32 block whose rows are a..d; stores row k at `at + k * stride`. */
function transposeStore(a: v128, b: v128, c: v128, d: v128, at: usize, stride: usize): void {
  const ab01 = i32x4.shuffle(a, b, 0, 4, 1, 5);
  const ab23 = i32x4.shuffle(a, b, 2, 6, 3, 7);
  const cd01 = i32x4.shuffle(c, d, 0, 4, 1, 5);
  const cd23 = i32x4.shuffle(c, d, 2, 6, 3, 7);
  v128.store(at, i32x4.shuffle(ab01, cd01, 0, 1, 4, 5));
  v128.store(at + stride, i32x4.shuffle(ab01, cd01, 2, 3, 6, 7));
  v128.store(at + 2 * stride, i32x4.shuffle(ab23, cd23, 0, 1, 4, 5));
  v128.store(at + 3 * stride, i32x4.shuffle(ab23, cd23, 2, 3, 6, 7));
}
