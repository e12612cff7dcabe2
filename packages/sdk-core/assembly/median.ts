/**
 * Torben's median of `n` f32 at `m` (step 8 of the conformance README), as
 * the reference computes it: with the integer `(n + 1) / 2` it returns the
 * ((n+1)/2)-th smallest value, index 127 of 256 sorted values.
 */
export function torbenMedian(m: usize, n: i32): f32 {
  let lo = load<f32>(m);
  let hi = lo;
  for (let i = 1; i < n; i++) {
    const x = load<f32>(m + ((<usize>i) << 2));
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const half = (n + 1) / 2;
  let less = 0;
  let greater = 0;
  let equal = 0;
  let guess: f32 = 0;
  let maxLessThanGuess: f32 = 0;
  let minGreaterThanGuess: f32 = 0;
  while (true) {
    guess = (lo + hi) / 2;
    less = 0;
    greater = 0;
    equal = 0;
    maxLessThanGuess = lo;
    minGreaterThanGuess = hi;
    for (let i = 0; i < n; i++) {
      const x = load<f32>(m + ((<usize>i) << 2));
      if (x < guess) {
        less++;
        if (x > maxLessThanGuess) maxLessThanGuess = x;
      } else if (x > guess) {
        greater++;
        if (x < minGreaterThanGuess) minGreaterThanGuess = x;
      } else {
        equal++;
      }
    }
    if (less <= half && greater <= half) break;
    if (less > greater) hi = maxLessThanGuess;
    else lo = minGreaterThanGuess;
  }
  if (less >= half) return maxLessThanGuess;
  if (less + equal >= half) return guess;
  return minGreaterThanGuess;
}
