import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryOutbox, type Outbox, type OutboxState } from '@hashguard/sdk-core';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteOutbox } from '../src/reporting/sqlite-outbox';

const dir = mkdtempSync(join(tmpdir(), 'hg-claim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outboxes: Array<[string, () => Outbox]> = [
  ['memory', () => createMemoryOutbox()],
  ['node:sqlite', () => createSqliteOutbox({ path: join(dir, `${Math.random()}.db`) })],
];

// A worker killed after parking a record but before releasing it leaves its
// lease behind; a person must still be able to act on the record at once.
describe.each(outboxes)('%s outbox claim', (_name, make) => {
  async function leasedBy(worker: string, state: OutboxState) {
    const outbox = make();
    const now = 1_000;
    await outbox.enqueue({
      id: 'r1',
      state: 'queued',
      payload: '{}',
      journal: [],
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      nextAttemptAt: now,
    });
    expect(await outbox.lease(worker, now, now + 60_000, 1)).toHaveLength(1);
    await outbox.append(worker, 'r1', undefined, {
      state,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: now + 60_000,
    });
    return outbox;
  }

  it('refuses a person while a live lease covers a runnable record', async () => {
    const outbox = await leasedBy('dead-worker', 'in-progress');
    expect(await outbox.claim('person', 'r1', 2_000, 62_000)).toBeUndefined();
  });

  it.each(['needs-attention', 'failed', 'dead-lettered'] as const)(
    'lets a person claim a %s record under a dead worker lease',
    async (state) => {
      const outbox = await leasedBy('dead-worker', state);
      const record = await outbox.claim('person', 'r1', 2_000, 62_000);
      expect(record?.state).toBe(state);
      expect(record?.leaseOwner).toBe('person');
      // The dead worker's late release must not free the person's claim.
      await outbox.release('dead-worker', 'r1');
      expect((await outbox.get('r1'))?.leaseOwner).toBe('person');
    },
  );
});
