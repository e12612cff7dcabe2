// PDQ (conformance README, "the reference CLI pipeline") as a WebAssembly
// kernel. The host copies pixels to `prepare()`'s pointer, calls `hash()`,
// and reads 32 bytes at `hashes()`; `dihedral()` then fills 8 × 32 bytes
// from the same B matrix. Nothing is allocated after `prepare()` has seen an
// input this large.
import { columnPass } from './column-pass';
import { dct64To16, initDct } from './dct';
import { DCT_MATRIX } from './dct-matrix';
import { writeDihedralHashes } from './dihedral';
import { writeHashBits, writeZeroHash } from './hash-bits';
import {
  A64,
  B16X16,
  C16X16,
  DECIMATE_COLS,
  DECIMATE_ROWS,
  filterBuffer,
  HASHES,
  lumaBuffer,
  pixelBuffer,
  reserve,
  stripBuffer,
  T16X64,
} from './layout';
import { fillLuma, SQUASH_SIZE } from './luma';
import { qualityOf } from './quality';
import { rowPass } from './row-pass';

/** Step 10: smaller sides are not hashable. */
const MIN_HASHABLE: i32 = 5;
/** Slack after the pixels, so a 16-byte SIMD load at a row's end stays in memory. */
const PIXEL_SLACK: u64 = 16;

initDct();

let hashedRows = 0;
let hashedCols = 0;

function hashRows(width: i32, height: i32, fullResolution: bool): i32 {
  return !fullResolution && (width > SQUASH_SIZE || height > SQUASH_SIZE) ? SQUASH_SIZE : height;
}

function hashCols(width: i32, height: i32, fullResolution: bool): i32 {
  return !fullResolution && (width > SQUASH_SIZE || height > SQUASH_SIZE) ? SQUASH_SIZE : width;
}

/**
 * Makes room for a `width × height × channels` input and returns where to
 * copy its bytes, or 0 when linear memory cannot grow that far.
 */
export function prepare(width: i32, height: i32, channels: i32, fullResolution: bool): usize {
  const rows = <u64>hashRows(width, height, fullResolution);
  const cols = <u64>hashCols(width, height, fullResolution);
  const pixelBytes = <u64>width * <u64>height * <u64>channels + PIXEL_SLACK;
  // Nothing beyond the pixels for an image too small to hash. Otherwise the
  // image buffers hold rows × cols; the strips 2 × cols entries of 64 bytes
  // (row pass, = cols × 8 vectors), at least 64 entries for the sampled
  // output; the column pass needs only one row of sums.
  const hashable = rows >= <u64>MIN_HASHABLE && cols >= <u64>MIN_HASHABLE;
  const floats = hashable ? rows * cols : 0;
  const stripVectors = hashable ? max<u64>(cols, 64) * 8 : 0;
  return reserve(floats, stripVectors, pixelBytes) ? pixelBuffer : 0;
}

/** Hashes the pixels at `prepare()`'s pointer; returns the quality, hash at `hashes()`. */
export function hash(width: i32, height: i32, channels: i32, fullResolution: bool): i32 {
  const rows = hashRows(width, height, fullResolution);
  const cols = hashCols(width, height, fullResolution);
  hashedRows = rows;
  hashedCols = cols;
  if (rows < MIN_HASHABLE || cols < MIN_HASHABLE) {
    writeZeroHash(HASHES);
    memory.fill(B16X16, 0, 16 * 16 * 4);
    return 0;
  }
  fillLuma(pixelBuffer, width, height, channels, rows, cols, lumaBuffer);
  // Step 5's sample positions, in double as the reference computes them.
  for (let i = 0; i < 64; i++) {
    store<i32>(DECIMATE_ROWS + ((<usize>i) << 2), <i32>(((<f64>i + 0.5) * <f64>rows) / 64.0));
    store<i32>(DECIMATE_COLS + ((<usize>i) << 2), <i32>(((<f64>i + 0.5) * <f64>cols) / 64.0));
  }
  // Step 4: window ceil(n / 128); passes rows, columns, rows, columns. The
  // second pair only computes what step 5 samples: every running sum still
  // covers the whole row or column, but only sampled outputs are divided
  // and stored (rows × 64, then 64 × 64 straight into A).
  const windowAlongRows = (cols + 127) / 128;
  const windowAlongCols = (rows + 127) / 128;
  const rowBytes = (<usize>cols) << 2;
  rowPass(lumaBuffer, filterBuffer, rows, cols, windowAlongRows, stripBuffer, 0);
  columnPass(filterBuffer, lumaBuffer, rows, cols, windowAlongCols, rowBytes, stripBuffer, 0);
  if (cols >= 64) {
    rowPass(lumaBuffer, filterBuffer, rows, cols, windowAlongRows, stripBuffer, DECIMATE_COLS);
    columnPass(filterBuffer, A64, rows, 64, windowAlongCols, 64 * 4, stripBuffer, DECIMATE_ROWS);
  } else {
    // Narrower than 64: sampling the columns would widen the rows (and the
    // buffer) to 64, so filter every column and spread them afterwards.
    rowPass(lumaBuffer, filterBuffer, rows, cols, windowAlongRows, stripBuffer, 0);
    columnPass(filterBuffer, A64, rows, cols, windowAlongCols, 64 * 4, stripBuffer, DECIMATE_ROWS);
    spreadSampledColumns(A64, DECIMATE_COLS);
  }
  const quality = qualityOf(A64);
  dct64To16(A64, T16X64, B16X16);
  writeHashBits(B16X16, HASHES);
  return quality;
}

/**
 * Each of the 64 rows of `a` holds the filtered columns 0..cols-1 (cols < 64)
 * at its start; puts column `sampled[j]` at j for every j. sampled[j] <= j,
 * so going down from j = 63 reads every source before it is overwritten.
 */
function spreadSampledColumns(a: usize, sampled: usize): void {
  for (let i: usize = 0; i < 64; i++) {
    const row = a + (i << 8);
    for (let j = 63; j >= 0; j--) {
      const source = <usize>load<i32>(sampled + ((<usize>j) << 2));
      store<f32>(row + ((<usize>j) << 2), load<f32>(row + (source << 2)));
    }
  }
}

/** After `hash()`: the eight dihedral hashes (8 × 32 bytes) at `hashes()`. */
export function dihedral(): void {
  if (hashedRows < MIN_HASHABLE || hashedCols < MIN_HASHABLE) {
    memory.fill(HASHES, 0, 8 * 32);
    return;
  }
  writeDihedralHashes(B16X16, C16X16, HASHES);
}

export function hashes(): usize {
  return HASHES;
}

/** For the table check in the tests: D (16×64 f32) and the last B (16×16 f32). */
export function dctMatrix(): usize {
  return DCT_MATRIX;
}

/**
 * Introspection only (src/hashing/pdq-intermediates.ts): the last 64×64 f32
 * A that `hash()` fed to the DCT. Not read on the hashing path.
 */
export function aMatrix(): usize {
  return A64;
}

export function bMatrix(): usize {
  return B16X16;
}
