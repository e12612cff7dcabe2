import {
  ConfigError,
  createListSetBuilder,
  type HashEntry,
  parseNcmecEntriesPage,
  SyncError,
} from '@hashguard/sdk-core';
import type { ListPullContext, ListPullResult, ListSource } from './list-source';

export interface NcmecSourceOptions {
  /** Our name for the list, e.g. `ncmec-industry`. */
  listId: string;
  /** Base of the hash-sharing API v2, e.g. `https://hashsharing.ncmec.org/npo/`; `v2/entries` is resolved against it. */
  baseUrl: string;
  /** Authentication (NCMEC uses HTTP Basic) and any other headers. */
  headers?: Record<string, string>;
  /** Refuse a pull that pages more than this (a looping or hostile server). Default 100 000. */
  maxPages?: number;
}

/**
 * NCMEC hash-sharing API v2. The first pull asks for everything up to now;
 * later pulls ask `from` the previous pull's `to` (kept as the list's cursor)
 * and apply additions and `deleted*` withdrawals to the previous snapshot.
 * NCMEC does not return entries in time order, so a pull is complete only
 * when `paging/next` runs out; until then nothing is applied.
 */
export function createNcmecSource(options: NcmecSourceOptions): ListSource {
  if (!options.listId || !options.baseUrl) {
    throw new ConfigError('E_MISSING_OPTION', 'createNcmecSource needs `listId` and `baseUrl`.');
  }
  const listId = options.listId;
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const maxPages = options.maxPages ?? 100_000;
  const headers = options.headers ?? {};

  return {
    listId,
    kind: 'ncmec',
    async pull(context: ListPullContext): Promise<ListPullResult> {
      const from = context.previous ? context.previousInfo?.cursor : undefined;
      const to = new Date(context.now).toISOString();
      let url: URL | undefined = new URL('v2/entries', base);
      if (from) url.searchParams.set('from', from);
      url.searchParams.set('to', to);

      // Latest event per NCMEC id within the window: an id added then withdrawn stays withdrawn.
      const latest = new Map<string, { time: number; entries: HashEntry[] | undefined }>();
      const seen = new Set<string>();
      let pages = 0;
      while (url) {
        if (++pages > maxPages || seen.has(url.href)) {
          throw new SyncError(
            'E_SYNC_INCOMPLETE',
            `NCMEC paging for ${listId} did not end after ${pages - 1} pages.`,
          );
        }
        seen.add(url.href);
        const response = await context.get(url.href, headers);
        if (response.status !== 200) {
          throw new SyncError(
            'E_SYNC_HTTP',
            `NCMEC answered ${response.status} for ${url.pathname}${url.search}.`,
          );
        }
        const page = await parseNcmecEntriesPage([response.body], { listId });
        for (const entry of page.entries) {
          const time = timeOf(entry.addedAt);
          const current = latest.get(entry.entryId);
          if (!current || time > current.time)
            latest.set(entry.entryId, { time, entries: [entry] });
          else if (time === current.time && current.entries) current.entries.push(entry);
        }
        for (const deletion of page.deletions) {
          const time = timeOf(deletion.timestamp);
          const current = latest.get(deletion.entryId);
          if (!current || time >= current.time)
            latest.set(deletion.entryId, { time, entries: undefined });
        }
        url = page.next ? nextPage(base, page.next) : undefined;
      }

      if (context.previous && latest.size === 0) return { changed: false };
      const builder = createListSetBuilder();
      if (context.previous) builder.addSet(context.previous);
      builder.addList({
        listId,
        version: to,
        source: `ncmec:${base.origin}${base.pathname}`,
        syncedAt: to,
        cursor: to,
      });
      let added = 0;
      let removed = 0;
      for (const [entryId, event] of latest) {
        builder.remove(listId, entryId);
        if (event.entries) {
          for (const entry of event.entries) builder.add(entry);
          added += event.entries.length;
        } else if (context.previous) {
          // A withdrawal counts only when there was a snapshot to withdraw from.
          removed++;
        }
      }
      return {
        changed: true,
        set: builder.build(),
        incremental: context.previous !== undefined,
        added,
        removed,
      };
    },
  };
}

/**
 * `paging/next` is a path relative to the API base (`/v2/entries?…`), appended
 * to it as python-threatexchange does, not resolved against the host root.
 * An absolute `next` is followed only on the base's own origin: the pull sends
 * the source's headers (NCMEC Basic auth) with every page.
 */
function nextPage(base: URL, next: string): URL {
  const url = /^https?:\/\//i.test(next)
    ? new URL(next)
    : new URL(`${base.href.replace(/\/$/, '')}/${next.replace(/^\//, '')}`);
  if (url.origin !== base.origin) {
    throw new SyncError(
      'E_SYNC_FAILED',
      `NCMEC paging/next leads to ${url.origin}, not the API's origin ${base.origin}; refused.`,
    );
  }
  return url;
}

function timeOf(iso: string | undefined): number {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? 0 : time;
}
