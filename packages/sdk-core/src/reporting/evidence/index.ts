export { type AuditLog, createAuditLog, GENESIS_HASH } from './audit-log';
export type {
  AuditEntry,
  AuditLogStore,
  EvidenceKind,
  EvidenceStore,
  KeyProvider,
  StoredEvidence,
} from './evidence-ports';
export {
  createEvidenceVault,
  DEFAULT_RETENTION_DAYS,
  type EvidenceVault,
  type EvidenceVaultOptions,
  type PreserveInput,
} from './evidence-vault';
export { createMemoryEvidenceStore, createStaticKeyProvider } from './memory-evidence-store';
