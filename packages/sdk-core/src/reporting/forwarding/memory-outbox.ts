import { OutboxError } from '../../errors/outbox-error';
import type { Outbox, OutboxRecord, OutboxState } from '../../ports/outbox';

/** States a worker may lease; every other state waits for a person or is final. */
export const RUNNABLE_STATES: readonly OutboxState[] = ['queued', 'in-progress'];

function copy(record: OutboxRecord): OutboxRecord {
  return { ...record, journal: record.journal.map((entry) => ({ ...entry })) };
}

/**
 * An in-memory `Outbox` with the same lease semantics as the durable ones.
 * Not durable: for tests and for trying the SDK out, never for production.
 */
export function createMemoryOutbox(): Outbox & { snapshot(): OutboxRecord[] } {
  const records = new Map<string, OutboxRecord>();
  const leaseFree = (record: OutboxRecord, workerId: string, now: number) =>
    record.leaseOwner === undefined ||
    record.leaseOwner === workerId ||
    (record.leaseUntil ?? 0) < now;

  return {
    async enqueue(record) {
      if (records.has(record.id)) return false;
      records.set(record.id, copy(record));
      return true;
    },
    async get(id) {
      const record = records.get(id);
      return record ? copy(record) : undefined;
    },
    async lease(workerId, now, leaseUntil, limit) {
      const due = [...records.values()]
        .filter(
          (r) =>
            RUNNABLE_STATES.includes(r.state) &&
            r.nextAttemptAt <= now &&
            leaseFree(r, workerId, now),
        )
        .sort((a, b) => a.nextAttemptAt - b.nextAttemptAt)
        .slice(0, limit);
      for (const record of due) {
        record.leaseOwner = workerId;
        record.leaseUntil = leaseUntil;
      }
      return due.map(copy);
    },
    async claim(workerId, id, now, leaseUntil) {
      const record = records.get(id);
      if (!record) return undefined;
      if (RUNNABLE_STATES.includes(record.state) && !leaseFree(record, workerId, now)) {
        return undefined;
      }
      record.leaseOwner = workerId;
      record.leaseUntil = leaseUntil;
      return copy(record);
    },
    async append(workerId, id, entry, transition) {
      const record = records.get(id);
      if (!record || record.leaseOwner !== workerId) {
        throw new OutboxError(
          'E_OUTBOX_LEASE_LOST',
          `Worker ${workerId} no longer holds report ${id}.`,
        );
      }
      if (entry) record.journal.push({ ...entry });
      record.state = transition.state;
      record.attempts = transition.attempts;
      record.nextAttemptAt = transition.nextAttemptAt;
      record.updatedAt = entry?.at ?? record.updatedAt;
      record.leaseUntil = transition.leaseUntil;
    },
    async release(workerId, id) {
      const record = records.get(id);
      if (record?.leaseOwner === workerId) {
        record.leaseOwner = undefined;
        record.leaseUntil = undefined;
      }
    },
    async list(filter) {
      return [...records.values()]
        .filter((r) => !filter?.state || r.state === filter.state)
        .map(copy);
    },
    snapshot() {
      return [...records.values()].map(copy);
    },
  };
}
