import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/**
 * Preserved evidence could not be decrypted, its audit chain does not verify,
 * another writer kept appending to the audit log (`E_AUDIT_CONFLICT`), or the
 * evidence store failed (`E_EVIDENCE_STORE`, the store's error as `cause`).
 */
export type EvidenceErrorCode =
  | 'E_DECRYPT_FAILED'
  | 'E_KEY_UNAVAILABLE'
  | 'E_AUDIT_CHAIN_BROKEN'
  | 'E_AUDIT_CONFLICT'
  | 'E_EVIDENCE_NOT_FOUND'
  | 'E_EVIDENCE_STORE';

export class EvidenceError extends HashguardError<EvidenceErrorCode> {
  constructor(code: EvidenceErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'EvidenceError';
  }
}
