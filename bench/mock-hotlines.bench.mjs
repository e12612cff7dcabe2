// Standalone mock hotline server throughput on loopback (issue 6 target:
// ≥ 2 000 requests/s). autocannon drives four routes of the built
// @hashguard/testing server, and a bare node:http server answering a fixed
// 200 is measured in the same run as the baseline (the ceiling of node:http
// plus autocannon on this machine). Both share the machine's cores with the
// load generator, so absolute numbers are a lower bound.
//
//   node bench/mock-hotlines.bench.mjs        (HASHGUARD_BENCH_SECONDS, default 5)
//
// Needs the built package (`pnpm --filter @hashguard/testing build`).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { reportXml, startMockHotlines } from '../packages/testing/dist/index.js';
import { writeResult } from './write-result.mjs';

const require = createRequire(new URL('../packages/sdk-node/package.json', import.meta.url));
const autocannon = require('autocannon');

const SECONDS = Number(process.env.HASHGUARD_BENCH_SECONDS ?? 5);
const CONNECTIONS = 16;
const TARGET_RPS = 2000;

function load(url, { headers = {}, method = 'GET', body } = {}) {
  return new Promise((resolve, reject) => {
    autocannon(
      { url, connections: CONNECTIONS, duration: SECONDS, headers, method, body },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

function figures(result) {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const baselineServer = createServer((_req, res) => res.writeHead(200).end('ok'));
await new Promise((resolve) => baselineServer.listen(0, '127.0.0.1', resolve));
const baselineUrl = `http://127.0.0.1:${baselineServer.address().port}/`;
const baseline = figures(await load(baselineUrl));
await new Promise((resolve) => baselineServer.close(resolve));

const mock = await startMockHotlines({ port: 0, hashSharing: { sampleSize: 0 } });
const auth = {
  authorization: `Basic ${Buffer.from('hashguard-test:mock-password').toString('base64')}`,
};
const list = await fetch(`${mock.urls.lists}/hashes.json`);
const etag = list.headers.get('etag');
await list.arrayBuffer();

const routes = {
  'cybertipline GET /status (Basic auth, XML answer)': await load(
    `${mock.urls.cybertipline}/status`,
    {
      headers: auth,
    },
  ),
  'lists GET /hashes.json (If-None-Match → 304)': await load(`${mock.urls.lists}/hashes.json`, {
    headers: { 'if-none-match': etag },
  }),
  'cybertipline POST /submit (parse + XSD-order check, records a report)': await load(
    `${mock.urls.cybertipline}/submit`,
    {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/xml; charset=utf-8' },
      body: reportXml(),
    },
  ),
  'hash sharing GET /v2/status (Basic auth, XML answer)': await load(
    `${mock.urls.hashSharing}/v2/status`,
    {
      headers: auth,
    },
  ),
};
await mock.close();

const measured = Object.fromEntries(
  Object.entries(routes).map(([name, result]) => [name, figures(result)]),
);
const slowest = Math.min(...Object.values(measured).map((route) => route.requestsPerSecond));
const result = writeResult('mock-hotlines', {
  secondsPerRun: SECONDS,
  connections: CONNECTIONS,
  targetRequestsPerSecond: TARGET_RPS,
  baselineBareNodeHttp: baseline,
  routes: measured,
  slowestRouteRequestsPerSecond: slowest,
  slowestVsBaseline: Number((slowest / baseline.requestsPerSecond).toFixed(2)),
  meetsTarget: slowest >= TARGET_RPS,
});
console.log(`baseline bare node:http: ${baseline.requestsPerSecond} req/s`);
for (const [name, route] of Object.entries(measured)) {
  console.log(
    `${name}: ${route.requestsPerSecond} req/s, p99 ${route.latencyMsP99} ms, non-2xx ${route.non2xx}`,
  );
}
console.log(
  `slowest route ${slowest} req/s; target ${TARGET_RPS}: ${result.meetsTarget ? 'met' : 'NOT met'}`,
);
process.exit(result.meetsTarget ? 0 : 1);
