// Outbox throughput: enqueue one report plus the full journal of its
// CyberTipline flow (lease, submit started/succeeded, upload, fileinfo
// started/succeeded, finish started/succeeded, release), driven by the real
// forwarder with a hotline adapter that answers at once, so only the outbox
// and the forwarder are measured. Backends: node:sqlite (file, WAL,
// synchronous=FULL: every commit is fsynced) and Postgres on PGlite
// (in-memory). Baseline in the same run: the in-memory outbox, i.e. the
// forwarder's own cost.
//
//   node bench/outbox.bench.mjs [--reports 300] [--concurrency 4]
//
// Needs the built packages (`pnpm --filter @hashguard/sdk-core build && pnpm --filter @hashguard/sdk-node build`).
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMemoryOutbox, createReportForwarder } from '../packages/sdk-core/dist/index.js';
import { createPgOutbox, createSqliteOutbox } from '../packages/sdk-node/dist/index.js';
import { summarize, writeResult } from './write-result.mjs';

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '4' },
  },
});
const reports = Number(args.reports);
const concurrency = Number(args.concurrency);
const requireFromNode = createRequire(
  new URL('../packages/sdk-node/package.json', import.meta.url),
);
const { PGlite } = await import(
  pathToFileURL(requireFromNode.resolve('@electric-sql/pglite')).href
);

/** A CyberTipline-shaped adapter that answers every step at once. */
const instantAdapter = {
  name: 'cybertipline',
  acceptsFiles: true,
  check() {},
  plan: () => [
    { id: 'submit', kind: 'submit', delivery: 'once' },
    { id: 'upload:0', kind: 'upload', delivery: 'retryable', fileIndex: 0 },
    { id: 'fileinfo:0', kind: 'fileinfo', delivery: 'confirmable', fileIndex: 0 },
    { id: 'finish', kind: 'finish', delivery: 'confirmable' },
  ],
  async runStep(step, context) {
    if (step.kind === 'submit') return { hotlineReportId: context.report.reportKey };
    if (step.kind === 'upload') return { fileId: `f-${context.report.reportKey}` };
    return {};
  },
};

function report(key) {
  return {
    reportKey: key,
    testData: true,
    incident: {
      type: 'child-sexual-abuse-material',
      occurredAt: '2026-11-25T10:00:00Z',
      country: 'US',
    },
    files: [
      {
        fileKey: `${key}/0`,
        hashes: { md5: '0123456789abcdef0123456789abcdef' },
        matches: [{ list: 'bench', algorithm: 'md5' }],
        viewedByMember: false,
      },
    ],
    reporter: { person: { email: 'bench@platform.example' } },
  };
}

async function measure(name, outbox) {
  const clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const forwarder = createReportForwarder({
    outbox,
    transport: { send: async () => ({ status: 500, headers: {}, body: new Uint8Array() }) },
    clock,
    adapter: instantAdapter,
    loadFile: async () => new Uint8Array(),
    workerId: 'bench',
    concurrency,
  });
  const enqueueMs = [];
  const started = performance.now();
  for (let i = 0; i < reports; i++) {
    const t = performance.now();
    await forwarder.forwardReport(report(`${name}-${i}`));
    enqueueMs.push(performance.now() - t);
  }
  const queuedAt = performance.now();
  await forwarder.drain();
  const doneAt = performance.now();
  const finished = (await forwarder.list({ state: 'finished' })).length;
  if (finished !== reports) throw new Error(`${name}: ${finished} of ${reports} finished`);
  const totalSeconds = (doneAt - started) / 1000;
  const result = {
    reports,
    reportsPerSecond: Math.round(reports / totalSeconds),
    enqueuePerSecond: Math.round(reports / ((queuedAt - started) / 1000)),
    flowPerSecond: Math.round(reports / ((doneAt - queuedAt) / 1000)),
    enqueueMs: summarize(enqueueMs),
  };
  console.log(
    `${name.padEnd(8)} ${String(result.reportsPerSecond).padStart(6)} reports/s end to end ` +
      `(enqueue ${result.enqueuePerSecond}/s, p50 ${result.enqueueMs.p50.toFixed(2)} ms; flow ${result.flowPerSecond}/s)`,
  );
  return result;
}

const dir = mkdtempSync(join(tmpdir(), 'hashguard-outbox-bench-'));
try {
  const memory = await measure('memory', createMemoryOutbox());
  const sqliteOutbox = createSqliteOutbox({ path: join(dir, 'outbox.db') });
  const sqlite = await measure('sqlite', sqliteOutbox);
  await sqliteOutbox.close();
  const db = new PGlite();
  const pool = {
    async query(text, params) {
      const r = await db.query(text, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
  };
  const pglite = await measure('pglite', await createPgOutbox({ pool }));
  await db.close();
  const written = writeResult('outbox', {
    note: 'enqueue + full journal of a 1-file CyberTipline flow per report; adapter answers instantly',
    concurrency,
    baseline: { memory },
    sqlite,
    pglite,
  });
  console.log(`wrote bench/results/outbox.json (${written.machine.cores} cores)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
