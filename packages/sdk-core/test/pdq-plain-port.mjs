// A plain JavaScript port of the reference pipeline (conformance README steps
// 2–10), written the way Meta's C++ is: float32 via Math.fround after every
// operation, full filter passes, the column pass striding down one column at
// a time, the DCT table computed at load. Two uses: the independent oracle of
// src/hashing/wasm/pdq-kernel.test.ts (which shares no code with the WASM
// kernel), and the baseline of bench/pdq.bench.mjs.
const f = Math.fround;
const LUMA_R = f(0.299);
const LUMA_G = f(0.587);
const LUMA_B = f(0.114);

const DCT = new Float32Array(16 * 64);
const scale = f(Math.sqrt(2 / 64));
for (let i = 0; i < 16; i++) {
  for (let j = 0; j < 64; j++) {
    DCT[i * 64 + j] = scale * Math.cos((Math.PI / 2 / 64) * (i + 1) * (2 * j + 1));
  }
}

function box1D(input, output, offset, length, stride, window) {
  const half = Math.trunc((window + 2) / 2);
  let sum = 0;
  let count = 0;
  let right = offset;
  let left = offset;
  let out = offset;
  for (let i = 0; i < half - 1; i++) {
    sum = f(sum + input[right]);
    count++;
    right += stride;
  }
  for (let i = 0; i < window - half + 1; i++) {
    sum = f(sum + input[right]);
    count++;
    output[out] = sum / count;
    right += stride;
    out += stride;
  }
  for (let i = 0; i < length - window; i++) {
    sum = f(f(sum + input[right]) - input[left]);
    output[out] = sum / count;
    right += stride;
    left += stride;
    out += stride;
  }
  for (let i = 0; i < half - 1; i++) {
    sum = f(sum - input[left]);
    count--;
    output[out] = sum / count;
    left += stride;
    out += stride;
  }
}

function torben(m) {
  let min = m[0];
  let max = m[0];
  for (const x of m) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const half = Math.trunc((m.length + 1) / 2);
  let less;
  let greater;
  let equal;
  let guess;
  let maxLess;
  let minGreater;
  for (;;) {
    guess = f(f(min + max) / 2);
    less = greater = equal = 0;
    maxLess = min;
    minGreater = max;
    for (const x of m) {
      if (x < guess) {
        less++;
        if (x > maxLess) maxLess = x;
      } else if (x > guess) {
        greater++;
        if (x < minGreater) minGreater = x;
      } else equal++;
    }
    if (less <= half && greater <= half) break;
    if (less > greater) max = maxLess;
    else min = minGreater;
  }
  if (less >= half) return maxLess;
  if (less + equal >= half) return guess;
  return minGreater;
}

/** PDQ of 8-bit pixels ({ width, height, channels, data }); the 512 squash unless fullResolution. */
export function pdqPlainPort({ width, height, channels, data }, fullResolution = false) {
  const squash = !fullResolution && (width > 512 || height > 512);
  const rows = squash ? 512 : height;
  const cols = squash ? 512 : width;
  if (rows < 5 || cols < 5) return { hash: '0'.repeat(64), quality: 0, b: new Float32Array(256) };
  const buffer1 = new Float32Array(rows * cols);
  const buffer2 = new Float32Array(rows * cols);
  for (let y = 0; y < rows; y++) {
    const sy = squash ? Math.floor((y * height) / 512) : y;
    for (let x = 0; x < cols; x++) {
      const sx = squash ? Math.floor((x * width) / 512) : x;
      const p = (sy * width + sx) * channels;
      buffer1[y * cols + x] =
        channels === 1
          ? data[p]
          : f(f(f(LUMA_R * data[p]) + f(LUMA_G * data[p + 1])) + f(LUMA_B * data[p + 2]));
    }
  }
  const windowAlongRows = Math.trunc((cols + 127) / 128);
  const windowAlongCols = Math.trunc((rows + 127) / 128);
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < rows; r++) box1D(buffer1, buffer2, r * cols, cols, 1, windowAlongRows);
    for (let c = 0; c < cols; c++) box1D(buffer2, buffer1, c, rows, cols, windowAlongCols);
  }
  const a = new Float32Array(64 * 64);
  for (let i = 0; i < 64; i++) {
    const ri = Math.trunc(((i + 0.5) * rows) / 64);
    for (let j = 0; j < 64; j++)
      a[i * 64 + j] = buffer1[ri * cols + Math.trunc(((j + 0.5) * cols) / 64)];
  }
  let gradientSum = 0;
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 64; j++) {
      const u = a[i * 64 + j];
      if (i < 63) gradientSum += Math.abs(Math.trunc(f(f((u - a[(i + 1) * 64 + j]) * 100) / 255)));
      if (j < 63) gradientSum += Math.abs(Math.trunc(f(f((u - a[i * 64 + j + 1]) * 100) / 255)));
    }
  }
  const t = new Float32Array(16 * 64);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = f(sum + f(DCT[i * 64 + k] * a[k * 64 + j]));
      t[i * 64 + j] = sum;
    }
  }
  const b = new Float32Array(256);
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++) sum = f(sum + f(t[i * 64 + k] * DCT[j * 64 + k]));
      b[i * 16 + j] = sum;
    }
  }
  const median = torben(b);
  let hash = '';
  for (let i = 15; i >= 0; i--) {
    let word = 0;
    for (let j = 0; j < 16; j++) if (b[i * 16 + j] > median) word |= 1 << j;
    hash += word.toString(16).padStart(4, '0');
  }
  return { hash, quality: Math.min(100, Math.trunc(gradientSum / 90)), b };
}
