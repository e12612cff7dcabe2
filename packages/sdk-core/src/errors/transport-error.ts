import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** An HTTP exchange with a remote service failed below the application level. */
export type TransportErrorCode =
  | 'E_NETWORK'
  /** The connection was never established (refused, DNS): the request was not sent. */
  | 'E_CONNECT_FAILED'
  /** 429 or 503: the service said it did not process the request; safe to send again later. */
  | 'E_HTTP_UNAVAILABLE'
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
