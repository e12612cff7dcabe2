import { describe, expect, it } from 'vitest';
import { HotlineError } from '../../errors/hotline-error';
import { TransportError } from '../../errors/transport-error';
import { createEventEmitter } from '../../events';
import type { Clock } from '../../ports/clock';
import type { Outbox } from '../../ports/outbox';
import { createEvidenceVault } from '../evidence/evidence-vault';
import {
  createMemoryEvidenceStore,
  createStaticKeyProvider,
} from '../evidence/memory-evidence-store';
import type { HotlineAdapter, HotlineStep, StepContext, StepResult } from '../hotline-adapter';
import type { ReportEventMap } from '../report-events';
import { minimalReport } from '../report-fixture';
import { createReportForwarder } from './create-report-forwarder';
import { createMemoryOutbox } from './memory-outbox';

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

type Script = Partial<Record<string, Array<() => StepResult | Promise<StepResult>>>>;

/** An adapter whose steps answer from a script (one entry per call; the last repeats). */
function scriptedAdapter(script: Script = {}, name = 'fake', acceptsFiles = true) {
  const calls: string[] = [];
  const seenFiles: number[] = [];
  const adapter: HotlineAdapter = {
    name,
    acceptsFiles,
    check: () => {},
    plan: (): HotlineStep[] => [
      { id: 'submit', kind: 'submit', delivery: 'once' },
      { id: 'upload:0', kind: 'upload', delivery: 'retryable', fileIndex: 0 },
      { id: 'finish', kind: 'finish', delivery: 'confirmable' },
    ],
    async runStep(step: HotlineStep, context: StepContext) {
      calls.push(step.id);
      seenFiles.push(context.report.files.length);
      const answers = script[step.id] ?? [];
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer) return answer();
      if (step.kind === 'submit') return { hotlineReportId: '42' };
      if (step.kind === 'upload') return { fileId: `file-${context.progress.hotlineReportId}` };
      return {};
    },
    async retract() {
      calls.push('retract');
    },
  };
  return { adapter, calls, seenFiles };
}

function setup(script: Script = {}, outbox: Outbox = createMemoryOutbox(), workerId = 'w1') {
  const clock = fakeClock();
  const events = createEventEmitter<ReportEventMap>();
  const seen: string[] = [];
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
    events.on(name, () => seen.push(name));
  }
  const fake = scriptedAdapter(script);
  const forwarder = createReportForwarder({
    outbox,
    transport: { send: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) },
    clock,
    adapter: fake.adapter,
    loadFile: async () => new Uint8Array([1]),
    events,
    workerId,
    maxAttempts: 3,
    random: () => 0.5,
  });
  return { forwarder, outbox, clock, seen, ...fake };
}

const ID = 'case-1@fake';
const fail = (error: Error) => () => {
  throw error;
};

