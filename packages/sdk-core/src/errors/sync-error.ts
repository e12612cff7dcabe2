import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** Pulling a list from its source failed; the previous snapshot stays active. */
export type SyncErrorCode =
  | 'E_SYNC_FAILED'
  | 'E_SYNC_HTTP'
  | 'E_SYNC_TIMEOUT'
  | 'E_SYNC_INCOMPLETE';

export class SyncError extends HashguardError<SyncErrorCode> {
  constructor(code: SyncErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'SyncError';
  }
}
