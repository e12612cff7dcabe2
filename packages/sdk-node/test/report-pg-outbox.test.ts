import { PGlite } from '@electric-sql/pglite';
import {
  createReportForwarder,
  type HotlineAdapter,
  isHashguardError,
  type Outbox,
} from '@hashguard/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgOutbox, type PgQueryable } from '../src/reporting/index';
import { realClock, sampleReport } from './report-fixtures';

/**
 * A pg-Pool-like face on PGlite. PGlite is one connection, so statements run
 * one at a time; the outbox issues only single-statement changes, which is
 * what makes it safe on a real pool of connections too.
 */
function pgliteQueryable(db: PGlite): PgQueryable {
  return {
    async query(text, params) {
      const result = await db.query<Record<string, unknown>>(text, params as unknown[] | undefined);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

let db: PGlite;
let outbox: Outbox;
beforeAll(async () => {
  db = new PGlite();
  outbox = await createPgOutbox({ pool: pgliteQueryable(db) });
});
afterAll(() => db.close());

/** Counts how often each report's steps run, across all workers. */
function countingAdapter(
  runs: Map<string, number>,
  byWorker: string[],
  workerId: string,
): HotlineAdapter {
  return {
    name: 'counting',
    acceptsFiles: true,
    check: () => {},
    plan: () => [
      { id: 'submit', kind: 'submit', delivery: 'once' },
      { id: 'finish', kind: 'finish', delivery: 'confirmable' },
    ],
    async runStep(step, context) {
      const key = `${context.report.reportKey}:${step.id}`;
      runs.set(key, (runs.get(key) ?? 0) + 1);
      byWorker.push(workerId);
      await realClock.sleep(1);
      return step.kind === 'submit' ? { hotlineReportId: context.report.reportKey } : {};
    },
  };
}

describe('Postgres outbox (on PGlite)', () => {
  it('never runs one report in two workers: each step of 60 reports runs exactly once', async () => {
    const runs = new Map<string, number>();
    const byWorker: string[] = [];
    const worker = (workerId: string) =>
      createReportForwarder({
        outbox,
        transport: { send: async () => ({ status: 500, headers: {}, body: new Uint8Array() }) },
        clock: realClock,
        adapter: countingAdapter(runs, byWorker, workerId),
        loadFile: async () => new Uint8Array(),
        workerId,
        concurrency: 3,
      });
    const a = worker('worker-a');
    const b = worker('worker-b');
    for (let i = 0; i < 60; i++) await a.forwardReport(sampleReport(`pg-${i}`));
    // Each worker also runs two loops at once, as start() plus drain() would.
    await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(runs.size).toBe(120);
    expect(byWorker.filter((w) => w === 'worker-a').length).toBeGreaterThan(10);
    expect(byWorker.filter((w) => w === 'worker-b').length).toBeGreaterThan(10);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    const finished = await a.list({ state: 'finished' });
    expect(finished).toHaveLength(60);
    expect(finished[0]?.journal.map((e) => `${e.step}:${e.outcome}`)).toEqual([
      'queued:succeeded',
      'submit:started',
      'submit:succeeded',
      'finish:started',
      'finish:succeeded',
    ]);
  });

  it('hands a lease to another worker only after it expires, and refuses the old holder', async () => {
    await outbox.enqueue({
      id: 'lease-1',
      state: 'queued',
      payload: '{}',
      journal: [],
      attempts: 0,
      createdAt: 1,
      updatedAt: 1,
      nextAttemptAt: 1,
    });
    expect((await outbox.lease('w1', 100, 200, 10)).map((r) => r.id)).toEqual(['lease-1']);
    expect(await outbox.lease('w2', 150, 250, 10)).toEqual([]);
    expect(await outbox.claim('w2', 'lease-1', 150, 250)).toBeUndefined();
    expect((await outbox.lease('w2', 201, 300, 10)).map((r) => r.id)).toEqual(['lease-1']);
    const transition = {
      state: 'in-progress' as const,
      attempts: 0,
      nextAttemptAt: 0,
      leaseUntil: 400,
    };
    await expect(
      outbox.append('w1', 'lease-1', { step: 's', at: 202, outcome: 'started' }, transition),
    ).rejects.toMatchObject({
      code: 'E_OUTBOX_LEASE_LOST',
    });
    await outbox.append(
      'w2',
      'lease-1',
      { step: 's', at: 203, outcome: 'started', data: { n: 1 } },
      transition,
    );
    expect((await outbox.get('lease-1'))?.journal).toEqual([
      { step: 's', at: 203, outcome: 'started', data: { n: 1 } },
    ]);
    expect(
      await outbox.enqueue({
        id: 'lease-1',
        state: 'queued',
        payload: '{}',
        journal: [],
        attempts: 0,
        createdAt: 1,
        updatedAt: 1,
        nextAttemptAt: 1,
      }),
    ).toBe(false);
  });
});

describe('createPgOutbox options', () => {
  it.each(['Drop Table', 'x; --', 'a'.repeat(60)])(
    'refuses the table prefix %j with a typed error',
    async (tablePrefix) => {
      const error = await createPgOutbox({ pool: pgliteQueryable(db), tablePrefix }).catch(
        (caught: unknown) => caught,
      );
      expect(isHashguardError(error, 'E_INVALID_OPTIONS')).toBe(true);
    },
  );
});
