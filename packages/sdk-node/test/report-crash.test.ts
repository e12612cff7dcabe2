import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCyberTiplineAdapter,
  createReportForwarder,
  type ReportStatus,
} from '@hashguard/sdk-core';
import { type FaultRule, type MockHotlinesServer, startMockHotlines } from '@hashguard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportTransport, createSqliteOutbox } from '../src/reporting/index';
import { loadSampleFile, realClock } from './report-fixtures';

// The acceptance test of the durable outbox: reports acknowledged by
// forwardReport() survive SIGKILL at any instant and reach the hotline
// exactly once. Submits whose outcome is unknown end in needs-attention and
// are resolved the way a person would: by looking for the report at the
// hotline (its additionalInfo carries the member reference).

const N = 200;
const CHILD = join(import.meta.dirname, 'report-crash-child.mjs');
const seedOf = (key: string) => Number(key.replace(/\D/g, '')) || 1;

/** mulberry32: a seeded PRNG so kill instants are reproducible. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RunResult {
  idle: boolean;
  killed: boolean;
}

/**
 * When to kill a run: after `afterEvents` more report events (each printed
 * right after a journal write), plus `delayMs`. Counting events rather than
 * milliseconds puts every kill inside the flow however fast the machine is;
 * the delay and eight reports in flight at once make the instants random.
 */
interface KillPlan {
  afterEvents: number;
  delayMs: number;
}

