import { DCT_MATRIX } from './dct-matrix';
import { DCT_TRANSPOSED } from './layout';

// Step 7 of the conformance README: T = D · A (16×64), then B = T · Dᵀ
// (16×16), every dot product accumulated in float32 in increasing k, with a
// separate rounding for each product and each sum (no FMA). The SIMD build
// puts four adjacent output columns j in the lanes; each lane's sum still
// runs over k in order.

/** Copies D into Dᵀ once, so that B's lanes read adjacent memory. */
export function initDct(): void {
  for (let i: usize = 0; i < 16; i++) {
    for (let k: usize = 0; k < 64; k++) {
      store<f32>(DCT_TRANSPOSED + ((k * 16 + i) << 2), load<f32>(DCT_MATRIX + ((i * 64 + k) << 2)));
    }
  }
}

/** a: 64×64, t: 16×64 scratch, b: 16×16 result; all row-major f32. */
export function dct64To16(a: usize, t: usize, b: usize): void {
  if (ASC_FEATURE_SIMD) {
    for (let i: usize = 0; i < 16; i++) {
      const dRow = DCT_MATRIX + ((i * 64) << 2);
      for (let j: usize = 0; j < 64; j += 16) {
        let t0 = f32x4.splat(0);
        let t1 = t0;
        let t2 = t0;
        let t3 = t0;
        for (let k: usize = 0; k < 64; k++) {
          const dik = f32x4.splat(load<f32>(dRow + (k << 2)));
          const aRow = a + ((k * 64 + j) << 2);
          t0 = f32x4.add(t0, f32x4.mul(dik, v128.load(aRow)));
          t1 = f32x4.add(t1, f32x4.mul(dik, v128.load(aRow, 16)));
          t2 = f32x4.add(t2, f32x4.mul(dik, v128.load(aRow, 32)));
          t3 = f32x4.add(t3, f32x4.mul(dik, v128.load(aRow, 48)));
        }
        const out = t + ((i * 64 + j) << 2);
        v128.store(out, t0);
        v128.store(out, t1, 16);
        v128.store(out, t2, 32);
        v128.store(out, t3, 48);
      }
    }
    for (let i: usize = 0; i < 16; i++) {
      const tRow = t + ((i * 64) << 2);
      let b0 = f32x4.splat(0);
      let b1 = b0;
      let b2 = b0;
      let b3 = b0;
      for (let k: usize = 0; k < 64; k++) {
        const tik = f32x4.splat(load<f32>(tRow + (k << 2)));
        const dRow = DCT_TRANSPOSED + ((k * 16) << 2);
        b0 = f32x4.add(b0, f32x4.mul(tik, v128.load(dRow)));
        b1 = f32x4.add(b1, f32x4.mul(tik, v128.load(dRow, 16)));
        b2 = f32x4.add(b2, f32x4.mul(tik, v128.load(dRow, 32)));
        b3 = f32x4.add(b3, f32x4.mul(tik, v128.load(dRow, 48)));
      }
      const out = b + ((i * 16) << 2);
      v128.store(out, b0);
      v128.store(out, b1, 16);
      v128.store(out, b2, 32);
      v128.store(out, b3, 48);
    }
    return;
  }
  for (let i: usize = 0; i < 16; i++) {
    for (let j: usize = 0; j < 64; j++) {
      let sum: f32 = 0;
      for (let k: usize = 0; k < 64; k++) {
        sum += load<f32>(DCT_MATRIX + ((i * 64 + k) << 2)) * load<f32>(a + ((k * 64 + j) << 2));
      }
      store<f32>(t + ((i * 64 + j) << 2), sum);
    }
  }
  for (let i: usize = 0; i < 16; i++) {
    for (let j: usize = 0; j < 16; j++) {
      let sum: f32 = 0;
      for (let k: usize = 0; k < 64; k++) {
        sum += load<f32>(t + ((i * 64 + k) << 2)) * load<f32>(DCT_MATRIX + ((j * 64 + k) << 2));
      }
      store<f32>(b + ((i * 16 + j) << 2), sum);
    }
  }
}
