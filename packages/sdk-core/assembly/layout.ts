// Linear-memory layout of the PDQ kernel. Fixed scratch buffers sit right
// after the static data; the image-sized buffers follow and only ever grow,
// so hashing allocates nothing once an input as large has been seen.

const ALIGN: usize = 64;

function alignUp(n: usize): usize {
  return (n + ALIGN - 1) & ~(ALIGN - 1);
}

/** 64×64 f32: the decimated, filtered luma (step 5). */
export const A64: usize = alignUp(__heap_base);
/** 16×64 f32: T = D · A (step 7). */
export const T16X64: usize = A64 + 64 * 64 * 4;
/** 16×16 f32: B = T · Dᵀ (step 7), kept for the dihedral variants. */
export const B16X16: usize = T16X64 + 16 * 64 * 4;
/** 16×16 f32: one dihedral variant of B. */
export const C16X16: usize = B16X16 + 16 * 16 * 4;
/** 64×16 f32: Dᵀ, so that B's SIMD lanes read adjacent memory. */
export const DCT_TRANSPOSED: usize = C16X16 + 16 * 16 * 4;
/** 8 × 32 bytes: hashes in hex byte order (the original, or all eight dihedral). */
export const HASHES: usize = DCT_TRANSPOSED + 64 * 16 * 4;
/** 64 i32 each: the rows and columns the decimation samples (step 5). */
export const DECIMATE_ROWS: usize = HASHES + 8 * 32;
export const DECIMATE_COLS: usize = DECIMATE_ROWS + 64 * 4;
/** 512 i32: source column of each squashed column (step 2). */
export const SQUASH_COLS: usize = DECIMATE_COLS + 64 * 4;
const DYNAMIC: usize = alignUp(SQUASH_COLS + 512 * 4);

/** Image-sized buffers, valid after `reserve`. */
export let lumaBuffer: usize = DYNAMIC;
export let filterBuffer: usize = DYNAMIC;
/** Two strips of `cols` 4-lane vectors each, for the SIMD row pass. */
export let stripBuffer: usize = DYNAMIC;
export let pixelBuffer: usize = DYNAMIC;

let floatCapacity: u64 = 0;
let stripCapacity: u64 = 0;
let pixelCapacity: u64 = 0;

function alignUp64(n: u64): u64 {
  return (n + 63) & ~(<u64>63);
}

/**
 * Makes room for `floats` f32 per image buffer, strips of `stripVectors`
 * vectors and `pixelBytes` input bytes. Capacities only grow. Returns false
 * when linear memory cannot hold them (wasm32 tops out at 4 GiB).
 */
export function reserve(floats: u64, stripVectors: u64, pixelBytes: u64): bool {
  if (floats <= floatCapacity && stripVectors <= stripCapacity && pixelBytes <= pixelCapacity) {
    return true;
  }
  const f = max(floats, floatCapacity);
  const s = max(stripVectors, stripCapacity);
  const p = max(pixelBytes, pixelCapacity);
  const luma: u64 = <u64>DYNAMIC;
  const filter = luma + alignUp64(f * 4);
  const strip = filter + alignUp64(f * 4);
  const pixels = strip + alignUp64(s * 16 * 2);
  const end = pixels + alignUp64(p);
  const pagesNeeded = (end + 0xffff) >> 16;
  if (pagesNeeded > 65536) return false;
  const pagesNow = <u64>memory.size();
  if (pagesNeeded > pagesNow && memory.grow(<i32>(pagesNeeded - pagesNow)) < 0) return false;
  lumaBuffer = <usize>luma;
  filterBuffer = <usize>filter;
  stripBuffer = <usize>strip;
  pixelBuffer = <usize>pixels;
  floatCapacity = f;
  stripCapacity = s;
  pixelCapacity = p;
  return true;
}
