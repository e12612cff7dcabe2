/**
 * Step 6 of the conformance README: over all vertically and horizontally
 * adjacent pairs of the 64×64 buffer, sum trunc(|(u - v) * 100 / 255|) in
 * float32 arithmetic, then min(100, floor(sum / 90)).
 */
export function qualityOf(a: usize): i32 {
  let gradientSum = 0;
  for (let i: usize = 0; i < 63; i++) {
    for (let j: usize = 0; j < 64; j++) {
      const u = load<f32>(a + ((i * 64 + j) << 2));
      const v = load<f32>(a + (((i + 1) * 64 + j) << 2));
      gradientSum += abs<i32>(<i32>(((u - v) * <f32>100) / <f32>255));
    }
  }
  for (let i: usize = 0; i < 64; i++) {
    for (let j: usize = 0; j < 63; j++) {
      const u = load<f32>(a + ((i * 64 + j) << 2));
      const v = load<f32>(a + ((i * 64 + j + 1) << 2));
      gradientSum += abs<i32>(<i32>(((u - v) * <f32>100) / <f32>255));
    }
  }
  return min(100, gradientSum / 90);
}