describe('createReportForwarder', () => {
  it('runs every step once, journals each outcome, and emits the events in order', async () => {
    const { forwarder, calls, seen } = setup();
    expect(await forwarder.forwardReport(minimalReport())).toEqual([
      { id: ID, destination: 'fake', created: true },
    ]);
    await forwarder.drain();
    expect(calls).toEqual(['submit', 'upload:0', 'finish']);
    const status = await forwarder.status(ID);
    expect(status).toMatchObject({
      state: 'finished',
      progress: { hotlineReportId: '42', fileIds: { 0: 'file-42' } },
    });
    expect(seen).toEqual([
      'report:queued',
      'report:submitted',
      'report:file-uploaded',
      'report:finished',
    ]);
  });

  it('queues a report key once', async () => {
    const { forwarder, calls } = setup();
    await forwarder.forwardReport(minimalReport());
    expect((await forwarder.forwardReport(minimalReport()))[0]?.created).toBe(false);
    await forwarder.drain();
    expect(calls.filter((c) => c === 'submit')).toHaveLength(1);
  });

  it('resumes after a crash from the journal, without repeating finished steps', async () => {
    const outbox = createMemoryOutbox();
    const first = setup({ 'upload:0': [fail(new Error('process died'))] }, outbox);
    await first.forwarder.forwardReport(minimalReport());
    await first.forwarder.runOnce();
    // A new process (new forwarder, same storage) picks it up once the retry is due.
    const second = setup({}, outbox, 'w2');
    second.clock.advance(60_000);
    await second.forwarder.drain();
    expect(first.calls).toEqual(['submit', 'upload:0']);
    expect(second.calls).toEqual(['upload:0', 'finish']);
    expect((await second.forwarder.status(ID))?.state).toBe('finished');
  });

  it('never resends a submit whose outcome is unknown: the record needs attention', async () => {
    const { forwarder, calls, seen } = setup({
      submit: [fail(new TransportError('E_TIMEOUT', 'timed out'))],
    });
    await forwarder.forwardReport(minimalReport());
    await forwarder.drain();
    expect(calls).toEqual(['submit']);
    expect((await forwarder.status(ID))?.state).toBe('needs-attention');
    expect(seen.at(-1)).toBe('report:needs-attention');
  });

  it('treats a submit journaled as started (crash while sending) as unknown after restart', async () => {
    const outbox = createMemoryOutbox();
    const { forwarder } = setup({}, outbox);
    await forwarder.forwardReport(minimalReport());
    await outbox.claim('dead', ID, 0, 10);
    await outbox.append(
      'dead',
      ID,
      { step: 'submit', at: 1, outcome: 'started' },
      { state: 'in-progress', attempts: 0, nextAttemptAt: 0, leaseUntil: 10 },
    );
    const restarted = setup({}, outbox, 'w2');
    await restarted.forwarder.drain();
    expect(restarted.calls).toEqual([]);
    expect((await restarted.forwarder.status(ID))?.state).toBe('needs-attention');
  });

  it('continues with the hotline id a person found, or submits again when the hotline has nothing', async () => {
    const a = setup({
      submit: [fail(new TransportError('E_NETWORK', 'reset')), () => ({ hotlineReportId: '7' })],
    });
    await a.forwarder.forwardReport(minimalReport());
    await a.forwarder.drain();
    await a.forwarder.resolve(ID, { hotlineReportId: '99' });
    await a.forwarder.drain();
    expect(a.calls).toEqual(['submit', 'upload:0', 'finish']);
    expect((await a.forwarder.status(ID))?.progress.hotlineReportId).toBe('99');

    const b = setup({
      submit: [fail(new TransportError('E_NETWORK', 'reset')), () => ({ hotlineReportId: '7' })],
    });
    await b.forwarder.forwardReport(minimalReport());
    await b.forwarder.drain();
    await b.forwarder.resolve(ID, { notReceived: true });
    await b.forwarder.drain();
    expect(b.calls).toEqual(['submit', 'submit', 'upload:0', 'finish']);
    expect((await b.forwarder.status(ID))?.progress.hotlineReportId).toBe('7');
  });

  it('retries retryable steps with growing backoff and dead-letters after maxAttempts', async () => {
    const { forwarder, clock, seen, outbox } = setup({
      'upload:0': [fail(new TransportError('E_HTTP_UNAVAILABLE', '503'))],
    });
    await forwarder.forwardReport(minimalReport());
    const attempts: number[] = [];
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await forwarder.drain();
      const record = await outbox.get(ID);
      if (record?.state !== 'in-progress') break;
      attempts.push(record.attempts);
      delays.push(record.nextAttemptAt - clock.now());
      clock.advance(10 * 60_000);
    }
    expect(attempts).toEqual([1, 2]);
    // 1 s then 2 s, times the jitter factor 0.75 of random() = 0.5.
    expect(delays).toEqual([750, 1500]);
    expect((await forwarder.status(ID))?.state).toBe('dead-lettered');
    expect(seen.at(-1)).toBe('report:dead-lettered');
  });

  it('fails a report the hotline rejects, and queues it again on retry()', async () => {
    const { forwarder, calls, seen } = setup({
      submit: [
        fail(new HotlineError('E_HOTLINE_INVALID_FIELD', '4100')),
        () => ({ hotlineReportId: '1' }),
      ],
    });
    await forwarder.forwardReport(minimalReport());
    await forwarder.drain();
    expect((await forwarder.status(ID))?.state).toBe('failed');
    expect(seen.at(-1)).toBe('report:failed');
    await forwarder.retry(ID);
    await forwarder.drain();
    expect(calls).toEqual(['submit', 'submit', 'upload:0', 'finish']);
  });

  it('retracts locally before submit and at the hotline after', async () => {
    const a = setup();
    await a.forwarder.forwardReport(minimalReport());
    await a.forwarder.retract(ID);
    await a.forwarder.drain();
    expect(a.calls).toEqual([]);
    expect((await a.forwarder.status(ID))?.state).toBe('retracted');

    const b = setup({ 'upload:0': [fail(new TransportError('E_HTTP_UNAVAILABLE', '503'))] });
    await b.forwarder.forwardReport(minimalReport());
    await b.forwarder.drain();
    await b.forwarder.retract(ID);
    expect(b.calls).toEqual(['submit', 'upload:0', 'retract']);
    expect(b.seen.at(-1)).toBe('report:retracted');
  });

  it('never runs one record in two workers sharing an outbox', async () => {
    const outbox = createMemoryOutbox();
    const one = setup({}, outbox, 'w1');
    const two = setup({}, outbox, 'w2');
    for (let i = 0; i < 20; i++)
      await one.forwarder.forwardReport(minimalReport({ reportKey: `case-${i}` }));
    await Promise.all([one.forwarder.drain(), two.forwarder.drain()]);
    const submits = [...one.calls, ...two.calls].filter((c) => c === 'submit');
    expect(submits).toHaveLength(20);
    expect((await one.forwarder.list({ state: 'finished' })).length).toBe(20);
  });

  it('refuses a journal append from a worker that does not hold the lease', async () => {
    const outbox = createMemoryOutbox();
    const { forwarder } = setup({}, outbox);
    await forwarder.forwardReport(minimalReport());
    await outbox.lease('w1', 1_000_000, 2_000_000, 1);
    await expect(
      outbox.append(
        'w2',
        ID,
        { step: 'x', at: 1, outcome: 'noted' },
        { state: 'queued', attempts: 0, nextAttemptAt: 0, leaseUntil: 0 },
      ),
    ).rejects.toMatchObject({ code: 'E_OUTBOX_LEASE_LOST' });
  });

  it('preserves the report and its files, encrypted, before queueing, once per report key', async () => {
    const clock = fakeClock();
    const store = createMemoryEvidenceStore();
    const evidence = createEvidenceVault({
      store,
      audit: store,
      clock,
      keys: createStaticKeyProvider({ k: new Uint8Array(32) }, 'k'),
    });
    const forwarder = createReportForwarder({
      outbox: createMemoryOutbox(),
      transport: { send: async () => ({ status: 200, headers: {}, body: new Uint8Array() }) },
      clock,
      adapter: scriptedAdapter().adapter,
      loadFile: async () => new Uint8Array([9, 9, 9]),
      evidence,
    });
    await forwarder.forwardReport(minimalReport());
    await forwarder.forwardReport(minimalReport());
    expect([...store.items.keys()]).toEqual(['case-1/report', 'case-1/file-0']);
    expect(await evidence.read('case-1/file-0', 'reviewer')).toEqual(new Uint8Array([9, 9, 9]));
    expect(store.entries.filter((e) => e.action === 'preserve')).toHaveLength(2);
  });

  it('stops the flow when a retract fails at the hotline, and retracts on a second try', async () => {
    const { forwarder, adapter, calls, seen } = setup({
      'upload:0': [fail(new TransportError('E_HTTP_UNAVAILABLE', '503'))],
    });
    let retractFails = true;
    adapter.retract = async () => {
      calls.push('retract');
      if (retractFails) throw new TransportError('E_NETWORK', 'reset');
    };
    await forwarder.forwardReport(minimalReport());
    await forwarder.drain();
    await expect(forwarder.retract(ID)).rejects.toMatchObject({ code: 'E_NETWORK' });
    expect((await forwarder.status(ID))?.state).toBe('needs-attention');
    expect(seen.at(-1)).toBe('report:needs-attention');
    await forwarder.drain();
    await expect(forwarder.resolve(ID, { hotlineReportId: '42' })).rejects.toMatchObject({
      code: 'E_REPORT_STATE',
    });
    retractFails = false;
    await forwarder.retract(ID);
    expect(calls).toEqual(['submit', 'upload:0', 'retract', 'retract']);
    expect((await forwarder.status(ID))?.state).toBe('retracted');
  });
});
