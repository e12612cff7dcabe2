// PDQ matching index: multi-index hashing vs the best linear scan we can
// write, on random PDQ hashes with planted near-duplicates, measured in the
// same run. Also exact-digest set vs Map, and snapshot encode/decode/load.
//
//   node --expose-gc bench/index.bench.mjs [--sizes 1e6,1e7] [--queries 400] [--scan-queries 30]
//
// Needs the built package (`pnpm --filter @hashguard/sdk-core build`).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createDigestSet,
  createPdqIndex,
  decodeSnapshot,
  encodeSnapshot,
  pdqQueryWords,
  pdqWordsView,
  popcount32,
} from '../packages/sdk-core/dist/index.js';
import { createWasmScan } from './pdq-scan-wasm.mjs';
import { summarize, writeResult } from './write-result.mjs';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1e6,1e7' },
    queries: { type: 'string', default: '400' },
    'scan-queries': { type: 'string', default: '30' },
    threshold: { type: 'string', default: '31' },
  },
});
const sizes = args.sizes.split(',').map((s) => Math.round(Number(s)));
const queryCount = Number(args.queries);
const scanQueryCount = Number(args['scan-queries']);
const threshold = Number(args.threshold);
const gc = globalThis.gc ?? (() => {});
const mib = (bytes) => Math.round(bytes / 2 ** 20);

// xorshift128: reproducible data without holding a seed file.
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

function randomHashes(count, random) {
  const words = new Uint32Array(count * 8);
  for (let i = 0; i < words.length; i++) words[i] = random();
  return new Uint8Array(words.buffer);
}

/** Copies of listed hashes with `bits` random bits flipped: what a re-encoded or cropped copy looks like. */
function plantedQueries(values, count, random) {
  const size = values.length / 32;
  const queries = [];
  for (let q = 0; q < count; q++) {
    const row = random() % size;
    const query = values.slice(row * 32, row * 32 + 32);
    const flips = random() % 25; // 0..24 bits: realistic near-duplicates
    const flipped = new Set();
    while (flipped.size < flips) flipped.add(random() % 256);
    for (const bit of flipped) query[bit >> 3] ^= 1 << (bit & 7);
    queries.push(query);
  }
  return queries;
}

/** The best linear scan: packed Uint32Array, SWAR popcount, early exit at half way. */
function linearScan(words, query, limit) {
  const q0 = query[0],
    q1 = query[1],
    q2 = query[2],
    q3 = query[3];
  const q4 = query[4],
    q5 = query[5],
    q6 = query[6],
    q7 = query[7];
  const hits = [];
  for (let base = 0; base < words.length; base += 8) {
    let d =
      popcount32(words[base] ^ q0) +
      popcount32(words[base + 1] ^ q1) +
      popcount32(words[base + 2] ^ q2) +
      popcount32(words[base + 3] ^ q3);
    if (d > limit) continue;
    d +=
      popcount32(words[base + 4] ^ q4) +
      popcount32(words[base + 5] ^ q5) +
      popcount32(words[base + 6] ^ q6) +
      popcount32(words[base + 7] ^ q7);
    if (d <= limit) hits.push(base >>> 3);
  }
  return hits;
}

function time(fn) {
  const start = performance.now();
  const result = fn();
  return { ms: performance.now() - start, result };
}

function latencies(index, queries, dihedralOf) {
  const samples = [];
  let matches = 0;
  for (const query of queries) {
    const options = dihedralOf ? { threshold, dihedral: dihedralOf(query) } : { threshold };
    const start = performance.now();
    matches += index.query(query, options).length;
    samples.push(performance.now() - start);
  }
  return { ...summarize(samples), matchesPerQuery: matches / queries.length };
}

/** A one-list set over the packed block, as the builder or a snapshot would give it. */
function listSetOf(values, pdqIndexTables) {
  const count = values.length / 32;
  const offsets = new Uint32Array(count + 1);
  const idBytes = new Uint8Array(count * 9);
  let at = 0;
  for (let row = 0; row < count; row++) {
    const id = `e${row.toString(36).padStart(8, '0')}`;
    for (let i = 0; i < id.length; i++) idBytes[at++] = id.charCodeAt(i);
    offsets[row + 1] = at;
  }
  return {
    pdqIndexTables,
    lists: [{ listId: 'bench', version: '1', source: 'bench', entryCount: count }],
    categories: ['A1'],
    columns: {
      pdq: {
        algorithm: 'pdq',
        count,
        width: 32,
        values,
        listIndex: new Uint16Array(count),
        entryIds: { offsets, bytes: idBytes.subarray(0, at) },
        categoryIndex: new Uint32Array(count).fill(1),
        addedAt: new Float64Array(count).fill(Number.NaN),
      },
    },
  };
}

