import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** A request to a member-side endpoint (the match endpoint) was refused. */
export type RequestErrorCode =
  | 'E_UNAUTHENTICATED'
  | 'E_BAD_REQUEST'
  | 'E_PAYLOAD_TOO_LARGE'
  | 'E_RATE_LIMITED';

export class RequestError extends HashguardError<RequestErrorCode> {
  constructor(code: RequestErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'RequestError';
  }
}
