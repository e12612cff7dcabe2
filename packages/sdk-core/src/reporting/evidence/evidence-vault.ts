import { ConfigError } from '../../errors/config-error';
import { EvidenceError } from '../../errors/evidence-error';
import { isHashguardError } from '../../errors/is-hashguard-error';
import type { Clock } from '../../ports/clock';
import { type CryptoLike, utf8Encode, webCrypto } from '../web-platform';
import { type AuditLog, createAuditLog } from './audit-log';
import type { AuditLogStore, EvidenceKind, EvidenceStore, KeyProvider } from './evidence-ports';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention in days by jurisdiction. US: one year, 18 U.S.C. § 2258A(h)(1)
 * as amended by the REPORT Act (2024). CA: 21 days, the preservation period
 * of Canada's mandatory reporting regulations. Members override or add
 * entries for their own legal advice; `default` covers the rest.
 */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<string, number>> = {
  default: 365,
  US: 365,
  CA: 21,
};

export interface EvidenceVaultOptions {
  store: EvidenceStore;
  audit: AuditLogStore;
  keys: KeyProvider;
  clock: Clock;
  /** Days to keep items per jurisdiction; merged over `DEFAULT_RETENTION_DAYS`. */
  retentionDays?: Record<string, number>;
  /** WebCrypto; default `globalThis.crypto`. */
  crypto?: CryptoLike;
}

export interface PreserveInput {
  kind: EvidenceKind;
  bytes: Uint8Array;
  /** Country whose retention applies; `default` when absent. */
  jurisdiction?: string;
  /** Who preserved it, for the audit log. */
  actor: string;
  /** Stable id (e.g. `<reportKey>/report`); generated when absent. */
  id?: string;
}

export interface EvidenceVault {
  preserve(input: PreserveInput): Promise<{ id: string; retainUntil: number }>;
  /** Decrypts an item; every read is audited. */
  read(id: string, actor: string): Promise<Uint8Array>;
  /** Deletes expired items, logging a purge entry for each (log entries are never deleted). */
  purgeExpired(actor?: string): Promise<{ purged: string[] }>;
  verifyAuditLog(): Promise<{ entries: number; head: string }>;
}

/**
 * Evidence preserved encrypted at rest: AES-256-GCM with a fresh nonce per
 * item and the item's id and kind as additional data (a ciphertext moved to
 * another id does not decrypt), keys from the member's `KeyProvider`, a
 * retention period per jurisdiction, and a hash-chained audit log of every
 * preserve, read and purge.
 */
export function createEvidenceVault(options: EvidenceVaultOptions): EvidenceVault {
  const crypto = options.crypto ?? webCrypto();
  const retention = { ...DEFAULT_RETENTION_DAYS, ...options.retentionDays };
  for (const [place, days] of Object.entries(retention)) {
    if (!(days > 0))
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        `Retention for ${place} must be a positive number of days.`,
      );
  }
  const audit: AuditLog = createAuditLog(options.audit, crypto);
  const { store, keys, clock } = options;

  async function importKey(keyId: string): Promise<unknown> {
    let raw: Uint8Array;
    try {
      raw = await keys.getKey(keyId);
    } catch (cause) {
      throw new EvidenceError('E_KEY_UNAVAILABLE', `The key provider has no key ${keyId}.`, {
        cause,
      });
    }
    if (raw.byteLength !== 32)
      throw new EvidenceError('E_KEY_UNAVAILABLE', `Key ${keyId} is not 256 bits.`);
    return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  }

  const additionalData = (id: string, kind: EvidenceKind) =>
    utf8Encode(`hashguard-evidence:${kind}:${id}`);

  return {
    async preserve(input) {
      const now = clock.now();
      const id = input.id ?? crypto.randomUUID();
      const jurisdiction = input.jurisdiction ?? 'default';
      const days = retention[jurisdiction] ?? retention.default ?? 365;
      const keyId = await keys.currentKeyId();
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ciphertext = new Uint8Array(
        await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: additionalData(id, input.kind) },
          await importKey(keyId),
          input.bytes,
        ),
      );
      const retainUntil = now + days * DAY_MS;
      await store.put({
        id,
        kind: input.kind,
        jurisdiction,
        keyId,
        iv,
        ciphertext,
        createdAt: now,
        retainUntil,
      });
      await audit.record(
        {
          actor: input.actor,
          action: 'preserve',
          itemId: id,
          details: { kind: input.kind, jurisdiction, retainUntil, keyId },
        },
        now,
      );
      return { id, retainUntil };
    },

    async read(id, actor) {
      const item = await store.get(id);
      if (!item)
        throw new EvidenceError(
          'E_EVIDENCE_NOT_FOUND',
          `No preserved item ${id} (never stored, or purged).`,
        );
      try {
        const plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: item.iv, additionalData: additionalData(item.id, item.kind) },
          await importKey(item.keyId),
          item.ciphertext,
        );
        await audit.record({ actor, action: 'read', itemId: id }, clock.now());
        return new Uint8Array(plain);
      } catch (cause) {
        await audit.record({ actor, action: 'read-denied', itemId: id }, clock.now());
        if (isHashguardError(cause)) throw cause;
        throw new EvidenceError(
          'E_DECRYPT_FAILED',
          `Item ${id} does not decrypt: its ciphertext was altered or the key is wrong.`,
          { cause },
        );
      }
    },

    async purgeExpired(actor = 'purge-job') {
      const now = clock.now();
      const purged: string[] = [];
      for (const id of await store.listExpired(now)) {
        // Logged before deleting: evidence never disappears without an entry saying so
        // (if the delete then fails, the next purge deletes and logs it again).
        await audit.record({ actor, action: 'purge', itemId: id }, now);
        await store.delete(id);
        purged.push(id);
      }
      return { purged };
    },

    verifyAuditLog: () => audit.verify(),
  };
}
