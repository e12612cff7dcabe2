// Child process of index.bench.mjs: loads a snapshot file the way a member's
// server would (read, decode with CRC, build the matcher) in a fresh process,
// so its resident memory is the load's alone. Prints JSON on stdout.
import { readFileSync } from 'node:fs';
import { createMatcher, decodeSnapshot } from '../packages/sdk-core/dist/index.js';

const [file, queryHex] = process.argv.slice(2);
const rssBefore = process.memoryUsage().rss;
const start = performance.now();
const bytes = readFileSync(file);
const readMs = performance.now() - start;
const set = decodeSnapshot(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
const decodeMs = performance.now() - start - readMs;
const matcher = createMatcher(set);
const totalMs = performance.now() - start;
const matches = matcher.match({ pdq: queryHex }).length;
globalThis.gc?.();
const rss = process.memoryUsage().rss;
console.log(
  JSON.stringify({
    readMs,
    decodeMs,
    matcherMs: totalMs - readMs - decodeMs,
    totalMs,
    rssMiB: Math.round(rss / 2 ** 20),
    rssBaselineMiB: Math.round(rssBefore / 2 ** 20),
    matches,
  }),
);
