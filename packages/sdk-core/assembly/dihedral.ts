import { writeHashBits } from './hash-bits';

// The eight dihedral variants of B (conformance README, "Dihedral variants"),
// in the order of the public DihedralName list. "i even" is an odd frequency,
// whose basis function is antisymmetric, so mirroring that axis negates it;
// a transpose swaps i and j. Negation is exact, so each variant is the B the
// transformed image would give, up to the float rounding the table allows.

const ORIGINAL = 0;
const ROTATE_90 = 1;
const ROTATE_180 = 2;
const ROTATE_270 = 3;
const FLIP_X = 4;
const FLIP_Y = 5;
const FLIP_PLUS_1 = 6;
const FLIP_MINUS_1 = 7;

/** Writes the 8 variants' hashes (32 bytes each, hex order) to `out`, using `c` as scratch. */
export function writeDihedralHashes(b: usize, c: usize, out: usize): void {
  for (let variant = ORIGINAL; variant <= FLIP_MINUS_1; variant++) {
    for (let i = 0; i < 16; i++) {
      for (let j = 0; j < 16; j++) {
        const value = load<f32>(b + ((<usize>(i * 16 + j)) << 2));
        const iEven = (i & 1) === 0;
        const jEven = (j & 1) === 0;
        const sumOdd = ((i + j) & 1) === 1;
        let negate = false;
        let transpose = false;
        if (variant === ROTATE_90) {
          negate = jEven;
          transpose = true;
        } else if (variant === ROTATE_180) {
          negate = sumOdd;
        } else if (variant === ROTATE_270) {
          negate = iEven;
          transpose = true;
        } else if (variant === FLIP_X) {
          negate = iEven;
        } else if (variant === FLIP_Y) {
          negate = jEven;
        } else if (variant === FLIP_PLUS_1) {
          transpose = true;
        } else if (variant === FLIP_MINUS_1) {
          negate = sumOdd;
          transpose = true;
        }
        const at = transpose ? j * 16 + i : i * 16 + j;
        store<f32>(c + ((<usize>at) << 2), negate ? -value : value);
      }
    }
    writeHashBits(c, out + ((<usize>variant) << 5));
  }
}
