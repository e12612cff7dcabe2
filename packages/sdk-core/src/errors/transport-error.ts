import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** An HTTP exchange with a remote service failed below the application level. */
export type TransportErrorCode =
  | 'E_NETWORK'
  | 'E_TIMEOUT'
  | 'E_HTTP_STATUS'
  | 'E_ABORTED'
  | 'E_RESPONSE_MALFORMED';

export class TransportError extends HashguardError<TransportErrorCode> {
  constructor(code: TransportErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'TransportError';
  }
}
