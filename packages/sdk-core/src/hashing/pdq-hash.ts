import { HashingError } from '../errors/hashing-error';

/** A PDQ hash in the public API: 64 lowercase hex digits, word 15 first (reference order). */
export type PdqHex = string;

const HEX = /^[0-9a-f]{64}$/;

/** Parses 64 hex digits (either case) into the compact 32-byte form used by the index. */
export function pdqHexToBytes(hex: string): Uint8Array {
  const lower = hex.toLowerCase();
  if (!HEX.test(lower)) {
    throw new HashingError(
      'E_HASH_FAILED',
      `Not a PDQ hash (want 64 hex digits): "${hex.slice(0, 80)}"`,
    );
  }
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(lower.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

export function pdqBytesToHex(bytes: Uint8Array): PdqHex {
  let hex = '';
  for (let i = 0; i < 32; i++) hex += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return hex;
}

const POPCOUNT8 = Uint8Array.from({ length: 256 }, (_, n) => {
  let count = 0;
  for (let v = n; v; v >>= 1) count += v & 1;
  return count;
});

/** Hamming distance of two 32-byte PDQ hashes (0..256). */
export function pdqHammingBytes(a: Uint8Array, b: Uint8Array): number {
  let distance = 0;
  for (let i = 0; i < 32; i++) distance += POPCOUNT8[((a[i] ?? 0) ^ (b[i] ?? 0)) & 0xff]!;
  return distance;
}
