import type { KeywordCheckerOptions, UrlCheckerOptions } from '@hashguard/sdk-core';
import { normaliseSyncOptions, type SyncOptionsBase } from './sync-core';
import type { TextListSource } from './text-list-source';

export interface TextListSyncOptions extends SyncOptionsBase<TextListSource> {
  /** Passed to `createUrlChecker`. Default `'equivalent'`. */
  wwwHandling?: UrlCheckerOptions['wwwHandling'];
  /** Receives `url:checked` from the active URL checker. */
  urlEvents?: UrlCheckerOptions['events'];
  /** Receives `text:checked` from the active keyword checker. */
  textEvents?: KeywordCheckerOptions['events'];
}

/** Checked once at the boundary; deep code never re-checks options. */
export function normaliseTextListSyncOptions(options: TextListSyncOptions) {
  return normaliseSyncOptions(options, 'createTextListSync');
}
