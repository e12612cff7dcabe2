import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** A hotline API answered with an application error (CyberTipline sends these as HTTP 200 with a non-zero responseCode). */
export type HotlineErrorCode =
  | 'E_HOTLINE_SERVER'
  | 'E_HOTLINE_UNAUTHORIZED'
  | 'E_HOTLINE_BAD_XML'
  | 'E_HOTLINE_INVALID_FIELD'
  | 'E_HOTLINE_ALREADY_FINISHED'
  | 'E_HOTLINE_ALREADY_RETRACTED'
  | 'E_HOTLINE_UNKNOWN_REPORT'
  | 'E_HOTLINE_REJECTED';

export class HotlineError extends HashguardError<HotlineErrorCode> {
  constructor(code: HotlineErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'HotlineError';
  }
}
