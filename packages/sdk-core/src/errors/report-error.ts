import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** A report is invalid, or its forwarding cannot continue without a person. */
export type ReportErrorCode =
  | 'E_REPORT_INVALID'
  | 'E_REPORT_NEEDS_ATTENTION'
  | 'E_REPORT_DEAD_LETTERED'
  | 'E_REPORT_NOT_FOUND'
  | 'E_REPORT_STATE';

export class ReportError extends HashguardError<ReportErrorCode> {
  constructor(code: ReportErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'ReportError';
  }
}
