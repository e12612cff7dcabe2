import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { AuditEntry, AuditLogStore, EvidenceStore, StoredEvidence } from '@hashguard/sdk-core';

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

/**
 * Encrypted evidence items and their hash-chained audit log in `node:sqlite`
 * (WAL, synchronous=FULL). The store only ever sees ciphertext. Triggers make
 * the audit table append-only: an UPDATE or DELETE of a log row fails.
 */
export function createSqliteEvidenceStore(
  options: SqliteEvidenceStoreOptions,
): EvidenceStore & AuditLogStore & { close(): void } {
  if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
  const db = new DatabaseSync(options.path);
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec(`
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
      db.prepare(
        `INSERT INTO evidence_items (id, kind, jurisdiction, key_id, iv, ciphertext, created_at, retain_until)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ).run(
        item.id,
        item.kind,
        item.jurisdiction,
        item.keyId,
        item.iv,
        item.ciphertext,
        item.createdAt,
        item.retainUntil,
      );
    },
    async get(id) {
      const row = db.prepare('SELECT * FROM evidence_items WHERE id = ?').get(id) as
        | ItemRow
        | undefined;
      return row ? toItem(row) : undefined;
    },
    async delete(id) {
      db.prepare('DELETE FROM evidence_items WHERE id = ?').run(id);
    },
    async listExpired(now) {
      return (
        db
          .prepare(
            'SELECT id FROM evidence_items WHERE retain_until <= ? ORDER BY retain_until, id',
          )
          .all(now) as {
          id: string;
        }[]
      ).map((row) => row.id);
    },
    async append(entry) {
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
    },
    async last() {
      const row = db.prepare('SELECT * FROM evidence_audit ORDER BY seq DESC LIMIT 1').get() as
        | AuditRow
        | undefined;
      return row ? toEntry(row) : undefined;
    },
    async list() {
      return (
        db.prepare('SELECT * FROM evidence_audit ORDER BY seq').all() as unknown as AuditRow[]
      ).map(toEntry);
    },
    close() {
      db.close();
    },
  };
}
