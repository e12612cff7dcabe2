// URL list and keyword list checks (issue 10).
//   node bench/url-keyword.bench.mjs [--url-entries N] [--text-mb N] [--terms N]
// URL: p50/p90/p99 of one checkUrl() against N (default 1 M) synthetic
// entries (3/4 exact URLs, 1/4 prefixes), over a mix of hits and misses;
// baseline in the same run: WHATWG `new URL()` + one Set lookup (exact
// only, none of the evasion handling).
// Keywords: checkText() throughput in MB/s (UTF-8 bytes of text / time) with
// N (default 10 k) nonsense terms on --text-mb (default 100) MB of synthetic
// text checked in 64 KiB chunks; baselines: a Set-of-words lookup (split,
// lowercase, no folding or obfuscation handling) and a naive
// `String.includes` loop over 100 terms, extrapolated to all terms.
import {
  createKeywordChecker,
  createUrlChecker,
  hashUrlEntry,
  parseKeywordList,
  parseUrlList,
} from '../packages/sdk-core/dist/index.js';
import { summarize, writeResult } from './write-result.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const urlEntries = arg('url-entries', 1_000_000);
const textMb = arg('text-mb', 100);
const termCount = arg('terms', 10_000);

// Deterministic PRNG (mulberry32), so runs are comparable.
let seed = 0x5eed;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (text) => text[Math.floor(random() * text.length)];
const word = (alphabet, min, max) => {
  let w = '';
  const length = min + Math.floor(random() * (max - min + 1));
  for (let i = 0; i < length; i++) w += pick(alphabet);
  return w;
};

// ---- URL checks
const urlLines = [];
for (let i = 0; i < urlEntries; i++) {
  const host = `h${i % 50_000}.site${i % 997}.example`;
  urlLines.push(
    i % 4 === 3 ? `https://${host}/dir${i} prefix` : `https://${host}/p/${i}/page.html`,
  );
}
let started = performance.now();
const urlList = parseUrlList(urlLines.join('\n'), { id: 'bench' });
const checker = createUrlChecker({ lists: [urlList] });
const urlBuildMs = performance.now() - started;

const queries = [];
for (let q = 0; q < 100_000; q++) {
  const i = Math.floor(random() * urlEntries);
  const host = `h${i % 50_000}.site${i % 997}.example`;
  const hit = q % 2 === 0;
  queries.push(
    i % 4 === 3
      ? `HTTPS://WWW.${host}/dir${hit ? i : `${i}x`}/a/b/../c.jpg?x=1`
      : `http://${host}:80/p/./${hit ? i : i + 1}/page.html#frag`,
  );
}
const exactSet = new Set(
  urlLines.filter((l) => !l.endsWith(' prefix')).map((l) => new URL(l).href),
);
const time = (fn) => {
  const samples = new Array(queries.length);
  let hits = 0;
  for (let warm = 0; warm < 20_000; warm++) fn(queries[warm % queries.length]);
  for (let q = 0; q < queries.length; q++) {
    const t0 = performance.now();
    if (fn(queries[q])) hits++;
    samples[q] = (performance.now() - t0) * 1000;
  }
  return { ...summarize(samples), hits, unit: 'µs' };
};
const urlCheck = time((u) => checker.checkUrl(u).verdict !== 'allow');
const urlBaseline = time((u) => exactSet.has(new URL(u).href));
// Hashed list (url-sha256): the same URLs, a tenth as many, each check hashes 2–4 canonical forms.
const hashedLines = urlLines
  .filter((_, i) => i % 10 === 0)
  .map((line) => {
    const [url, flag] = line.split(' ');
    return flag ? `${hashUrlEntry(url, { match: 'prefix' })} prefix` : hashUrlEntry(url);
  });