function runChild(
  dbPath: string,
  baseUrl: string,
  acks: Set<string>,
  kill?: KillPlan,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--no-warnings', CHILD, dbPath, baseUrl, String(N)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let idle = false;
    let events = 0;
    let timer: NodeJS.Timeout | undefined;
    let buffered = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) acks.add(line.slice(4));
        if (line === 'idle') idle = true;
        if (line.startsWith('evt ') && kill && ++events === kill.afterEvents) {
          timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child exited ${code}: ${stderr}`));
      else resolve({ idle, killed: signal === 'SIGKILL' });
    });
  });
}

interface Figures {
  kills: number;
  runs: number;
  acked: number;
  needsAttention: number;
  resolvedFound: number;
  resolvedResubmit: number;
  hotlineReports: number;
  duplicates: number;
  orphanFiles: number;
  seconds: number;
}

async function crashRun(
  server: MockHotlinesServer,
  dir: string,
  seed: number,
  kills: number,
  faults: FaultRule[],
): Promise<Figures> {
  const started = Date.now();
  const dbPath = join(dir, `crash-${seed}.db`);
  for (const rule of faults) server.faults.add(rule);
  const random = seeded(seed);
  const acks = new Set<string>();
  let killCount = 0;
  let runs = 0;
  let idleBeforeAllKills = false;
  while (killCount < kills) {
    runs++;
    const plan = { afterEvents: 1 + Math.floor(random() * 40), delayMs: Math.floor(random() * 40) };
    const result = await runChild(dbPath, server.urls.cybertipline, acks, plan);
    if (result.killed) killCount++;
    if (result.idle) {
      // All work done before the planned kills: the test would prove less than it claims.
      idleBeforeAllKills = true;
      break;
    }
  }
  expect(idleBeforeAllKills).toBe(false);
  runs++;
  const last = await runChild(dbPath, server.urls.cybertipline, acks);
  expect(last.idle).toBe(true);
  server.faults.clear();

  // A person settles the unknown submits by checking the hotline for each report.
  const outbox = createSqliteOutbox({ path: dbPath });
  const forwarder = createReportForwarder({
    outbox,
    transport: createReportTransport({ timeoutMs: 5000 }),
    clock: realClock,
    adapter: createCyberTiplineAdapter({
      credentials: { username: 'hashguard-test', password: 'mock-password' },
      baseUrl: server.urls.cybertipline,
    }),
    loadFile: loadSampleFile(seedOf),
    workerId: 'person',
  });
  const unknown = await forwarder.list({ state: 'needs-attention' });
  let resolvedFound = 0;
  for (const record of unknown) {
    const atHotline = server
      .reports()
      .find((r) => r.xml.includes(`Member reference: ${record.reportKey}</additionalInfo>`));
    if (atHotline) {
      resolvedFound++;
      await forwarder.resolve(record.id, {
        hotlineReportId: String(atHotline.reportId),
        note: 'found at hotline',
      });
    } else {
      await forwarder.resolve(record.id, { notReceived: true, note: 'not at hotline' });
    }
  }
  await forwarder.drain();

  const statuses: ReportStatus[] = await forwarder.list();
  await outbox.close();
  const byKey = new Map<string, number[]>();
  for (const report of server.reports()) {
    const key = /Member reference: (r-\d+)<\/additionalInfo>/.exec(report.xml)?.[1];
    if (key) byKey.set(key, [...(byKey.get(key) ?? []), report.reportId]);
  }
  const duplicates = [...byKey.values()].filter((ids) => ids.length > 1).length;
  const orphanFiles = server
    .reports()
    .flatMap((r) => server.files(r.reportId))
    .filter((f) => !f.details).length;

  for (const status of statuses.filter((s) => s.state !== 'finished')) {
    console.log(
      '[report-crash] not finished',
      status.id,
      status.state,
      JSON.stringify(status.journal),
    );
  }
  // Every report acknowledged, finished at the hotline exactly once, and the outbox agrees.
  expect(acks.size).toBe(N);
  expect(statuses).toHaveLength(N);
  for (let i = 0; i < N; i++) {
    const key = `r-${i}`;
    const ids = byKey.get(key) ?? [];
    expect(ids, key).toHaveLength(1);
    const received = server.reports().find((r) => r.reportId === ids[0]);
    expect(received?.status, key).toBe('finished');
    const status = statuses.find((s) => s.reportKey === key);
    expect(status?.state, key).toBe('finished');
    expect(status?.progress.hotlineReportId, key).toBe(String(ids[0]));
  }
  expect(duplicates).toBe(0);
  return {
    kills: killCount,
    runs,
    acked: acks.size,
    needsAttention: unknown.length,
    resolvedFound,
    resolvedResubmit: unknown.length - resolvedFound,
    hotlineReports: server.reports().length,
    duplicates,
    orphanFiles,
    seconds: (Date.now() - started) / 1000,
  };
}

// The child imports the built packages, and the shared fixtures (TypeScript)
// with Node's type stripping (Node >= 22.18 / 23.6; the toolchain ships 24).
const childRuns = Boolean((process.features as { typescript?: unknown }).typescript);

describe.skipIf(!childRuns)('report forwarding survives SIGKILL', () => {
  let server: MockHotlinesServer;
  let dir: string;
  beforeAll(async () => {
    server = await startMockHotlines({ seed: 11 });
    dir = mkdtempSync(join(tmpdir(), 'hashguard-report-crash-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes all 200 reports exactly once across ≥ 20 random kills', {
    timeout: 90_000,
  }, async () => {
    server.reset();
    const figures = await crashRun(server, dir, 20261125, 20, []);
    console.log('[report-crash] kills', JSON.stringify(figures));
    expect(figures.kills).toBeGreaterThanOrEqual(20);
  });

  it('files no duplicate when the hotline accepts a request but the response is lost', {
    timeout: 90_000,
  }, async () => {
    server.reset();
    const lost = (route: string, probability: number): FaultRule => ({
      kind: 'lost-response',
      route,
      probability,
    });
    const figures = await crashRun(server, dir, 7, 5, [
      lost('cybertipline.submit', 0.1),
      lost('cybertipline.upload', 0.05),
      lost('cybertipline.fileinfo', 0.1),
      lost('cybertipline.finish', 0.1),
    ]);
    console.log('[report-crash] lost-response', JSON.stringify(figures));
    // Lost submit answers put reports in needs-attention; each was found at the hotline, not resubmitted.
    expect(figures.needsAttention).toBeGreaterThan(0);
    expect(figures.resolvedFound).toBeGreaterThan(0);
  });
});
