import { EvidenceError } from '../../errors/evidence-error';
import { isHashguardError } from '../../errors/is-hashguard-error';
import { type CryptoLike, toHex, utf8Encode } from '../web-platform';
import type { AuditEntry, AuditLogStore } from './evidence-ports';

export const GENESIS_HASH = '0'.repeat(64);

/** The bytes an entry's hash covers: every field but `hash`, in a fixed order. */
function canonical(entry: Omit<AuditEntry, 'hash'>): string {
  const details = entry.details
    ? Object.fromEntries(
        Object.entries(entry.details).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      )
    : null;
  return JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.itemId,
    details,
    entry.prevHash,
  ]);
}

async function hashOf(crypto: CryptoLike, entry: Omit<AuditEntry, 'hash'>): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Encode(canonical(entry)))));
}

export interface AuditLog {
  record(
    entry: Pick<AuditEntry, 'actor' | 'action' | 'itemId' | 'details'>,
    at: number,
  ): Promise<AuditEntry>;
  /** Recomputes the chain; throws `EvidenceError` `E_AUDIT_CHAIN_BROKEN` at the first bad entry. */
  verify(): Promise<{ entries: number; head: string }>;
}

/** Appends lost to another writer (another process on the same store) before giving up. */
const APPEND_TRIES = 20;

/**
 * An append-only, hash-chained audit log: each entry's SHA-256 covers the
 * previous entry's hash, so editing, removing or reordering any entry breaks
 * every hash after it. Appends are serialised in this process; a writer
 * elsewhere (another vault on the same store) makes the store refuse the
 * append with `E_AUDIT_CONFLICT`, and the entry is rebuilt on the new tail.
 */
export function createAuditLog(store: AuditLogStore, crypto: CryptoLike): AuditLog {
  let tail: Promise<unknown> = Promise.resolve();
  async function append(
    fields: Pick<AuditEntry, 'actor' | 'action' | 'itemId' | 'details'>,
    at: number,
  ): Promise<AuditEntry> {
    for (let attempt = 1; ; attempt++) {
      const last = await store.last();
      const entry = {
        seq: (last?.seq ?? 0) + 1,
        at,
        ...fields,
        prevHash: last?.hash ?? GENESIS_HASH,
      };
      const full: AuditEntry = { ...entry, hash: await hashOf(crypto, entry) };
      try {
        await store.append(full);
        return full;
      } catch (error) {
        if (!isHashguardError(error, 'E_AUDIT_CONFLICT') || attempt >= APPEND_TRIES) throw error;
      }
    }
  }
  return {
    record(fields, at) {
      const next = tail.then(() => append(fields, at));
      tail = next.catch(() => {});
      return next;
    },
    async verify() {
      let prevHash = GENESIS_HASH;
      const entries = await store.list();
      for (const [index, entry] of entries.entries()) {
        const { hash, ...rest } = entry;
        if (
          entry.seq !== index + 1 ||
          entry.prevHash !== prevHash ||
          (await hashOf(crypto, rest)) !== hash
        ) {
          throw new EvidenceError(
            'E_AUDIT_CHAIN_BROKEN',
            `The evidence audit log does not verify at entry ${entry.seq}: it was altered, removed or reordered.`,
          );
        }
        prevHash = hash;
      }
      return { entries: entries.length, head: prevHash };
    },
  };
}
