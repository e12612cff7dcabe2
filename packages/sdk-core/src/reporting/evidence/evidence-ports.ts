/**
 * Ports of evidence preservation. 18 U.S.C. § 2258A(h) (as amended by the
 * REPORT Act of 2024) treats a CyberTipline report as a request to preserve
 * its contents for one year, "in a secure location" with access limited to
 * what the law needs; other jurisdictions set other periods. Members keep
 * keys in their KMS and storage where they like, behind these interfaces.
 */

/** Supplies AES-256 keys, e.g. data keys unwrapped by the member's KMS. */
export interface KeyProvider {
  /** Key id to encrypt new items with. */
  currentKeyId(): Promise<string>;
  /** The 32 raw key bytes for `keyId`; throw if it is unknown or revoked. */
  getKey(keyId: string): Promise<Uint8Array>;
}

export type EvidenceKind = 'file' | 'report';

/** One preserved item, encrypted; the store never sees plaintext. */
export interface StoredEvidence {
  id: string;
  kind: EvidenceKind;
  /** ISO 3166-1 alpha-2 country whose retention rule applies. */
  jurisdiction: string;
  keyId: string;
  /** 12-byte AES-GCM nonce, unique per item. */
  iv: Uint8Array;
  /** AES-GCM ciphertext with its 16-byte tag appended (WebCrypto layout). */
  ciphertext: Uint8Array;
  createdAt: number;
  /** Purged once this instant (ms) has passed. */
  retainUntil: number;
}

export interface EvidenceStore {
  put(item: StoredEvidence): Promise<void>;
  get(id: string): Promise<StoredEvidence | undefined>;
  delete(id: string): Promise<void>;
  /** Ids of items whose `retainUntil` is at or before `now`. */
  listExpired(now: number): Promise<string[]>;
}

/** One audit entry; `hash` covers every other field, `prevHash` included. */
export interface AuditEntry {
  seq: number;
  at: number;
  /** Who or what acted: a person's id, `forwarder`, `purge-job`. */
  actor: string;
  action: 'preserve' | 'read' | 'purge' | 'read-denied';
  itemId: string;
  details?: Record<string, string | number | boolean>;
  prevHash: string;
  hash: string;
}

/**
 * Append-only storage of the audit log. `append` must, atomically, refuse an
 * entry that does not follow the current last one (its `seq` exists, or its
 * `prevHash` is not the last entry's hash) with `EvidenceError`
 * `E_AUDIT_CONFLICT`: another writer appended first, and the log retries.
 */
export interface AuditLogStore {
  append(entry: AuditEntry): Promise<void>;
  last(): Promise<AuditEntry | undefined>;
  list(): Promise<AuditEntry[]>;
}
