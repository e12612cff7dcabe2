import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCyberTiplineAdapter,
  createReportForwarder,
  type HotlineAdapter,
  TransportError,
} from '@hashguard/sdk-core';
import {
  DEFAULT_CREDENTIALS,
  type MockHotlinesServer,
  startMockHotlines,
} from '@hashguard/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProgram } from '../src/cli/program';
import { createReportTransport, createSqliteOutbox } from '../src/reporting/index';
import { loadSampleFile, realClock, sampleReport } from './report-fixtures';

let server: MockHotlinesServer;
let dir: string;
const credentials = {
  username: DEFAULT_CREDENTIALS[0]!.username,
  password: DEFAULT_CREDENTIALS[0]!.password,
};

beforeAll(async () => {
  server = await startMockHotlines({ seed: 3 });
  dir = mkdtempSync(join(tmpdir(), 'hashguard-report-cli-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `hashguard report …` in-process; returns what it printed and the exit code. */
async function cli(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    err += String(chunk);
    return true;
  });
  process.exitCode = 0;
  try {
    await createProgram().parseAsync(['node', 'hashguard', 'report', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { out, err, code };
}

function worker(db: string) {
  const outbox = createSqliteOutbox({ path: db });
  const forwarder = createReportForwarder({
    outbox,
    transport: createReportTransport(),
    clock: realClock,
    adapter: createCyberTiplineAdapter({ credentials, baseUrl: server.urls.cybertipline }),
    loadFile: loadSampleFile(() => 1),
    workerId: 'worker',
  });
  return { forwarder, outbox };
}

describe('hashguard report', () => {
  it('lists and shows reports, and settles a needs-attention report with the id found at the hotline', async () => {
    const db = join(dir, 'a.db');
    const { forwarder, outbox } = worker(db);
    server.faults.add({ kind: 'lost-response', route: 'cybertipline.submit', times: 1 });
    await forwarder.forwardReport(sampleReport('cli-1', 1, 1));
    await forwarder.drain();

    const listed = await cli('list', '--db', db, '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toMatchObject({
      id: 'cli-1@cybertipline',
      state: 'needs-attention',
    });
    expect((await cli('list', '--db', db)).out).toMatch(/cli-1@cybertipline\s+needs-attention/);

    const refused = await cli('retry', 'cli-1@cybertipline', '--db', db);
    expect(refused.code).toBe(2);
    const hotlineId = String(server.reports()[0]?.reportId);
    const settled = await cli(
      'retry',
      'cli-1@cybertipline',
      '--db',
      db,
      '--hotline-report-id',
      hotlineId,
      '--note',
      'seen in mock',
    );
    expect(JSON.parse(settled.out)).toEqual({ id: 'cli-1@cybertipline', state: 'queued' });

    await forwarder.drain();
    const shown = JSON.parse((await cli('show', 'cli-1@cybertipline', '--db', db)).out);
    expect(shown).toMatchObject({ state: 'finished', progress: { hotlineReportId: hotlineId } });
    expect(server.reports()).toHaveLength(1);
    expect((await cli('show', 'nope@cybertipline', '--db', db)).code).toBe(1);
    const missing = await cli('list', '--db', join(dir, 'missing.db'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no outbox at');
    await outbox.close();
  });

  it('retracts: locally without credentials, at the hotline with them', async () => {
    const db = join(dir, 'b.db');
    const { forwarder, outbox } = worker(db);
    await forwarder.forwardReport(sampleReport('cli-2', 1, 1));
    expect(JSON.parse((await cli('retract', 'cli-2@cybertipline', '--db', db)).out).state).toBe(
      'retracted',
    );

    server.faults.add({ kind: 'server-error', route: 'cybertipline.upload', status: 503 });
    await forwarder.forwardReport(sampleReport('cli-3', 1, 1));
    await forwarder.runOnce();
    server.faults.clear();
    const without = await cli('retract', 'cli-3@cybertipline', '--db', db);
    expect(without.code).toBe(2);
    vi.stubEnv('HASHGUARD_CYBERTIPLINE_USERNAME', credentials.username);
    vi.stubEnv('HASHGUARD_CYBERTIPLINE_PASSWORD', credentials.password);
    try {
      const withCreds = await cli(
        'retract',
        'cli-3@cybertipline',
        '--db',
        db,
        '--base-url',
        server.urls.cybertipline,
        '--reason',
        'aborted',
      );
      expect(JSON.parse(withCreds.out).state).toBe('retracted');
    } finally {
      vi.unstubAllEnvs();
    }
    expect(server.reports().find((r) => r.xml.includes('Member reference: cli-3<'))?.status).toBe(
      'retracted',
    );
    await outbox.close();
  });

  it('refuses to retract a production report through the default test environment, sending nothing', async () => {
    const db = join(dir, 'c.db');
    const outbox = createSqliteOutbox({ path: db });
    // Stands in for the production worker (a production adapter cannot point at the mock).
    const production: HotlineAdapter = {
      name: 'cybertipline',
      acceptsFiles: true,
      check: () => {},
      plan: () => [
        { id: 'submit', kind: 'submit', delivery: 'once' },
        { id: 'upload:0', kind: 'upload', delivery: 'retryable', fileIndex: 0 },
      ],
      runStep: async (step) => {
        if (step.kind === 'submit') return { hotlineReportId: '4242' };
        throw new TransportError('E_CONNECT_FAILED', 'NCMEC down');
      },
    };
    const forwarder = createReportForwarder({
      outbox,
      transport: createReportTransport(),
      clock: realClock,
      adapter: production,
      loadFile: loadSampleFile(() => 1),
      workerId: 'production-worker',
    });
    await forwarder.forwardReport({ ...sampleReport('cli-4', 1, 1), testData: false });
    await forwarder.runOnce();
    const before = await forwarder.status('cli-4@cybertipline');
    expect(before?.state).toBe('in-progress');
    const requestsBefore = server.requests().length;

    vi.stubEnv('HASHGUARD_CYBERTIPLINE_USERNAME', credentials.username);
    vi.stubEnv('HASHGUARD_CYBERTIPLINE_PASSWORD', credentials.password);
    try {
      const result = await cli(
        'retract',
        'cli-4@cybertipline',
        '--db',
        db,
        '--base-url',
        server.urls.cybertipline,
      );
      expect(result.code).not.toBe(0);
      expect(result.err).toMatch(/E_ENVIRONMENT_MISMATCH|testData/);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(server.requests().length).toBe(requestsBefore);
    const after = await forwarder.status('cli-4@cybertipline');
    expect(after?.state).toBe('in-progress');
    expect(after?.journal).toEqual(before?.journal);
    await outbox.close();
  });
});
