import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  type AuditEntry,
  type AuditLogStore,
  EvidenceError,
  type EvidenceStore,
  GENESIS_HASH,
  isHashguardError,
  type StoredEvidence,
} from '@hashguard/sdk-core';

export interface SqliteEvidenceStoreOptions {
  /** Database file (may be the outbox's); created with its directory if missing. */
  path: string;
}

interface ItemRow {
  id: string;
  kind: string;
  jurisdiction: string;
  key_id: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  created_at: number;
  retain_until: number;
}

interface AuditRow {
  seq: number;
  at: number;
  actor: string;
  action: string;
  item_id: string;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** Runs a store operation; any SQLite failure becomes `EvidenceError` `E_EVIDENCE_STORE`. */
function guarded<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (cause) {
    if (isHashguardError(cause)) throw cause;
    throw new EvidenceError(
      'E_EVIDENCE_STORE',
      `Evidence store: ${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Encrypted evidence items and their hash-chained audit log in `node:sqlite`
 * (WAL, synchronous=FULL). The store only ever sees ciphertext. Triggers make
 * the audit table append-only: an UPDATE or DELETE of a log row fails. Several
 * stores (processes) may share one file: an append checks and inserts in one
 * `BEGIN IMMEDIATE` transaction, and one that lost the race is refused with
 * `E_AUDIT_CONFLICT` so the audit log rebuilds it on the new tail.
 */
export function createSqliteEvidenceStore(
  options: SqliteEvidenceStoreOptions,
): EvidenceStore & AuditLogStore & { close(): void } {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = guarded(`opening ${options.path}`, () => {
    const opened = new DatabaseSync(options.path);
    opened.exec('PRAGMA busy_timeout = 5000');
    opened.exec('PRAGMA journal_mode = WAL');
    opened.exec('PRAGMA synchronous = FULL');
    opened.exec(`
      CREATE TABLE IF NOT EXISTS evidence_items (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, jurisdiction TEXT NOT NULL, key_id TEXT NOT NULL,
        iv BLOB NOT NULL, ciphertext BLOB NOT NULL, created_at INTEGER NOT NULL, retain_until INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS evidence_items_expiry ON evidence_items (retain_until);
      CREATE TABLE IF NOT EXISTS evidence_audit (
        seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        item_id TEXT NOT NULL, details TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
      );
      CREATE TRIGGER IF NOT EXISTS evidence_audit_no_update BEFORE UPDATE ON evidence_audit
        BEGIN SELECT RAISE(ABORT, 'the evidence audit log is append-only'); END;
      CREATE TRIGGER IF NOT EXISTS evidence_audit_no_delete BEFORE DELETE ON evidence_audit
        BEGIN SELECT RAISE(ABORT, 'the evidence audit log is append-only'); END;`);
    return opened;
  });

  const toItem = (row: ItemRow): StoredEvidence => ({
    id: row.id,
    kind: row.kind as StoredEvidence['kind'],
    jurisdiction: row.jurisdiction,
    keyId: row.key_id,
    iv: new Uint8Array(row.iv),
    ciphertext: new Uint8Array(row.ciphertext),
    createdAt: row.created_at,
    retainUntil: row.retain_until,
  });
  const toEntry = (row: AuditRow): AuditEntry => ({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action as AuditEntry['action'],
    itemId: row.item_id,
    ...(row.details !== null && { details: JSON.parse(row.details) as AuditEntry['details'] }),
    prevHash: row.prev_hash,
    hash: row.hash,
  });

  return {
    // An id is preserved once: forwarding the same report again keeps the first copy.
    async put(item) {
      guarded(`storing ${item.id}`, () =>
        db
          .prepare(
            `INSERT INTO evidence_items (id, kind, jurisdiction, key_id, iv, ciphertext, created_at, retain_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
          )
          .run(
            item.id,
            item.kind,
            item.jurisdiction,
            item.keyId,
            item.iv,
            item.ciphertext,
            item.createdAt,
            item.retainUntil,
          ),
      );
    },
    async get(id) {
      const row = guarded(`reading ${id}`, () =>
        db.prepare('SELECT * FROM evidence_items WHERE id = ?').get(id),
      ) as ItemRow | undefined;
      return row ? toItem(row) : undefined;
    },
    async delete(id) {
      guarded(`deleting ${id}`, () =>
        db.prepare('DELETE FROM evidence_items WHERE id = ?').run(id),
      );
    },
    async listExpired(now) {
      const rows = guarded('listing expired items', () =>
        db
          .prepare(
            'SELECT id FROM evidence_items WHERE retain_until <= ? ORDER BY retain_until, id',
          )
          .all(now),
      ) as { id: string }[];
      return rows.map((row) => row.id);
    },
    async append(entry) {
      guarded(`appending audit entry ${entry.seq}`, () => {
        // Reading the tail and inserting are one transaction: no other writer slips between.
        db.exec('BEGIN IMMEDIATE');
        try {
          const last = db
            .prepare('SELECT seq, hash FROM evidence_audit ORDER BY seq DESC LIMIT 1')
            .get() as { seq: number; hash: string } | undefined;
          if (
            entry.seq !== (last?.seq ?? 0) + 1 ||
            entry.prevHash !== (last?.hash ?? GENESIS_HASH)
          ) {
            throw new EvidenceError(
              'E_AUDIT_CONFLICT',
              `Audit entry ${entry.seq} does not follow the last entry ${last?.seq ?? 0}: another writer appended first.`,
            );
          }
          db.prepare(
            `INSERT INTO evidence_audit (seq, at, actor, action, item_id, details, prev_hash, hash)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.itemId,
            entry.details === undefined ? null : JSON.stringify(entry.details),
            entry.prevHash,
            entry.hash,
          );
          db.exec('COMMIT');
        } catch (error) {
          try {
            db.exec('ROLLBACK');
          } catch {
            // Already rolled back by SQLite; the first error is the one to report.
          }
          throw error;
        }
      });
    },
    async last() {
      const row = guarded('reading the audit log', () =>
        db.prepare('SELECT * FROM evidence_audit ORDER BY seq DESC LIMIT 1').get(),
      ) as AuditRow | undefined;
      return row ? toEntry(row) : undefined;
    },
    async list() {
      const rows = guarded('reading the audit log', () =>
        db.prepare('SELECT * FROM evidence_audit ORDER BY seq').all(),
      ) as unknown as AuditRow[];
      return rows.map(toEntry);
    },
    close() {
      db.close();
    },
  };
}