const results = [];
for (const size of sizes) {
  console.log(`\n--- ${size.toLocaleString('en')} PDQ hashes`);
  const random = createRandom(size);
  let values = randomHashes(size, random);
  const planted = plantedQueries(values, queryCount, random);
  const absent = Array.from({ length: queryCount }, () => randomHashes(1, random));
  gc();
  const before = process.memoryUsage();
  const build = time(() => createPdqIndex(values));
  let index = build.result;
  build.result = undefined;
  const { slotBits, slotCount } = index;
  let tables = index.tables;
  gc();
  const after = process.memoryUsage();
  const plan = index.plan(threshold);
  console.log(
    `index: ${index.slotCount} slots × ${index.slotBits} bits, built in ${build.ms.toFixed(0)} ms, ` +
      `+${mib(after.arrayBuffers - before.arrayBuffers)} MiB, plan at d=${threshold}: ` +
      `${plan.probes} probes, ~${Math.round(plan.expectedCandidates)} candidates`,
  );
  // Warm up the JIT on a few queries of each kind before measuring.
  latencies(index, planted.slice(0, 20));
  latencies(index, absent.slice(0, 20));
  const plantedLatency = latencies(index, planted);
  const absentLatency = latencies(index, absent);
  // A query with its 7 other dihedral hashes (stand-ins: random hashes, as
  // a rotation's PDQ is as far from the original as a random one).
  const dihedralLatency = latencies(index, planted.slice(0, 100), () =>
    Array.from({ length: 7 }, () => randomHashes(1, random)),
  );
  console.log(
    `index query d=${threshold}: planted p50 ${plantedLatency.p50.toFixed(3)} ms p99 ${plantedLatency.p99.toFixed(3)} ms; ` +
      `absent p50 ${absentLatency.p50.toFixed(3)} ms p99 ${absentLatency.p99.toFixed(3)} ms; ` +
      `with 8 dihedral hashes p50 ${dihedralLatency.p50.toFixed(3)} ms p99 ${dihedralLatency.p99.toFixed(3)} ms`,
  );

  // Baseline: the linear scan, same data, same run; it must agree with the index.
  const words = pdqWordsView(values);
  const scanSamples = [];
  let disagreements = 0;
  const scanQueries = [
    ...planted.slice(0, scanQueryCount >> 1),
    ...absent.slice(0, scanQueryCount - (scanQueryCount >> 1)),
  ];
  linearScan(words, pdqQueryWords(scanQueries[0]), threshold);
  for (const query of scanQueries) {
    const queryWords = pdqQueryWords(query);
    const start = performance.now();
    const hits = linearScan(words, queryWords, threshold);
    scanSamples.push(performance.now() - start);
    const indexed = index
      .query(query, { threshold })
      .map((hit) => hit.row)
      .sort((a, b) => a - b);
    if (indexed.join() !== hits.sort((a, b) => a - b).join()) disagreements++;
  }
  const scan = summarize(scanSamples);
  // The same scan in WebAssembly with i64.popcnt (JS has no popcount instruction).
  const wasmScan = createWasmScan(values);
  const wasmSamples = [];
  wasmScan(scanQueries[0], threshold);
  for (const query of scanQueries) {
    const start = performance.now();
    const hits = wasmScan(query, threshold);
    wasmSamples.push(performance.now() - start);
    const indexed = index
      .query(query, { threshold })
      .map((hit) => hit.row)
      .sort((a, b) => a - b);
    if (indexed.join() !== hits.sort((a, b) => a - b).join()) disagreements++;
  }
  const wasm = summarize(wasmSamples);
  const best = wasm.p50 < scan.p50 ? wasm : scan;
  const speedupP50 = best.p50 / plantedLatency.p50;
  console.log(
    `linear scan: JS p50 ${scan.p50.toFixed(2)} ms p99 ${scan.p99.toFixed(2)} ms; WASM popcnt p50 ${wasm.p50.toFixed(2)} ms ` +
      `p99 ${wasm.p99.toFixed(2)} ms → index ${speedupP50.toFixed(0)}× faster than the best at p50 ` +
      `(${disagreements} disagreements over ${scanQueries.length * 2} scans)`,
  );
  index = undefined;
  gc();

  // Exact digests: open-addressing set over packed bytes vs a Map of hex strings (≤ 1 M rows).
  const digestRows = Math.min(size, 1_000_000);
  const md5Values = values.subarray(0, digestRows * 16);
  gc();
  let mem0 = process.memoryUsage();
  const digestBuild = time(() => createDigestSet('md5', md5Values));
  gc();
  let mem1 = process.memoryUsage();
  const digestSetMiB = mib(mem1.arrayBuffers - mem0.arrayBuffers + mem1.heapUsed - mem0.heapUsed);
  const hex = (row) => Buffer.from(md5Values.subarray(row * 16, row * 16 + 16)).toString('hex');
  const lookups = Array.from({ length: 10_000 }, (_, i) => hex((i * 7919) % digestRows));
  const digestLookup = time(() =>
    lookups.reduce((n, h) => n + digestBuild.result.lookup(h).length, 0),
  );
  mem0 = process.memoryUsage();
  const mapBuild = time(() => {
    const map = new Map();
    for (let row = 0; row < digestRows; row++) map.set(hex(row), row);
    return map;
  });
  gc();
  mem1 = process.memoryUsage();
  const mapMiB = mib(mem1.heapUsed - mem0.heapUsed);
  const mapLookup = time(() => lookups.reduce((n, h) => n + (mapBuild.result.has(h) ? 1 : 0), 0));
  console.log(
    `md5 × ${digestRows.toLocaleString('en')}: digest set ${digestBuild.ms.toFixed(0)} ms, ${digestSetMiB} MiB, ` +
      `${((digestLookup.ms / 10_000) * 1000).toFixed(2)} µs/lookup; Map of hex ${mapBuild.ms.toFixed(0)} ms, ${mapMiB} MiB, ` +
      `${((mapLookup.ms / 10_000) * 1000).toFixed(2)} µs/lookup`,
  );
  mapBuild.result.clear();

  // Snapshot: encode here; load (read + decode with CRC + matcher) in a fresh
  // process, so its time and resident memory are the load's alone.
  gc();
  const encode = time(() => encodeSnapshot(listSetOf(values, tables)));
  let snapshotBytes = encode.result;
  tables = undefined;
  const decode = time(() => decodeSnapshot(snapshotBytes));
  const snapshotSize = snapshotBytes.length;
  const file = join(tmpdir(), `hashguard-bench-${process.pid}.snapshot`);
  writeFileSync(file, snapshotBytes);
  snapshotBytes = undefined;
  decode.result = undefined;
  values = undefined;
  gc();
  const child = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      join(import.meta.dirname, 'load-snapshot.mjs'),
      file,
      Buffer.from(planted[0]).toString('hex'),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  rmSync(file, { force: true });
  if (child.status !== 0) throw new Error(`snapshot load failed: ${child.stderr}`);
  const load = JSON.parse(child.stdout);
  console.log(
    `snapshot ${mib(snapshotSize)} MiB (with index tables): encode ${encode.ms.toFixed(0)} ms, decode+CRC ${decode.ms.toFixed(0)} ms; ` +
      `fresh-process load ${load.totalMs.toFixed(0)} ms (read ${load.readMs.toFixed(0)}, decode ${load.decodeMs.toFixed(0)}, ` +
      `matcher ${load.matcherMs.toFixed(0)}), RSS ${load.rssMiB} MiB; sanity matches ${load.matches}`,
  );

  results.push({
    size,
    threshold,
    index: {
      slotBits,
      slotCount,
      buildMs: build.ms,
      arrayBuffersMiB: mib(after.arrayBuffers - before.arrayBuffers),
      probes: plan.probes,
      expectedCandidates: plan.expectedCandidates,
      planted: plantedLatency,
      absent: absentLatency,
      dihedral8: dihedralLatency,
    },
    linearScan: { js: scan, wasm, disagreements, queries: scanQueries.length },
    speedupP50,
    speedupP99: best.p99 / plantedLatency.p99,
    digest: {
      rows: digestRows,
      setBuildMs: digestBuild.ms,
      setMiB: digestSetMiB,
      mapBuildMs: mapBuild.ms,
      mapMiB,
      setLookupUs: (digestLookup.ms / 10_000) * 1000,
      mapLookupUs: (mapLookup.ms / 10_000) * 1000,
    },
    snapshot: { bytes: snapshotSize, encodeMs: encode.ms, decodeMs: decode.ms, load },
  });
  gc();
}

writeResult('index', {
  targets: {
    sizeForTargets: 1e7,
    p50Ms: 1,
    p99Ms: 5,
    minSpeedup: 20,
    loadMs: 3000,
    loadRssMiB: 1536,
  },
  results,
});
