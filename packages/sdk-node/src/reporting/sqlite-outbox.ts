import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { Outbox, OutboxJournalEntry, OutboxRecord, OutboxState } from '@hashguard/sdk-core';
import { OutboxError } from '@hashguard/sdk-core';

export interface SqliteOutboxOptions {
  /** Database file; created with its directory if missing. `:memory:` for tests only. */
  path: string;
  /** How long a writer waits for another process's lock. Default 5 s. */
  busyTimeoutMs?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox_records (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_records_due ON outbox_records (state, next_attempt_at);
CREATE TABLE IF NOT EXISTS outbox_journal (
  record_id TEXT NOT NULL REFERENCES outbox_records (id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  data TEXT,
  PRIMARY KEY (record_id, seq)
);`;

interface RecordRow {
  id: string;
  state: string;
  payload: string;
  attempts: number;
  created_at: number;
  updated_at: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
}

interface JournalRow {
  step: string;
  at: number;
  outcome: string;
  data: string | null;
}

/**
 * The embedded default `Outbox` on `node:sqlite`. WAL with
 * `synchronous=FULL`: every commit is fsynced before its promise resolves,
 * so a SIGKILL (or power loss) after `forwardReport()` returns loses
 * nothing. The journal is a separate append-only table; each append and its
 * state change commit in one transaction, and only the lease holder may
 * append.
 */
export function createSqliteOutbox(
  options: SqliteOutboxOptions,
): Outbox & { close(): Promise<void> } {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  db.exec(`PRAGMA busy_timeout = ${Math.floor(options.busyTimeoutMs ?? 5000)}`);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(SCHEMA);

  const statements = {
    insert: db.prepare(
      `INSERT INTO outbox_records (id, state, payload, attempts, created_at, updated_at, next_attempt_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    ),
    insertJournal: db.prepare(
      `INSERT INTO outbox_journal (record_id, seq, step, at, outcome, data)
       VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM outbox_journal WHERE record_id = ?), ?, ?, ?, ?)`,
    ),
    get: db.prepare('SELECT * FROM outbox_records WHERE id = ?'),
    journal: db.prepare(
      'SELECT step, at, outcome, data FROM outbox_journal WHERE record_id = ? ORDER BY seq',
    ),
    due: db.prepare(
      `SELECT id FROM outbox_records
       WHERE state IN ('queued', 'in-progress') AND next_attempt_at <= ?
         AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)
       ORDER BY next_attempt_at LIMIT ?`,
    ),
    claim: db.prepare(
      `UPDATE outbox_records SET lease_owner = ?, lease_until = ?
       WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?)`,
    ),
    // A person may claim a parked record even under a dead worker's lease (see the Outbox port).
    claimForPerson: db.prepare(
      `UPDATE outbox_records SET lease_owner = ?, lease_until = ?
       WHERE id = ? AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < ?
                         OR state NOT IN ('queued', 'in-progress'))`,
    ),
    transition: db.prepare(
      `UPDATE outbox_records SET state = ?, attempts = ?, next_attempt_at = ?, lease_until = ?, updated_at = ?
       WHERE id = ? AND lease_owner = ?`,
    ),
    release: db.prepare(
      'UPDATE outbox_records SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?',
    ),
    owner: db.prepare('SELECT lease_owner FROM outbox_records WHERE id = ?'),
  };

  function inTransaction<T>(work: () => T): T {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  function storage<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof OutboxError) throw error;
      throw new OutboxError(
        'E_OUTBOX_STORAGE',
        `SQLite outbox could not ${what}: ${String(error)}`,
        { cause: error },
      );
    }
  }

  function load(id: string): OutboxRecord | undefined {
    const row = statements.get.get(id) as RecordRow | undefined;
    if (!row) return undefined;
    const journal = (statements.journal.all(id) as unknown as JournalRow[]).map(
      (entry): OutboxJournalEntry => ({
        step: entry.step,
        at: entry.at,
        outcome: entry.outcome as OutboxJournalEntry['outcome'],
        ...(entry.data !== null && { data: JSON.parse(entry.data) as Record<string, unknown> }),
      }),
    );
    return {
      id: row.id,
      state: row.state as OutboxState,
      payload: row.payload,
      journal,
      attempts: row.attempts,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      nextAttemptAt: row.next_attempt_at,
      leaseOwner: row.lease_owner ?? undefined,
      leaseUntil: row.lease_until ?? undefined,
    };
  }

  function appendJournal(id: string, entry: OutboxJournalEntry): void {
    const data: SQLInputValue = entry.data === undefined ? null : JSON.stringify(entry.data);
    statements.insertJournal.run(id, id, entry.step, entry.at, entry.outcome, data);
  }

  return {
    async enqueue(record) {
      return storage('enqueue', () =>
        inTransaction(() => {
          const { changes } = statements.insert.run(
            record.id,
            record.state,
            record.payload,
            record.attempts,
            record.createdAt,
            record.updatedAt,
            record.nextAttemptAt,
          );
          if (changes === 0) return false;
          for (const entry of record.journal) appendJournal(record.id, entry);
          return true;
        }),
      );
    },
    async get(id) {
      return storage('read', () => load(id));
    },
    async lease(workerId, now, leaseUntil, limit) {
      return storage('lease', () =>
        inTransaction(() => {
          const ids = (statements.due.all(now, workerId, now, limit) as { id: string }[]).map(
            (row) => row.id,
          );
          for (const id of ids) statements.claim.run(workerId, leaseUntil, id, workerId, now);
          return ids
            .map((id) => load(id))
            .filter((record): record is OutboxRecord => record !== undefined);
        }),
      );
    },
    async claim(workerId, id, now, leaseUntil) {
      return storage('claim', () =>
        inTransaction(() => {
          const { changes } = statements.claimForPerson.run(
            workerId,
            leaseUntil,
            id,
            workerId,
            now,
          );
          return changes === 0 ? undefined : load(id);
        }),
      );
    },
    async append(workerId, id, entry, transition) {
      storage('append', () =>
        inTransaction(() => {
          const { changes } = statements.transition.run(
            transition.state,
            transition.attempts,
            transition.nextAttemptAt,
            transition.leaseUntil,
            entry?.at ?? Date.now(),
            id,
            workerId,
          );
          if (changes === 0) {
            const owner = statements.owner.get(id) as { lease_owner: string | null } | undefined;
            throw new OutboxError(
              'E_OUTBOX_LEASE_LOST',
              `Worker ${workerId} no longer holds report ${id} (held by ${owner?.lease_owner ?? 'nobody'}).`,
            );
          }
          if (entry) appendJournal(id, entry);
        }),
      );
    },
    async release(workerId, id) {
      storage('release', () => statements.release.run(id, workerId));
    },
    async list(filter) {
      return storage('list', () => {
        const rows = (
          filter?.state
            ? db
                .prepare('SELECT id FROM outbox_records WHERE state = ? ORDER BY created_at, id')
                .all(filter.state)
            : db.prepare('SELECT id FROM outbox_records ORDER BY created_at, id').all()
        ) as { id: string }[];
        return rows
          .map((row) => load(row.id))
          .filter((record): record is OutboxRecord => record !== undefined);
      });
    },
    async close() {
      db.close();
    },
  };
}
