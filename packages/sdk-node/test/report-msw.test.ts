// The CyberTipline report flow end to end through msw: the forwarder and the
// ky/fetch transport run unchanged, and msw answers on the real test host
// (https://exttest.cybertip.org/ispws) with the @hashguard/testing handlers,
// so nothing leaves the process. (report-e2e.test.ts covers the same flow
// against the standalone loopback server.)
import {
  type Clock,
  CYBERTIPLINE_BASE_URLS,
  createCyberTiplineAdapter,
  createEventEmitter,
  createMemoryOutbox,
  createReportForwarder,
  type IncidentReportInput,
  type ReportEventMap,
  type ReportForwarder,
} from '@hashguard/sdk-core';
import {
  createHotlineHandlers,
  DEFAULT_CREDENTIALS,
  FILE_DETAILS_SCHEMA,
  fixtureImage,
  parseXml,
  REPORT_SCHEMA,
  textAt,
  validateDocument,
} from '@hashguard/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createReportTransport } from '../src/reporting/index';

const TEST_HOST = 'https://exttest.cybertip.org/ispws';
const credentials = {
  username: DEFAULT_CREDENTIALS[0]!.username,
  password: DEFAULT_CREDENTIALS[0]!.password,
};
/** Benign generated PNGs (a checkerboard and a gradient) stand in for the reported uploads. */
const IMAGES = [fixtureImage('checkerboard-64'), fixtureImage('gradient-64')];
const MAX_BACKOFF_MS = 50;

const hotline = createHotlineHandlers({ seed: 3 });
const server = setupServer(...hotline.handlers);
// msw 3 renamed onUnhandledRequest to onUnhandledFrame: any request without a handler fails the test.
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

/** Time moves only when a test says so: retries become due by `advance`, never by sleeping. */
let now: number;
const clock: Clock = {
  now: () => now,
  sleep: async (ms) => {
    now += ms;
  },
};
const advance = (ms: number) => {
  now += ms;
};

let forwarder: ReportForwarder;
let seen: { name: keyof ReportEventMap; payload: ReportEventMap[keyof ReportEventMap] }[];

beforeEach(() => {
  hotline.reset();
  now = Date.parse('2026-11-25T12:00:00Z');
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
  forwarder = createReportForwarder({
    outbox: createMemoryOutbox(),
    // The fetch is resolved per call, so msw's interception applies.
    transport: createReportTransport({ timeoutMs: 5000 }),
    clock,
    adapter: createCyberTiplineAdapter({ credentials, baseUrl: TEST_HOST }),
    loadFile: async (file) => {
      const image = IMAGES.find((candidate) => candidate.name === file.fileKey);
      if (!image) throw new Error(`no fixture for ${file.fileKey}`);
      return image.bytes();
    },
    events,
    workerId: 'msw',
    maxAttempts: 3,
    baseBackoffMs: 10,
    maxBackoffMs: MAX_BACKOFF_MS,
  });
});
afterEach(() => {
  hotline.faults.clear();
});

function report(reportKey: string, files = IMAGES.length): IncidentReportInput {
  return {
    reportKey,
    testData: true,
    incident: {
      type: 'child-sexual-abuse-material',
      occurredAt: '2026-11-25T11:58:00Z',
      country: 'US',
    },
    reportedAccount: {
      accountId: 'account-4711',
      screenName: 'uploader_4711',
      ips: [{ address: '192.0.2.44', at: '2026-11-25T11:57:00Z', event: 'upload' }],
    },
    files: IMAGES.slice(0, files).map((image) => ({
      fileKey: image.name,
      fileName: `${image.name}.png`,
      contentType: image.mediaType,
      hashes: { md5: image.hashes.md5, sha256: image.hashes.sha256 },
      matches: [{ list: 'mock-list', algorithm: 'md5' as const, entryId: `entry-${image.name}` }],
      // An automated match that nobody looked at.
      viewedByMember: false,
    })),
    reporter: { person: { email: 'trust-and-safety@platform.example' }, company: 'Example' },
  };
}

/** Runs every due record, then again once every backoff has elapsed, until nothing is runnable. */
async function settle() {
  for (let round = 0; round < 10; round++) {
    await forwarder.drain();
    const pending = [
      ...(await forwarder.list({ state: 'queued' })),
      ...(await forwarder.list({ state: 'in-progress' })),
    ];
    if (pending.length === 0) return;
    advance(MAX_BACKOFF_MS);
  }
}

const routesRequested = () => hotline.requests().map((request) => request.route);

