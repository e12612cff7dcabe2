// checkUpload overhead beyond hashing, with 1 M list entries (issue 5 target:
// p50 ≤ 1 ms). Baseline in the same run: hashFile alone on the same benign
// images, interleaved with checkUpload so machine noise hits both alike.
//
//   node --expose-gc bench/check-upload.bench.mjs [--entries 1e6] [--rounds 5] [--check-reps 2000]
//
// Needs the built packages (`pnpm --filter @hashguard/sdk-core build && pnpm --filter @hashguard/sdk-node build`).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createMatcher, pdqHexToBytes } from '../packages/sdk-core/dist/index.js';
import { createUploadChecker, hashFile } from '../packages/sdk-node/dist/index.js';
import { summarize, writeResult } from './write-result.mjs';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '1e6' },
    rounds: { type: 'string', default: '5' },
    'check-reps': { type: 'string', default: '2000' },
  },
});
const pdqCount = Math.round(Number(args.entries));
const md5Count = Math.round(pdqCount / 10);
const rounds = Number(args.rounds);
const checkReps = Number(args['check-reps']);
const gc = globalThis.gc ?? (() => {});

const IMAGES = join(
  import.meta.dirname,
  '../packages/sdk-core/test/fixtures/pdq-conformance/images',
);
const images = readdirSync(IMAGES)
  .filter((name) => /\.(png|jpe?g)$/.test(name))
  .sort()
  .map((name) => join(IMAGES, name));

// xorshift128: reproducible random hashes without a seed file.
function createRandom(seed) {
  let a = seed | 0 || 1;
  let b = 362436069;
  let c = 521288629;
  let d = 88675123;
  return () => {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return d;
  };
}

function randomBytes(count, random) {
  const words = new Uint32Array(Math.ceil(count / 4));
  for (let i = 0; i < words.length; i++) words[i] = random();
  return new Uint8Array(words.buffer, 0, count);
}

/** A column as the list-set builder or a snapshot would give it, built directly (fast for 1 M rows). */
function column(algorithm, width, values, count, prefix) {
  const offsets = new Uint32Array(count + 1);
  const bytes = new Uint8Array(count * 12);
  let at = 0;
  for (let row = 0; row < count; row++) {
    const id = `${prefix}${row.toString(36).padStart(8, '0')}`;
    for (let i = 0; i < id.length; i++) bytes[at++] = id.charCodeAt(i);
    offsets[row + 1] = at;
  }
  return {
    algorithm,
    count,
    width,
    values,
    listIndex: new Uint16Array(count),
    entryIds: { offsets, bytes: bytes.subarray(0, at) },
    categoryIndex: new Uint32Array(count).fill(1),
    addedAt: new Float64Array(count).fill(Number.NaN),
  };
}

console.log(`hashing ${images.length} benign images once to plant near-duplicates…`);
const first = [];
for (const path of images) first.push(await hashFile(path));

const random = createRandom(pdqCount);
const pdqValues = randomBytes(pdqCount * 32, random);
// Plant a near-duplicate (8 bits flipped) of every third image, and one exact MD5.
for (let i = 0; i < first.length; i += 3) {
  const near = pdqHexToBytes(first[i].pdq);
  for (let bit = 0; bit < 8; bit++) near[(bit * 37) >> 3] ^= 1 << ((bit * 37) & 7);
  pdqValues.set(near, (i + 1) * 1000 * 32);
}
const md5Values = randomBytes(md5Count * 16, random);
md5Values.set(Buffer.from(first[1].md5, 'hex'), 77 * 16);
const set = {
  lists: [
    {
      listId: 'bench',
      version: '1',
      source: 'bench',
      entryCount: pdqCount + md5Count,
      syncedAt: new Date().toISOString(),
    },
  ],
  categories: ['A1'],
  columns: {
    pdq: column('pdq', 32, pdqValues, pdqCount, 'p'),
    md5: column('md5', 16, md5Values, md5Count, 'm'),
  },
};
const buildStart = performance.now();
const matcher = createMatcher(set);
const buildMs = performance.now() - buildStart;
console.log(
  `matcher over ${pdqCount.toLocaleString('en')} PDQ + ${md5Count.toLocaleString('en')} MD5 built in ${buildMs.toFixed(0)} ms`,
);

const checker = createUploadChecker({ lists: matcher });
gc();

// 1. The pure check on precomputed hashes: everything checkUpload adds to hashing.
const hashesOf = first.map(({ md5, sha1, sha256, pdq, quality }) => ({
  md5,
  sha1,
  sha256,
  pdq,
  quality,
}));
for (let i = 0; i < 200; i++) checker.checkHashes(hashesOf[i % hashesOf.length]); // warm-up
const checkSamples = [];
const verdicts = { block: 0, review: 0, allow: 0 };
for (let i = 0; i < checkReps; i++) {
  const hashes = hashesOf[i % hashesOf.length];
  const start = performance.now();
  const result = checker.checkHashes(hashes);
  checkSamples.push(performance.now() - start);
  if (i < hashesOf.length) verdicts[result.verdict]++;
}
const check = summarize(checkSamples);

// 2. End to end, interleaved with the hashFile baseline on the same files.
const hashSamples = [];
const uploadSamples = [];
const coreSamples = [];
for (let round = 0; round < rounds; round++) {
  for (const path of images) {
    let start = performance.now();
    await hashFile(path);
    hashSamples.push(performance.now() - start);
    start = performance.now();
    const result = await checker.checkUpload(path);
    uploadSamples.push(performance.now() - start);
    coreSamples.push(result.timings.checkMs);
  }
}
const hash = summarize(hashSamples);
const upload = summarize(uploadSamples);
const core = summarize(coreSamples);

const figures = {
  entries: { pdq: pdqCount, md5: md5Count },
  images: images.length,
  matcherBuildMs: Math.round(buildMs),
  verdictsPerImage: verdicts,
  checkHashesMs: check,
  checkUploadMs: upload,
  baselineHashFileMs: hash,
  checkCoreTimingsMs: core,
  overheadBeyondHashingMs: {
    p50: check.p50,
    endToEndP50Difference: upload.p50 - hash.p50,
    target: 1,
  },
};
writeResult('check-upload', figures);
console.log(
  `check core (hashes → verdict), ${checkReps} reps: p50 ${check.p50.toFixed(3)} ms, p99 ${check.p99.toFixed(3)} ms`,
);
console.log(
  `hashFile baseline p50 ${hash.p50.toFixed(2)} ms; checkUpload p50 ${upload.p50.toFixed(2)} ms (difference ${(upload.p50 - hash.p50).toFixed(2)} ms, noisy)`,
);
console.log(`verdicts over the ${images.length} images: ${JSON.stringify(verdicts)}`);
console.log(`overhead beyond hashing p50 ${check.p50.toFixed(3)} ms (target ≤ 1 ms)`);
