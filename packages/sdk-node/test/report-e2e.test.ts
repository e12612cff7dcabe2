import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCyberTiplineAdapter,
  createEventEmitter,
  createReportForwarder,
  type ReportEventMap,
  type ReportForwarder,
} from '@hashguard/sdk-core';
import {
  DEFAULT_CREDENTIALS,
  FILE_DETAILS_SCHEMA,
  type MockHotlinesServer,
  parseXml,
  REPORT_SCHEMA,
  startMockHotlines,
  validateDocument,
} from '@hashguard/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReportTransport, createSqliteOutbox } from '../src/reporting/index';
import { benignFileBytes, loadSampleFile, md5, realClock, sampleReport } from './report-fixtures';

const credentials = {
  username: DEFAULT_CREDENTIALS[0]!.username,
  password: DEFAULT_CREDENTIALS[0]!.password,
};
const seedOf = (key: string) => Number(key.replace(/\D/g, '')) || 1;

let server: MockHotlinesServer;
let dir: string;
let forwarder: ReportForwarder;
let seen: { name: keyof ReportEventMap; payload: unknown }[];

function makeForwarder(options: { username?: string; maxAttempts?: number } = {}) {
  const events = createEventEmitter<ReportEventMap>();
  seen = [];
  for (const name of [
    'report:queued',
    'report:submitted',
    'report:file-uploaded',
    'report:finished',
    'report:failed',
    'report:retracted',
    'report:dead-lettered',
    'report:needs-attention',
  ] as const) {
    events.on(name, (payload) => seen.push({ name, payload }));
  }
  return createReportForwarder({
    outbox: createSqliteOutbox({ path: join(dir, `outbox-${Math.random()}.db`) }),
    transport: createReportTransport({ timeoutMs: 5000 }),
    clock: realClock,
    adapter: createCyberTiplineAdapter({
      credentials: { ...credentials, username: options.username ?? credentials.username },
      baseUrl: server.urls.cybertipline,
    }),
    loadFile: loadSampleFile(seedOf),
    events,
    workerId: 'e2e',
    maxAttempts: options.maxAttempts ?? 3,
    baseBackoffMs: 1,
    maxBackoffMs: 2,
  });
}

