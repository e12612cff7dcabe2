import { describe, expect, it } from 'vitest';
import { TransportError } from '../../errors/transport-error';
import type { Clock } from '../../ports/clock';
import type { Outbox } from '../../ports/outbox';
import type { Transport, TransportRequest, TransportResponse } from '../../ports/transport';
import { createCyberTiplineAdapter } from '../cybertipline/cybertipline-adapter';
import { minimalReport } from '../report-fixture';
import { utf8Encode } from '../web-platform';
import { createReportForwarder } from './create-report-forwarder';
import { backoffMs, normalizeForwarderOptions } from './forwarder-config';
import { createMemoryOutbox } from './memory-outbox';

// The forwarder driving the real CyberTipline adapter against an in-memory NCMEC.

type Fault = 'throw-after' | 503 | 'empty-code' | 'connect-failed';

const answer = (inner: string): TransportResponse => ({
  status: 200,
  headers: {},
  body: utf8Encode(`<reportResponse>${inner}</reportResponse>`),
});

function reportIdOf(request: TransportRequest): string | undefined {
  const body = request.body;
  if (body?.kind === 'form') return body.fields.id;
  if (body?.kind === 'multipart') {
    const part = body.parts.find((p) => p.name === 'id');
    return part && 'value' in part ? part.value : undefined;
  }
  if (body?.kind === 'text') return /<reportId>(\d+)</.exec(body.text)?.[1];
  return undefined;
}

/** NCMEC as the Reporting API documents it, with one scripted fault per call where given. */
function fakeNcmec(faults: Partial<Record<string, Fault[]>> = {}) {
  const reports = new Map<string, { finished: boolean }>();
  const calls: string[] = [];
  let next = 1;
  const transport: Transport = {
    async send(request) {
      const action = request.url.split('/').pop() ?? '';
      calls.push(action);
      const fault = faults[action]?.shift();
      if (fault === 'connect-failed') throw new TransportError('E_CONNECT_FAILED', 'refused');
      if (fault === 'throw-after') {
        if (action === 'submit') reports.set(String(next++), { finished: false });
        // A member-supplied transport failing untyped after the hotline processed the request.
        throw new TypeError('socket hang up');
      }
      if (fault === 503) return { status: 503, headers: {}, body: new Uint8Array() };
      if (fault === 'empty-code') return answer('<responseCode/>');
      if (action === 'submit') {
        const id = String(next++);
        reports.set(id, { finished: false });
        return answer(`<responseCode>0</responseCode><reportId>${id}</reportId>`);
      }
      const id = reportIdOf(request) ?? '';
      const report = reports.get(id);
      if (!report)
        return answer(
          '<responseCode>5001</responseCode><responseDescription>Report does not exist</responseDescription>',
        );
      if (action === 'upload')
        return answer(`<responseCode>0</responseCode><fileId>f${id}</fileId>`);
      if (action === 'finish') {
        if (report.finished) return answer('<responseCode>5102</responseCode>');
        report.finished = true;
      }
      return answer('<responseCode>0</responseCode>');
    },
  };
  return { reports, calls, transport };
}

function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

const credentials = { username: 'u', password: 'p' };
const ID = 'case-1@cybertipline';

function setup(
  transport: Transport,
  options: { outbox?: Outbox; environment?: 'test' | 'production' } = {},
) {
  const clock = fakeClock();
  const outbox = options.outbox ?? createMemoryOutbox();
  const forwarder = createReportForwarder({
    outbox,
    transport,
    clock,
    adapter:
      options.environment === 'production'
        ? createCyberTiplineAdapter({
            credentials,
            environment: 'production',
            allowProduction: true,
          })
        : createCyberTiplineAdapter({ credentials, baseUrl: 'http://127.0.0.1:1/ispws' }),
    loadFile: async () => new Uint8Array([1, 2, 3]),
    maxAttempts: 3,
    random: () => 0.5,
  });
  /** Runs the worker until nothing is due, whatever the backoff. */
  const drain = async () => {
    for (let i = 0; i < 10; i++) {
      clock.advance(60 * 60_000);
      await forwarder.drain();
    }
  };
  return { forwarder, outbox, clock, drain };
}

