import type { Outbox, OutboxJournalEntry, OutboxRecord, OutboxState } from '@hashguard/sdk-core';
import { ConfigError, OutboxError } from '@hashguard/sdk-core';

/** What the outbox needs of a `pg.Pool` (a `pg.Client` or a PGlite wrapper also fit). */
export interface PgQueryable {
  query(
    text: string,
    params?: unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

export interface PgOutboxOptions {
  pool: PgQueryable;
  /** Table name prefix; lets several outboxes share a schema. Default `hashguard_outbox`. */
  tablePrefix?: string;
}

/**
 * The `Outbox` on Postgres for members running several replicas. Every
 * change is one statement (atomic without a client-side transaction, so a
 * `pg.Pool` can be passed as is). Leasing picks due rows `FOR UPDATE SKIP
 * LOCKED` and stamps `lease_owner`/`lease_until`, so two workers never take
 * the same report; a lease expires if its worker dies; a journal append is
 * applied only while the appender still holds the lease.
 */
export async function createPgOutbox(options: PgOutboxOptions): Promise<Outbox> {
  const prefix = options.tablePrefix ?? 'hashguard_outbox';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix))
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `tablePrefix "${prefix.slice(0, 60)}" must be a lowercase SQL identifier (a-z, 0-9, _; at most 41 characters).`,
    );
  const records = `${prefix}_records`;
  const journal = `${prefix}_journal`;
  const { pool } = options;

  async function run(what: string, text: string, params: unknown[] = []) {
    try {
      return await pool.query(text, params);
    } catch (cause) {
      throw new OutboxError(
        'E_OUTBOX_STORAGE',
        `Postgres outbox could not ${what}: ${String(cause)}`,
        { cause },
      );
    }
  }

  // One statement per call: the extended protocol (pg with parameters, PGlite) takes no batches.
  for (const ddl of [
    `CREATE TABLE IF NOT EXISTS ${records} (
       id TEXT PRIMARY KEY, state TEXT NOT NULL, payload TEXT NOT NULL, attempts INTEGER NOT NULL,
       created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL,
       lease_owner TEXT, lease_until BIGINT)`,
    `CREATE INDEX IF NOT EXISTS ${records}_due ON ${records} (state, next_attempt_at)`,
    `CREATE TABLE IF NOT EXISTS ${journal} (
       record_id TEXT NOT NULL REFERENCES ${records} (id), seq INTEGER NOT NULL, step TEXT NOT NULL,
       at BIGINT NOT NULL, outcome TEXT NOT NULL, data JSONB, PRIMARY KEY (record_id, seq))`,
  ]) {
    await run('create its tables', ddl);
  }

  async function load(ids: string[]): Promise<OutboxRecord[]> {
    if (ids.length === 0) return [];
    const rows = (
      await run(
        'read',
        `SELECT * FROM ${records} WHERE id = ANY($1::text[]) ORDER BY created_at, id`,
        [ids],
      )
    ).rows;
    const entries = (
      await run(
        'read its journal',
        `SELECT * FROM ${journal} WHERE record_id = ANY($1::text[]) ORDER BY record_id, seq`,
        [ids],
      )
    ).rows;
    return rows.map((row) => ({
      id: String(row.id),
      state: row.state as OutboxState,
      payload: String(row.payload),
      journal: entries
        .filter((entry) => entry.record_id === row.id)
        .map(
          (entry): OutboxJournalEntry => ({
            step: String(entry.step),
            at: Number(entry.at),
            outcome: entry.outcome as OutboxJournalEntry['outcome'],
            ...(entry.data != null && { data: entry.data as Record<string, unknown> }),
          }),
        ),
      attempts: Number(row.attempts),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      nextAttemptAt: Number(row.next_attempt_at),
      leaseOwner: row.lease_owner == null ? undefined : String(row.lease_owner),
      leaseUntil: row.lease_until == null ? undefined : Number(row.lease_until),
    }));
  }

  const idsOf = (result: { rows: Record<string, unknown>[] }) =>
    result.rows.map((row) => String(row.id));

  return {
    async enqueue(record) {
      const result = await run(
        'enqueue',
        `WITH inserted AS (
           INSERT INTO ${records} (id, state, payload, attempts, created_at, updated_at, next_attempt_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id),
         entries AS (
           INSERT INTO ${journal} (record_id, seq, step, at, outcome, data)
           SELECT inserted.id, e.ordinality, e.value->>'step', (e.value->>'at')::bigint, e.value->>'outcome', e.value->'data'
           FROM inserted, jsonb_array_elements($8::jsonb) WITH ORDINALITY AS e)
         SELECT id FROM inserted`,
        [
          record.id,
          record.state,
          record.payload,
          record.attempts,
          record.createdAt,
          record.updatedAt,
          record.nextAttemptAt,
          JSON.stringify(record.journal),
        ],
      );
      return result.rows.length === 1;
    },
    async get(id) {
      return (await load([id]))[0];
    },
    async lease(workerId, now, leaseUntil, limit) {
      const result = await run(
        'lease',
        // The CTE runs once (an IN (... LIMIT) subquery may be re-run and take more rows);
        // the outer WHERE re-checks the lease, so a row is taken only if still free.
        `WITH picked AS (
           SELECT id FROM ${records}
           WHERE state IN ('queued', 'in-progress') AND next_attempt_at <= $3
             AND (lease_owner IS NULL OR lease_owner = $1 OR lease_until < $3)
           ORDER BY next_attempt_at, id LIMIT $4
           FOR UPDATE SKIP LOCKED)
         UPDATE ${records} AS r SET lease_owner = $1, lease_until = $2
         FROM picked
         WHERE r.id = picked.id AND (r.lease_owner IS NULL OR r.lease_owner = $1 OR r.lease_until < $3)
         RETURNING r.id`,
        [workerId, leaseUntil, now, limit],
      );
      return load(idsOf(result));
    },
    async claim(workerId, id, now, leaseUntil) {
      const result = await run(
        'claim',
        `UPDATE ${records} SET lease_owner = $1, lease_until = $2
         WHERE id = $3 AND (lease_owner IS NULL OR lease_owner = $1 OR lease_until < $4
                            OR state NOT IN ('queued', 'in-progress'))
         RETURNING id`,
        [workerId, leaseUntil, id, now],
      );
      return result.rows.length === 1 ? (await load([id]))[0] : undefined;
    },
    async append(workerId, id, entry, transition) {
      const params = [
        id,
        workerId,
        transition.state,
        transition.attempts,
        transition.nextAttemptAt,
        transition.leaseUntil,
        entry?.at ?? Date.now(),
      ];
      const update = `UPDATE ${records} SET state = $3, attempts = $4, next_attempt_at = $5, lease_until = $6, updated_at = $7
                      WHERE id = $1 AND lease_owner = $2 RETURNING id`;
      const result = entry
        ? await run(
            'append',
            `WITH updated AS (${update})
             INSERT INTO ${journal} (record_id, seq, step, at, outcome, data)
             SELECT updated.id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM ${journal} WHERE record_id = $1), $8, $7, $9, $10::jsonb
             FROM updated RETURNING record_id AS id`,
            [
              ...params,
              entry.step,
              entry.outcome,
              entry.data === undefined ? null : JSON.stringify(entry.data),
            ],
          )
        : await run('append', update, params);
      if (result.rows.length === 0) {
        throw new OutboxError(
          'E_OUTBOX_LEASE_LOST',
          `Worker ${workerId} no longer holds report ${id}.`,
        );
      }
    },
    async release(workerId, id) {
      await run(
        'release',
        `UPDATE ${records} SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2`,
        [id, workerId],
      );
    },
    async list(filter) {
      const result = filter?.state
        ? await run('list', `SELECT id FROM ${records} WHERE state = $1 ORDER BY created_at, id`, [
            filter.state,
          ])
        : await run('list', `SELECT id FROM ${records} ORDER BY created_at, id`);
      return load(idsOf(result));
    },
  };
}
