import { torbenMedian } from './median';

/**
 * Steps 8–9 of the conformance README: bit j of 16-bit word i is set when
 * B[i][j] > median (strictly). Writes the 32 bytes in hex order: word 15
 * first, each word big-endian, so the bytes print as the reference's hex.
 */
export function writeHashBits(b: usize, out: usize): void {
  const median = torbenMedian(b, 256);
  for (let i: usize = 0; i < 16; i++) {
    let word: u32 = 0;
    for (let j: usize = 0; j < 16; j++) {
      if (load<f32>(b + ((i * 16 + j) << 2)) > median) word |= (<u32>1) << (<u32>j);
    }
    const at = out + ((15 - i) << 1);
    store<u8>(at, <u8>(word >> 8));
    store<u8>(at, <u8>word, 1);
  }
}

/** Writes 32 zero bytes: the hash of an image too small to hash (step 10). */
export function writeZeroHash(out: usize): void {
  memory.fill(out, 0, 32);
}
