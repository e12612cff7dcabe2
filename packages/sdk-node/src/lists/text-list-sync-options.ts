import type {
  Clock,
  EventEmitter,
  KeywordCheckerOptions,
  ListStore,
  Transport,
  UrlCheckerOptions,
} from '@hashguard/sdk-core';
import { ConfigError } from '@hashguard/sdk-core';
import type { ListSyncEventMap } from './list-sync-events';
import { nodeClock } from './node-clock';
import type { TextListSource } from './text-list-source';

export interface TextListSyncOptions {
  /** The URL and keyword lists to keep current; one snapshot per list in `store`. */
  sources: readonly TextListSource[];
  /** Where snapshots live (`createFileListStore({ dir })`, may be the hash lists' store). */
  store: ListStore;
  /** A list not confirmed current for longer than this is stale (`list:stale`). */
  maxAgeMs: number;
  /** Pull every `intervalMs` once `start()` is called. Default: on demand only. */
  schedule?: { intervalMs: number };
  /** HTTP for pulls. Default: ky with retries and backoff on GET. */
  transport?: Transport;
  /** Receives `list:synced`, `list:sync-failed`, `list:stale`, as the hash-list sync does. */
  events?: Pick<EventEmitter<ListSyncEventMap>, 'emit'>;
  clock?: Clock;
  /** Passed to `createUrlChecker`. Default `'equivalent'`. */
  wwwHandling?: UrlCheckerOptions['wwwHandling'];
  /** Receives `url:checked` from the active URL checker. */
  urlEvents?: UrlCheckerOptions['events'];
  /** Receives `text:checked` from the active keyword checker. */
  textEvents?: KeywordCheckerOptions['events'];
}

/** Checked once at the boundary; deep code never re-checks options. */
export function normaliseTextListSyncOptions(options: TextListSyncOptions) {
  if (!options?.store)
    throw new ConfigError('E_MISSING_OPTION', 'createTextListSync needs `store`.');
  if (!options.sources?.length)
    throw new ConfigError('E_MISSING_OPTION', 'createTextListSync needs at least one source.');
  const ids = new Set<string>();
  for (const source of options.sources) {
    if (ids.has(source.listId))
      throw new ConfigError('E_INVALID_OPTIONS', `Two sources share listId "${source.listId}".`);
    ids.add(source.listId);
  }
  if (!(options.maxAgeMs > 0))
    throw new ConfigError('E_INVALID_OPTIONS', 'createTextListSync needs a positive `maxAgeMs`.');
  if (options.schedule && !(options.schedule.intervalMs > 0))
    throw new ConfigError('E_INVALID_OPTIONS', 'schedule.intervalMs must be positive.');
  return { ...options, clock: options.clock ?? nodeClock };
}
