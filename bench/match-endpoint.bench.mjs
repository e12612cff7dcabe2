// Match endpoint load test on loopback (issue 5 target: ≥ 5 000 requests/s).
// Baseline in the same run: a bare node:http handler that reads the same JSON
// body and answers the same verdict, with no validation, auth, rate limit or
// matching. The servers run in a child process so autocannon does not share
// their event loop.
//
//   node bench/match-endpoint.bench.mjs [--entries 1e6] [--duration 5] [--connections 32]
//
// Needs the built packages.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { writeResult } from './write-result.mjs';

const { values: args } = parseArgs({
  options: {
    serve: { type: 'boolean', default: false },
    entries: { type: 'string', default: '1e6' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
  },
});

const TOKEN = 'bench-token';

if (args.serve) await serve();
else await drive();

async function serve() {
  const { createCheckCore, createMatcher } = await import('../packages/sdk-core/dist/index.js');
  const { createMatchHandler, toNodeListener } = await import('../packages/sdk-node/dist/index.js');
  const count = Math.round(Number(args.entries));
  const values = new Uint8Array(count * 32);
  const words = new Uint32Array(values.buffer);
  let state = 2463534242;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  const offsets = new Uint32Array(count + 1);
  const ids = new Uint8Array(count * 9);
  let at = 0;
  for (let row = 0; row < count; row++) {
    const id = `e${row.toString(36).padStart(8, '0')}`;
    for (let i = 0; i < id.length; i++) ids[at++] = id.charCodeAt(i);
    offsets[row + 1] = at;
  }
  const matcher = createMatcher({
    lists: [{ listId: 'bench', version: '1', source: 'bench', entryCount: count }],
    categories: ['A1'],
    columns: {
      pdq: {
        algorithm: 'pdq',
        count,
        width: 32,
        values,
        listIndex: new Uint16Array(count),
        entryIds: { offsets, bytes: ids.subarray(0, at) },
        categoryIndex: new Uint32Array(count).fill(1),
        addedAt: new Float64Array(count).fill(Number.NaN),
      },
    },
  });
  let checked = 0;
  const core = createCheckCore({ matcher, events: { emit: () => checked++ } });
  const handler = createMatchHandler({
    core,
    authenticate: (request) =>
      request.headers.get('authorization') === `Bearer ${TOKEN}`
        ? { clientId: 'bench' }
        : undefined,
    // One client drives all the load: a bucket this large never refuses, but its cost is measured.
    rateLimit: { burst: 1e12, perSecond: 1e12 },
  });
  const endpoint = createServer(toNodeListener(handler));
  const baseline = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end('{"verdict":"allow"}');
    });
  });
  await Promise.all(
    [endpoint, baseline].map(
      (server) => new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)),
    ),
  );
  process.send({
    endpoint: endpoint.address().port,
    baseline: baseline.address().port,
    entries: count,
  });
  process.on('message', (message) => {
    if (message === 'count') process.send({ checked });
  });
}

async function drive() {
  // autocannon is a devDependency of sdk-node.
  const require = createRequire(new URL('../packages/sdk-node/package.json', import.meta.url));
  const autocannon = require('autocannon');
  const child = fork(import.meta.filename, ['--serve', '--entries', args.entries], {
    stdio: 'inherit',
  });
  const ports = await new Promise((resolve) => child.once('message', resolve));
  const body = JSON.stringify({
    md5: 'd41d8cd98f00b204e9800998ecf8427e',
    sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    pdq: 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22',
    quality: 100,
  });
  const load = (port) =>
    autocannon({
      url: `http://127.0.0.1:${port}/match`,
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body,
      connections: Number(args.connections),
      duration: Number(args.duration),
    });
  try {
    // Warm both up, then measure baseline, endpoint, baseline again (the machine is shared).
    await autocannon({
      url: `http://127.0.0.1:${ports.endpoint}/`,
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body,
      duration: 1,
      connections: 8,
    });
    const baselineA = await load(ports.baseline);
    const endpoint = await load(ports.endpoint);
    const baselineB = await load(ports.baseline);
    child.send('count');
    const { checked } = await new Promise((resolve) => child.once('message', resolve));
    const figures = {
      entries: ports.entries,
      connections: Number(args.connections),
      durationSeconds: Number(args.duration),
      endpoint: describe(endpoint),
      baseline: [describe(baselineA), describe(baselineB)],
      endpointVsBaseline:
        endpoint.requests.average / ((baselineA.requests.average + baselineB.requests.average) / 2),
      checksRecorded: checked,
      target: { requestsPerSecond: 5000 },
    };
    writeResult('match-endpoint', figures);
    console.log(
      `baseline bare node:http: ${figures.baseline.map((b) => b.requestsPerSecond).join(' / ')} req/s`,
    );
    console.log(
      `match endpoint (${ports.entries.toLocaleString('en')} PDQ entries): ${figures.endpoint.requestsPerSecond} req/s, p50 ${figures.endpoint.latencyMs.p50} ms, p99 ${figures.endpoint.latencyMs.p99} ms, non-2xx ${figures.endpoint.non2xx}`,
    );
    console.log(
      `endpoint / baseline: ${figures.endpointVsBaseline.toFixed(2)} (target ≥ 5 000 req/s)`,
    );
  } finally {
    child.kill();
  }
}

function describe(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