beforeAll(async () => {
  server = await startMockHotlines({
    seed: 7,
    credentials: [
      ...DEFAULT_CREDENTIALS,
      { username: 'hash-sharing-only', password: 'mock-password', canSubmit: false },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'hashguard-report-e2e-'));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.reset();
  forwarder = makeForwarder();
});
afterEach(() => forwarder.stop());

/** Runs the worker until nothing is due (backoffs here are a few ms). */
async function settle(f: ReportForwarder = forwarder) {
  for (let round = 0; round < 50; round++) {
    await f.drain();
    const pending = [
      ...(await f.list({ state: 'queued' })),
      ...(await f.list({ state: 'in-progress' })),
    ];
    if (pending.length === 0) return;
    await realClock.sleep(5);
  }
}

describe('CyberTipline flow against the mock hotline', () => {
  it('submits, uploads each file, sends file details and finishes, journaling every step', async () => {
    const queued = await forwarder.forwardReport(sampleReport('case-1', 2, 1));
    expect(queued).toEqual([
      { id: 'case-1@cybertipline', destination: 'cybertipline', created: true },
    ]);
    await settle();

    const [received] = server.reports();
    expect(server.reports()).toHaveLength(1);
    expect(received?.status).toBe('finished');
    expect(validateDocument(parseXml(received!.xml), REPORT_SCHEMA)).toBeNull();
    expect(received!.xml).toContain('Member reference: case-1');

    const files = server.files(received!.reportId);
    expect(files.map((f) => f.md5)).toEqual([md5(benignFileBytes(100)), md5(benignFileBytes(101))]);
    for (const file of files) {
      expect(file.details).toBeDefined();
      expect(validateDocument(parseXml(file.details!.xml), FILE_DETAILS_SCHEMA)).toBeNull();
      expect(file.details!.xml).toContain('<fileViewedByEsp>false</fileViewedByEsp>');
    }

    const status = await forwarder.status('case-1@cybertipline');
    expect(status?.state).toBe('finished');
    expect(status?.progress.hotlineReportId).toBe(String(received!.reportId));
    expect(status?.journal.map((e) => `${e.step}:${e.outcome}`)).toEqual([
      'queued:succeeded',
      'submit:started',
      'submit:succeeded',
      'upload:0:succeeded',
      'fileinfo:0:started',
      'fileinfo:0:succeeded',
      'upload:1:succeeded',
      'fileinfo:1:started',
      'fileinfo:1:succeeded',
      'finish:started',
      'finish:succeeded',
    ]);
    expect(seen.map((e) => e.name)).toEqual([
      'report:queued',
      'report:submitted',
      'report:file-uploaded',
      'report:file-uploaded',
      'report:finished',
    ]);
  });

  it('queues a report key once, however often it is forwarded', async () => {
    await forwarder.forwardReport(sampleReport('case-2'));
    const again = await forwarder.forwardReport(sampleReport('case-2'));
    expect(again[0]?.created).toBe(false);
    await settle();
    expect(server.reports()).toHaveLength(1);
  });

  it('retracts an opened, unfinished report at the hotline', async () => {
    // Hold the flow after submit by failing uploads for now.
    server.faults.add({ kind: 'server-error', route: 'cybertipline.upload', status: 503 });
    await forwarder.forwardReport(sampleReport('case-3'));
    await forwarder.runOnce();
    expect(server.reports()[0]?.status).toBe('open');
    await forwarder.retract('case-3@cybertipline', 'member aborted');
    expect(server.reports()[0]?.status).toBe('retracted');
    expect((await forwarder.status('case-3@cybertipline'))?.state).toBe('retracted');
    expect(seen.at(-1)).toMatchObject({
      name: 'report:retracted',
      payload: { hotlineReportId: String(server.reports()[0]?.reportId) },
    });
  });

  it('retracts a report nothing was sent for without calling the hotline', async () => {
    await forwarder.forwardReport(sampleReport('case-4'));
    await forwarder.retract('case-4@cybertipline');
    await settle();
    expect(server.reports()).toHaveLength(0);
    expect((await forwarder.status('case-4@cybertipline'))?.state).toBe('retracted');
  });

  it('refuses to retract a finished report', async () => {
    await forwarder.forwardReport(sampleReport('case-5'));
    await settle();
    await expect(forwarder.retract('case-5@cybertipline')).rejects.toMatchObject({
      code: 'E_REPORT_STATE',
    });
  });
});

describe('CyberTipline errors end to end', () => {
  it.each([
    { name: 'HTTP 401 (bad password)', username: 'nobody', code: 'E_HOTLINE_UNAUTHORIZED' },
    {
      name: 'responseCode 3100 (no submission authorization)',
      username: 'hash-sharing-only',
      code: 'E_HOTLINE_UNAUTHORIZED',
    },
  ])(
    'a refused submit ($name) fails the report with $code and no retry',
    async ({ username, code }) => {
      const f = makeForwarder({ username });
      await f.forwardReport(sampleReport('case-auth'));
      await settle(f);
      const status = await f.status('case-auth@cybertipline');
      expect(status?.state).toBe('failed');
      expect(status?.journal.at(-1)).toMatchObject({
        step: 'submit',
        outcome: 'failed',
        data: { code },
      });
      expect(seen.map((e) => e.name)).toEqual(['report:queued', 'report:failed']);
      expect(server.reports()).toHaveLength(0);
    },
  );

  it.each([
    { fault: 'server-error' as const, status: 500, code: 'E_HTTP_STATUS' },
    { fault: 'malformed' as const, status: undefined, code: 'E_RESPONSE_MALFORMED' },
    { fault: 'lost-response' as const, status: undefined, code: 'E_NETWORK' },
  ])(
    'a submit answered by $fault leaves the outcome unknown: needs-attention, never resubmitted',
    async ({ fault, status, code }) => {
      server.faults.add({
        kind: fault,
        route: 'cybertipline.submit',
        times: 1,
        ...(status && { status }),
      });
      await forwarder.forwardReport(sampleReport('case-unknown'));
      await settle();
      const record = await forwarder.status('case-unknown@cybertipline');
      expect(record?.state).toBe('needs-attention');
      expect(record?.journal.at(-1)).toMatchObject({ step: 'submit', outcome: 'unknown' });
      expect(String(record?.journal.at(-1)?.data?.reason)).toContain(code);
      expect(seen.at(-1)?.name).toBe('report:needs-attention');
      const submits = server.requests().filter((r) => r.route === 'cybertipline.submit');
      expect(submits).toHaveLength(1);
    },
  );

  it('a person resolves an unknown submit by finding the report at the hotline; it is finished, not resubmitted', async () => {
    server.faults.add({ kind: 'lost-response', route: 'cybertipline.submit', times: 1 });
    await forwarder.forwardReport(sampleReport('case-found'));
    await settle();
    const atHotline = server.reports().find((r) => r.xml.includes('Member reference: case-found<'));
    expect(atHotline?.status).toBe('open');
    await forwarder.resolve('case-found@cybertipline', {
      hotlineReportId: String(atHotline!.reportId),
    });
    await settle();
    expect(server.reports()).toHaveLength(1);
    expect(server.reports()[0]?.status).toBe('finished');
    expect((await forwarder.status('case-found@cybertipline'))?.state).toBe('finished');
  });

  it('retries 503 and 429 answers with backoff and then finishes', async () => {
    server.faults.add({
      kind: 'server-error',
      route: 'cybertipline.submit',
      times: 1,
      status: 503,
    });
    server.faults.add({ kind: 'rate-limit', route: 'cybertipline.upload', times: 1 });
    await forwarder.forwardReport(sampleReport('case-retry'));
    await settle();
    const status = await forwarder.status('case-retry@cybertipline');
    expect(status?.state).toBe('finished');
    expect(status?.journal.filter((e) => e.outcome === 'failed').map((e) => e.data?.code)).toEqual([
      'E_HTTP_UNAVAILABLE',
      'E_HTTP_UNAVAILABLE',
    ]);
    expect(server.reports()).toHaveLength(1);
  });

  it('dead-letters after the bounded number of attempts', async () => {
    server.faults.add({ kind: 'server-error', route: 'cybertipline.upload', status: 503 });
    await forwarder.forwardReport(sampleReport('case-dead'));
    await settle();
    const status = await forwarder.status('case-dead@cybertipline');
    expect(status?.state).toBe('dead-lettered');
    expect(status?.attempts).toBe(3);
    expect(seen.at(-1)).toMatchObject({
      name: 'report:dead-lettered',
      payload: { step: 'upload:0', attempts: 3 },
    });
    server.faults.clear();
    await forwarder.retry('case-dead@cybertipline');
    await settle();
    expect((await forwarder.status('case-dead@cybertipline'))?.state).toBe('finished');
    expect(server.reports()).toHaveLength(1);
  });

  it('a report the hotline expired fails with E_HOTLINE_UNKNOWN_REPORT (responseCode 5001)', async () => {
    const adapter = createCyberTiplineAdapter({ credentials, baseUrl: server.urls.cybertipline });
    const context = {
      report: (await import('@hashguard/sdk-core')).parseIncidentReport(sampleReport('case-x')),
      progress: { hotlineReportId: '999', fileIds: {} },
      transport: createReportTransport(),
      loadFile: async () => benignFileBytes(1),
    };
    await expect(
      adapter.runStep(
        { id: 'upload:0', kind: 'upload', delivery: 'retryable', fileIndex: 0 },
        context,
      ),
    ).rejects.toMatchObject({
      name: 'HotlineError',
      code: 'E_HOTLINE_UNKNOWN_REPORT',
    });
    await expect(
      adapter.runStep(
        { id: 'fileinfo:0', kind: 'fileinfo', delivery: 'confirmable', fileIndex: 0 },
        {
          ...context,
          progress: { hotlineReportId: '999', fileIds: { 0: 'nope' } },
        },
      ),
    ).rejects.toMatchObject({ code: 'E_HOTLINE_UNKNOWN_REPORT' });
  });

  it('a second finish answers 5102 and counts as finished; a second retract answers 5101 and counts as retracted', async () => {
    const adapter = createCyberTiplineAdapter({ credentials, baseUrl: server.urls.cybertipline });
    const { parseIncidentReport } = await import('@hashguard/sdk-core');
    const base = {
      report: parseIncidentReport(sampleReport('case-twice')),
      transport: createReportTransport(),
      loadFile: async () => benignFileBytes(1),
    };
    const submitted = await adapter.runStep(
      { id: 'submit', kind: 'submit', delivery: 'once' },
      { ...base, progress: { fileIds: {} } },
    );
    const progress = { hotlineReportId: submitted.hotlineReportId, fileIds: {} };
    const finish = { id: 'finish', kind: 'finish', delivery: 'confirmable' } as const;
    expect(await adapter.runStep(finish, { ...base, progress })).toEqual({ fileIds: [] });
    expect(await adapter.runStep(finish, { ...base, progress })).toEqual({ alreadyFinished: true });
    await expect(adapter.retract!({ ...base, progress })).rejects.toMatchObject({
      code: 'E_HOTLINE_ALREADY_FINISHED',
    });

    const second = await adapter.runStep(
      { id: 'submit', kind: 'submit', delivery: 'once' },
      { ...base, progress: { fileIds: {} } },
    );
    const open = { hotlineReportId: second.hotlineReportId, fileIds: {} };
    await adapter.retract!({ ...base, progress: open });
    await adapter.retract!({ ...base, progress: open });
    expect(server.reports().map((r) => r.status)).toEqual(['finished', 'retracted']);
  });
});
