import { HashguardError, type HashguardErrorOptions } from './hashguard-error';

/** A hash, URL or keyword list, or a snapshot of lists, is malformed, unverifiable or too old. */
export type ListErrorCode =
  | 'E_LIST_MALFORMED'
  | 'E_LIST_UNSUPPORTED'
  | 'E_LIST_CHECKSUM'
  | 'E_SNAPSHOT_CORRUPT'
  | 'E_SNAPSHOT_VERSION'
  | 'E_LIST_STALE';

export class ListError extends HashguardError<ListErrorCode> {
  constructor(code: ListErrorCode, message: string, options?: HashguardErrorOptions) {
    super(code, message, options);
    this.name = 'ListError';
  }
}
