// Node hashing path: sharp decode per 640×480 JPEG (the baseline, measured in this
// run), hashing overhead beyond decode, and end-to-end `hashFiles` throughput with 1
// and 2 workers. Targets (issue 4, 2-core machine): ≥ 250 photos/s with 2 workers;
// overhead ≤ 150 % of decode time. Images are benign synthetic patterns written to a
// temporary folder. HASHGUARD_BENCH_IMAGES overrides the image count (default 500).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHasher } from '../packages/sdk-core/dist/index.js';
import {
  createHashPool,
  createSharpDecoder,
  hashFile,
  hashFiles,
  normaliseDecodeLimits,
} from '../packages/sdk-node/dist/index.js';
import { summarize, writeResult } from './write-result.mjs';

const require = createRequire(new URL('../packages/sdk-node/package.json', import.meta.url));
const sharp = require('sharp');

const COUNT = Number(process.env.HASHGUARD_BENCH_IMAGES ?? 500);
const WIDTH = 640;
const HEIGHT = 480;

/** A photo-sized benign image: gradient, rings and a checker mixed per seed, so no two are alike. */
function syntheticJpeg(seed) {
  const data = Buffer.alloc(WIDTH * HEIGHT * 3);
  const cx = (seed * 97) % WIDTH;
  const cy = (seed * 61) % HEIGHT;
  const cell = 16 + (seed % 48);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const ring = 127 + 127 * Math.cos(Math.hypot(x - cx, y - cy) / (4 + (seed % 9)));
      const checker = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? 60 : 0;
      const i = (y * WIDTH + x) * 3;
      data[i] = (x * 255) / WIDTH;
      data[i + 1] = ring;
      data[i + 2] = (y * 255) / HEIGHT - checker + 60;
    }
  }
  return sharp(data, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

function rate(seconds) {
  return {
    images: COUNT,
    seconds: Number(seconds.toFixed(3)),
    imagesPerSecond: Number((COUNT / seconds).toFixed(1)),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'hashguard-bench-'));
try {
  console.log(`writing ${COUNT} synthetic ${WIDTH}×${HEIGHT} JPEGs to ${dir}`);
  const paths = [];
  for (let seed = 0; seed < COUNT; seed++) {
    const path = join(dir, `synthetic-${String(seed).padStart(4, '0')}.jpg`);
    writeFileSync(path, await syntheticJpeg(seed));
    paths.push(path);
  }
  const files = paths.map((path) => readFileSync(path));

  const limits = normaliseDecodeLimits();
  const decoder = createSharpDecoder();
  const hasher = await createHasher();
  const warm = Math.min(20, COUNT);
  for (let i = 0; i < warm; i++) hasher.pdq(await decoder.decode(files[i], limits));

  // Baseline and overhead, interleaved image by image so that both see the same load
  // on a shared machine: sharp decode alone (the baseline), PDQ alone on those pixels,
  // and hashFile on one thread (read + three digests + decode + PDQ).
  const decodeMs = [];
  const pdqMs = [];
  const hashFileMs = [];
  for (const [index, bytes] of files.entries()) {
    let started = performance.now();
    const decoded = await decoder.decode(bytes, limits);
    decodeMs.push(performance.now() - started);
    started = performance.now();
    hasher.pdq(decoded);
    pdqMs.push(performance.now() - started);
    started = performance.now();
    await hashFile(paths[index], { hasher });
    hashFileMs.push(performance.now() - started);
  }

  // hashFiles end to end: starts its workers (sharp + WASM load per thread) each call.
  // A warm createHashPool shows the steady state a server keeping one pool would see.
  const throughput = {};
  const warmPool = {};
  for (const workers of [1, 2]) {
    await hashFiles(paths.slice(0, warm), { workers }); // Warm the page cache and code.
    let started = performance.now();
    const outcomes = await hashFiles(paths, { workers });
    let seconds = (performance.now() - started) / 1000;
    const failed = outcomes.filter((outcome) => 'error' in outcome).length;
    if (failed) throw new Error(`${failed} of ${COUNT} benchmark images failed to hash`);
    throughput[`workers${workers}`] = rate(seconds);

    const pool = createHashPool({ workers });
    try {
      await pool.hashFiles(paths.slice(0, warm));
      started = performance.now();
      const pooled = await pool.hashFiles(paths);
      if (pooled.some((outcome) => 'error' in outcome)) throw new Error('benchmark images failed');
      seconds = (performance.now() - started) / 1000;
      warmPool[`workers${workers}`] = rate(seconds);
    } finally {
      await pool.destroy();
    }
  }

  const decode = summarize(decodeMs);
  const pdq = summarize(pdqMs);
  const endToEnd = summarize(hashFileMs);
  const overheadPercent = Number((((endToEnd.p50 - decode.p50) / decode.p50) * 100).toFixed(1));
  const pdqOverheadPercent = Number(((pdq.p50 / decode.p50) * 100).toFixed(1));
  const result = writeResult('hash-node', {
    images: { count: COUNT, width: WIDTH, height: HEIGHT, format: 'jpeg q85, synthetic' },
    baseline: { sharpDecodeMs: decode },
    pdqCoreMs: pdq,
    hashFileSingleThreadMs: endToEnd,
    overheadBeyondDecodePercent: { hashFile: overheadPercent, pdqOnly: pdqOverheadPercent },
    hashFiles: throughput,
    warmHashPool: warmPool,
    targets: {
      imagesPerSecondWith2Workers: { target: 250, measured: throughput.workers2.imagesPerSecond },
      overheadBeyondDecodePercent: { target: 150, measured: overheadPercent },
    },
  });
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
