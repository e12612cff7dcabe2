import type { PdqHex } from './pdq-hash';

/**
 * The eight symmetries of the square, named as in the conformance README's
 * dihedral table (`flip_plus1` → `flipPlus1`). `flipx` mirrors top–bottom and
 * `flipy` left–right, as the reference names them.
 */
export type DihedralName =
  | 'original'
  | 'rotate90'
  | 'rotate180'
  | 'rotate270'
  | 'flipx'
  | 'flipy'
  | 'flipPlus1'
  | 'flipMinus1';

/** In the order the WASM kernel writes them. */
export const DIHEDRAL_NAMES: readonly DihedralName[] = [
  'original',
  'rotate90',
  'rotate180',
  'rotate270',
  'flipx',
  'flipy',
  'flipPlus1',
  'flipMinus1',
];

export interface PdqDihedralResult {
  /** Quality of the image (0..100), shared by all eight hashes. */
  quality: number;
  hashes: Record<DihedralName, PdqHex>;
}