const hashedChecker = createUrlChecker({
  lists: [parseUrlList(hashedLines.join('\n'), { id: 'hashed' })],
});
const urlCheckHashed = time((u) => hashedChecker.checkUrl(u).verdict !== 'allow');
console.log(`URL list: ${urlEntries} entries, built in ${urlBuildMs.toFixed(0)} ms`);
console.log(
  `  checkUrl        p50 ${urlCheck.p50.toFixed(2)} µs  p99 ${urlCheck.p99.toFixed(2)} µs  hits ${urlCheck.hits}`,
);
console.log(
  `  checkUrl, ${hashedLines.length} url-sha256 entries p50 ${urlCheckHashed.p50.toFixed(2)} µs  p99 ${urlCheckHashed.p99.toFixed(2)} µs  hits ${urlCheckHashed.hits}`,
);
console.log(
  `  baseline URL+Set p50 ${urlBaseline.p50.toFixed(2)} µs  p99 ${urlBaseline.p99.toFixed(2)} µs  hits ${urlBaseline.hits}`,
);

// ---- Keyword checks
const termAlphabet = 'bcdfghjkmnpqrvwxz';
const terms = new Set();
while (terms.size < termCount) terms.add(word(termAlphabet, 6, 12));
const termList = [...terms];
started = performance.now();
const keywordChecker = createKeywordChecker({
  lists: [parseKeywordList(termList.join('\n'), { id: 'bench' })],
});
const keywordBuildMs = performance.now() - started;

// Text: words from an overlapping alphabet with punctuation; one planted term per ~64 KiB.
const textAlphabet = 'abcdefghijklmnopqrstuvwxyzbcdfghjk';
const CHUNK = 64 * 1024;
const chunks = [];
let bytes = 0;
while (bytes < textMb * 1024 * 1024) {
  const parts = [];
  let length = 0;
  while (length < CHUNK - 20) {
    const w = random() < 0.05 ? `${word(textAlphabet, 2, 8)},` : word(textAlphabet, 1, 9);
    parts.push(w);
    length += w.length + 1;
  }
  parts[Math.floor(random() * parts.length)] = pick(termList);
  const chunk = parts.join(' ');
  chunks.push(chunk);
  bytes += chunk.length;
}
const mb = bytes / (1024 * 1024);
// Wall-clock and CPU-time throughput: on a shared machine the CPU figure
// (user + system time of this process) is the steadier one.
const throughput = (fn) => {
  fn(chunks[0]);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let found = 0;
  for (const chunk of chunks) found += fn(chunk);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { mbPerSecond: mb / seconds, mbPerCpuSecond: mb / cpuSeconds, seconds, cpuSeconds, found };
};
const keyword = throughput((chunk) => keywordChecker.checkText(chunk).matches.length);
const termSet = new Set(termList);
const setOfWords = throughput((chunk) => {
  let found = 0;
  for (const w of chunk.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (termSet.has(w)) found++;
  return found;
});
const sample = termList.slice(0, 100);
const includesSample = throughput((chunk) => {
  let found = 0;
  for (const term of sample) if (chunk.includes(term)) found++;
  return found;
});
const includesAll = {
  mbPerSecond: includesSample.mbPerSecond * (sample.length / termList.length),
  extrapolatedFrom: sample.length,
};
console.log(
  `Keywords: ${termCount} terms (built in ${keywordBuildMs.toFixed(0)} ms), ${mb.toFixed(0)} MB of text`,
);
console.log(
  `  checkText               ${keyword.mbPerSecond.toFixed(0)} MB/s wall, ${keyword.mbPerCpuSecond.toFixed(0)} MB/s CPU  (${keyword.found} matches in ${chunks.length} chunks)`,
);
console.log(
  `  baseline Set of words   ${setOfWords.mbPerSecond.toFixed(0)} MB/s wall, ${setOfWords.mbPerCpuSecond.toFixed(0)} MB/s CPU  (${setOfWords.found} matches)`,
);
console.log(
  `  baseline includes×${termCount} ${includesAll.mbPerSecond.toFixed(2)} MB/s (extrapolated from ${sample.length} terms)`,
);

writeResult('url-keyword', {
  url: {
    entries: urlEntries,
    buildMs: urlBuildMs,
    checkUrl: urlCheck,
    checkUrlSha256: { entries: hashedLines.length, ...urlCheckHashed },
    baselineWhatwgUrlPlusSet: urlBaseline,
  },
  keywords: {
    terms: termCount,
    textMb: mb,
    buildMs: keywordBuildMs,
    checkText: keyword,
    baselineSetOfWords: setOfWords,
    baselineIncludes: includesAll,
  },
});
