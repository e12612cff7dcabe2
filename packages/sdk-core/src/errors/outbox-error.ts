import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** The durable outbox could not read or write its journal. */
export type OutboxErrorCode = 'E_OUTBOX_STORAGE' | 'E_OUTBOX_LEASE_LOST';

export class OutboxError extends HashguardError<OutboxErrorCode> {
  constructor(code: OutboxErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'OutboxError';
  }
}