describe('CyberTipline report flow through msw', () => {
  it('submits, uploads each file, sends its details and finishes on the test host', async () => {
    expect(TEST_HOST).toBe(CYBERTIPLINE_BASE_URLS.test);
    await forwarder.forwardReport(report('case-msw-1'));
    await settle();

    const reports = hotline.reports();
    expect(reports).toHaveLength(1);
    const [received] = reports;
    expect(received).toMatchObject({
      environment: 'test',
      username: credentials.username,
      status: 'finished',
    });
    expect(validateDocument(received!.document, REPORT_SCHEMA)).toBeNull();
    expect(textAt(received!.document, 'personOrUserReported/espIdentifier')).toBe('account-4711');
    expect(textAt(received!.document, 'personOrUserReported/ipCaptureEvent/ipAddress')).toBe(
      '192.0.2.44',
    );
    expect(textAt(received!.document, 'additionalInfo')).toContain('Member reference: case-msw-1');

    const files = hotline.files(received!.reportId);
    expect(files.map((file) => file.fileName)).toEqual(['checkerboard-64.png', 'gradient-64.png']);
    for (const [index, file] of files.entries()) {
      const image = IMAGES[index]!;
      expect(file.bytes).toEqual(image.bytes());
      expect(file.md5).toBe(image.hashes.md5);
      expect(file.details).toBeDefined();
      const details = file.details!.document;
      expect(validateDocument(parseXml(file.details!.xml), FILE_DETAILS_SCHEMA)).toBeNull();
      expect(textAt(details, 'fileId')).toBe(file.fileId);
      expect(textAt(details, 'fileViewedByEsp')).toBe('false');
      const declared = details.children
        .filter((child) => child.name === 'originalFileHash')
        .map((child) => [child.attributes.hashType, child.text]);
      expect(declared).toEqual([
        ['MD5', image.hashes.md5],
        ['SHA256', image.hashes.sha256],
      ]);
    }
    expect(received!.fileIds).toEqual(files.map((file) => file.fileId));

    expect(routesRequested()).toEqual([
      'cybertipline.submit',
      'cybertipline.upload',
      'cybertipline.fileinfo',
      'cybertipline.upload',
      'cybertipline.fileinfo',
      'cybertipline.finish',
    ]);
    const status = await forwarder.status('case-msw-1@cybertipline');
    expect(status?.state).toBe('finished');
    expect(status?.progress).toEqual({
      hotlineReportId: String(received!.reportId),
      fileIds: { 0: files[0]!.fileId, 1: files[1]!.fileId },
    });
    expect(seen.map((event) => event.name)).toEqual([
      'report:queued',
      'report:submitted',
      'report:file-uploaded',
      'report:file-uploaded',
      'report:finished',
    ]);
    expect(seen[2]?.payload).toMatchObject({
      hotlineReportId: String(received!.reportId),
      fileKey: 'checkerboard-64',
      fileId: files[0]!.fileId,
    });
  });

  it('retracts a report the hotline opened before it is finished, and never finishes it', async () => {
    // Hold the flow after submit: the first upload is refused with a 503 and waits for its retry.
    hotline.faults.add({
      kind: 'server-error',
      route: 'cybertipline.upload',
      status: 503,
      times: 1,
    });
    await forwarder.forwardReport(report('case-msw-retract'));
    await forwarder.drain();
    expect(hotline.reports().map((r) => r.status)).toEqual(['open']);
    expect((await forwarder.status('case-msw-retract@cybertipline'))?.state).toBe('in-progress');

    await forwarder.retract('case-msw-retract@cybertipline', 'member aborted');
    const [retracted] = hotline.reports();
    expect(retracted?.status).toBe('retracted');
    expect((await forwarder.status('case-msw-retract@cybertipline'))?.state).toBe('retracted');
    expect(seen.at(-1)).toEqual({
      name: 'report:retracted',
      payload: {
        id: 'case-msw-retract@cybertipline',
        reportKey: 'case-msw-retract',
        destination: 'cybertipline',
        hotlineReportId: String(retracted!.reportId),
      },
    });

    // The retry that was due never runs: no file reaches the hotline and nothing is finished.
    advance(MAX_BACKOFF_MS);
    await settle();
    expect(hotline.files(retracted!.reportId)).toEqual([]);
    expect(routesRequested()).toEqual([
      'cybertipline.submit',
      'cybertipline.upload',
      'cybertipline.retract',
    ]);
  });

  it.each([
    { route: 'submit', responseCode: 4100, code: 'E_HOTLINE_INVALID_FIELD' },
    { route: 'submit', responseCode: 4110, code: 'E_HOTLINE_BAD_XML' },
    { route: 'submit', responseCode: 3100, code: 'E_HOTLINE_UNAUTHORIZED' },
    { route: 'fileinfo', responseCode: 4100, code: 'E_HOTLINE_INVALID_FIELD' },
  ])(
    'HTTP 200 with responseCode $responseCode on /$route fails the report with HotlineError $code, not retried',
    async ({ route, responseCode, code }) => {
      hotline.faults.add({
        kind: 'application-error',
        route: `cybertipline.${route}`,
        responseCode,
      });
      await forwarder.forwardReport(report('case-msw-app-error', 1));
      await settle();

      const status = await forwarder.status('case-msw-app-error@cybertipline');
      expect(status?.state).toBe('failed');
      const step = route === 'submit' || route === 'finish' ? route : `${route}:0`;
      expect(status?.journal.at(-1)).toMatchObject({ step, outcome: 'failed', data: { code } });
      expect(String(status?.journal.at(-1)?.data?.message)).toContain(
        `responseCode ${responseCode}`,
      );
      expect(seen.at(-1)).toMatchObject({ name: 'report:failed', payload: { step, code } });
      // Refused, so tried exactly once.
      expect(routesRequested().filter((r) => r === `cybertipline.${route}`)).toHaveLength(1);
      expect(hotline.reports().map((r) => r.status)).toEqual(route === 'submit' ? [] : ['open']);
    },
  );

  it.each([
    { route: 'upload', step: 'upload:0' },
    { route: 'finish', step: 'finish' },
  ])(
    'HTTP 200 with responseCode 5001 on /$route (report gone at NCMEC) needs a person, not retried',
    async ({ route, step }) => {
      hotline.faults.add({
        kind: 'application-error',
        route: `cybertipline.${route}`,
        responseCode: 5001,
      });
      await forwarder.forwardReport(report('case-msw-app-error', 1));
      await settle();

      const status = await forwarder.status('case-msw-app-error@cybertipline');
      expect(status?.state).toBe('needs-attention');
      expect(status?.journal.at(-1)).toMatchObject({
        step,
        outcome: 'unknown',
        data: { code: 'E_HOTLINE_UNKNOWN_REPORT' },
      });
      expect(String(status?.journal.at(-1)?.data?.reason)).toContain('responseCode 5001');
      expect(seen.at(-1)).toMatchObject({
        name: 'report:needs-attention',
        payload: { step, hotlineReportId: status?.progress.hotlineReportId },
      });
      // Every retry would be refused the same way, so tried exactly once.
      expect(routesRequested().filter((r) => r === `cybertipline.${route}`)).toHaveLength(1);
      expect(hotline.reports().map((r) => r.status)).toEqual(['open']);
    },
  );

  it('the typed error is a HotlineError with the responseCode as its cause', async () => {
    hotline.faults.add({
      kind: 'application-error',
      route: 'cybertipline.submit',
      responseCode: 4100,
    });
    const adapter = createCyberTiplineAdapter({ credentials, baseUrl: TEST_HOST });
    const { parseIncidentReport } = await import('@hashguard/sdk-core');
    const error = await adapter
      .runStep(
        { id: 'submit', kind: 'submit', delivery: 'once' },
        {
          report: parseIncidentReport(report('case-msw-typed', 1)),
          progress: { fileIds: {} },
          transport: createReportTransport(),
          loadFile: async () => IMAGES[0]!.bytes(),
        },
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'HotlineError',
      code: 'E_HOTLINE_INVALID_FIELD',
      cause: { responseCode: 4100 },
    });
  });

  it('responseCode 1000 (server error) is retried with backoff and the report then finishes', async () => {
    hotline.faults.add({
      kind: 'application-error',
      route: 'cybertipline.upload',
      responseCode: 1000,
      times: 1,
    });
    await forwarder.forwardReport(report('case-msw-1000', 1));
    await settle();
    const status = await forwarder.status('case-msw-1000@cybertipline');
    expect(status?.state).toBe('finished');
    expect(
      status?.journal.filter((e) => e.outcome === 'failed').map((e) => [e.step, e.data?.code]),
    ).toEqual([['upload:0', 'E_HOTLINE_SERVER']]);
    expect(hotline.reports().map((r) => r.status)).toEqual(['finished']);
    expect(hotline.files(hotline.reports()[0]!.reportId)).toHaveLength(1);
  });

  it('a submit whose response is lost ends in needs-attention with exactly one report at the hotline', async () => {
    hotline.faults.add({ kind: 'lost-response', route: 'cybertipline.submit', times: 1 });
    await forwarder.forwardReport(report('case-msw-lost'));
    await settle();

    const status = await forwarder.status('case-msw-lost@cybertipline');
    expect(status?.state).toBe('needs-attention');
    expect(status?.progress.hotlineReportId).toBeUndefined();
    expect(status?.journal.at(-1)).toMatchObject({ step: 'submit', outcome: 'unknown' });
    expect(String(status?.journal.at(-1)?.data?.reason)).toContain('E_NETWORK');
    expect(seen.map((event) => event.name)).toEqual(['report:queued', 'report:needs-attention']);

    // The mock recorded the report although the client saw a dropped connection.
    expect(hotline.reports()).toHaveLength(1);
    expect(hotline.reports()[0]).toMatchObject({ status: 'open', fileIds: [] });
    expect(textAt(hotline.reports()[0]!.document, 'additionalInfo')).toContain(
      'Member reference: case-msw-lost',
    );

    // Later worker runs never submit it again on their own.
    advance(60 * 60_000);
    await settle();
    expect(routesRequested()).toEqual(['cybertipline.submit']);
    expect(hotline.reports()).toHaveLength(1);
    expect((await forwarder.status('case-msw-lost@cybertipline'))?.state).toBe('needs-attention');
  });
});