describe('forwarding to the CyberTipline', () => {
  it('parks a report NCMEC no longer has (expired unfinished) for a person, who resubmits it from scratch', async () => {
    const ncmec = fakeNcmec({ upload: [503, 503, 503] });
    const { forwarder, drain } = setup(ncmec.transport);
    await forwarder.forwardReport(minimalReport());
    await drain();
    expect((await forwarder.status(ID))?.state).toBe('dead-lettered');

    // NCMEC deletes a report left unfinished for 24 hours.
    ncmec.reports.clear();
    await forwarder.retry(ID);
    await drain();
    const parked = await forwarder.status(ID);
    expect(parked?.state).toBe('needs-attention');
    expect(parked?.journal.at(-1)).toMatchObject({
      step: 'upload:0',
      outcome: 'unknown',
      data: { code: 'E_HOTLINE_UNKNOWN_REPORT' },
    });
    // Retrying blindly would hit 5001 again; naming the expired id cannot help either.
    await expect(forwarder.retry(ID)).rejects.toMatchObject({ code: 'E_REPORT_STATE' });
    await expect(forwarder.resolve(ID, { hotlineReportId: '1' })).rejects.toMatchObject({
      code: 'E_REPORT_STATE',
    });

    await forwarder.resolve(ID, { notReceived: true });
    await drain();
    const done = await forwarder.status(ID);
    expect(done?.state).toBe('finished');
    // Submitted again, and every later step used the new id, never the expired one.
    expect(done?.progress).toEqual({ hotlineReportId: '2', fileIds: { 0: 'f2' } });
    expect(ncmec.calls.slice(-4)).toEqual(['submit', 'upload', 'fileinfo', 'finish']);
    expect([...ncmec.reports]).toEqual([['2', { finished: true }]]);
  });

  it('by default keeps retrying a step for about an hour before dead-lettering it', () => {
    const config = normalizeForwarderOptions({
      outbox: createMemoryOutbox(),
      transport: { send: async () => answer('') },
      clock: fakeClock(),
      adapter: createCyberTiplineAdapter({ credentials }),
      loadFile: async () => new Uint8Array(),
      random: () => 0, // shortest jitter
    });
    let windowMs = 0;
    for (let attempt = 1; attempt < config.maxAttempts; attempt++)
      windowMs += backoffMs(config, attempt);
    expect(windowMs).toBeGreaterThanOrEqual(25 * 60_000);
    // Still well inside NCMEC's 24 h, so a person can retry before the report expires.
    expect(windowMs * 2).toBeLessThan(6 * 60 * 60_000);
  });

  it('never resends a submit after an untyped transport error: the hotline may have it', async () => {
    const ncmec = fakeNcmec({ submit: ['throw-after'] });
    const { forwarder, drain } = setup(ncmec.transport);
    await forwarder.forwardReport(minimalReport());
    await drain();
    expect(ncmec.calls).toEqual(['submit']);
    expect((await forwarder.status(ID))?.state).toBe('needs-attention');
    expect(ncmec.reports.size).toBe(1);
  });

  it('never counts an empty <responseCode/> as success', async () => {
    // A /submit answered without a code: the report may exist, so a person decides.
    const a = fakeNcmec({ submit: ['empty-code'] });
    const first = setup(a.transport);
    await first.forwarder.forwardReport(minimalReport());
    await first.drain();
    expect(a.calls).toEqual(['submit']);
    expect((await first.forwarder.status(ID))?.state).toBe('needs-attention');

    // A /finish answered without a code is not finished: it is confirmed by asking again.
    const b = fakeNcmec({ finish: ['empty-code'] });
    const second = setup(b.transport);
    await second.forwarder.forwardReport(minimalReport());
    await second.forwarder.drain();
    expect((await second.forwarder.status(ID))?.state).toBe('in-progress');
    await second.drain();
    expect(b.calls).toEqual(['submit', 'upload', 'fileinfo', 'finish', 'finish']);
    expect((await second.forwarder.status(ID))?.state).toBe('finished');
  });

  it('refuses to retract a production report through a test-environment adapter, sending nothing', async () => {
    const ncmec = fakeNcmec({ upload: ['connect-failed'] });
    const sent: string[] = [];
    const transport: Transport = {
      send: (request) => {
        sent.push(request.url);
        return ncmec.transport.send(request);
      },
    };
    const outbox = createMemoryOutbox();
    const production = setup(transport, { outbox, environment: 'production' });
    await production.forwarder.forwardReport(minimalReport({ testData: false }));
    await production.forwarder.drain();
    const before = await production.forwarder.status(ID);
    expect(before?.state).toBe('in-progress');
    expect(before?.progress.hotlineReportId).toBe('1');
    sent.length = 0;

    const misconfigured = setup(transport, { outbox });
    await expect(misconfigured.forwarder.retract(ID, 'mistake')).rejects.toMatchObject({
      name: 'ConfigError',
      code: 'E_ENVIRONMENT_MISMATCH',
    });
    expect(sent).toEqual([]);
    const after = await misconfigured.forwarder.status(ID);
    expect(after?.state).toBe('in-progress');
    expect(after?.journal).toEqual(before?.journal);

    // Through the right environment it is withdrawn at NCMEC.
    await production.forwarder.retract(ID, 'mistake');
    expect(sent).toEqual(['https://report.cybertip.org/ispws/retract']);
    expect((await production.forwarder.status(ID))?.state).toBe('retracted');
  });
});
