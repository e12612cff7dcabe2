import { EvidenceError } from '../../errors/evidence-error';
import { GENESIS_HASH } from './audit-log';
import type {
  AuditEntry,
  AuditLogStore,
  EvidenceStore,
  KeyProvider,
  StoredEvidence,
} from './evidence-ports';

/** In-memory evidence and audit stores: for tests, never for real evidence. */
export function createMemoryEvidenceStore(): EvidenceStore &
  AuditLogStore & { items: Map<string, StoredEvidence>; entries: AuditEntry[] } {
  const items = new Map<string, StoredEvidence>();
  const entries: AuditEntry[] = [];
  return {
    items,
    entries,
    async put(item) {
      if (!items.has(item.id)) items.set(item.id, { ...item });
    },
    async get(id) {
      return items.get(id);
    },
    async delete(id) {
      items.delete(id);
    },
    async listExpired(now) {
      return [...items.values()].filter((item) => item.retainUntil <= now).map((item) => item.id);
    },
    async append(entry) {
      const last = entries.at(-1);
      if (entry.seq !== (last?.seq ?? 0) + 1 || entry.prevHash !== (last?.hash ?? GENESIS_HASH))
        throw new EvidenceError(
          'E_AUDIT_CONFLICT',
          `Audit entry ${entry.seq} does not follow the last entry.`,
        );
      entries.push({ ...entry });
    },
    async last() {
      return entries.at(-1);
    },
    async list() {
      return [...entries];
    },
  };
}

/**
 * A `KeyProvider` over keys held in memory (e.g. unwrapped at start-up from
 * the member's KMS). `current` names the key new items are encrypted with.
 */
export function createStaticKeyProvider(
  keys: Record<string, Uint8Array>,
  current: string,
): KeyProvider {
  return {
    async currentKeyId() {
      return current;
    },
    async getKey(keyId) {
      const key = keys[keyId];
      if (!key) throw new EvidenceError('E_KEY_UNAVAILABLE', `No key ${keyId}.`);
      return key;
    },
  };
}
