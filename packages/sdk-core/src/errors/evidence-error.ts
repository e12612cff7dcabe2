import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** Preserved evidence could not be decrypted, or its audit chain does not verify. */
export type EvidenceErrorCode =
  | 'E_DECRYPT_FAILED'
  | 'E_KEY_UNAVAILABLE'
  | 'E_AUDIT_CHAIN_BROKEN'
  | 'E_EVIDENCE_NOT_FOUND';

export class EvidenceError extends HashguardError<EvidenceErrorCode> {
  constructor(code: EvidenceErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'EvidenceError';
  }
}
