import {
  createKeywordChecker,
  createUrlChecker,
  decodeTextListsSnapshot,
  encodeTextListsSnapshot,
  isHashguardError,
  type KeywordChecker,
  SyncError,
  type TextList,
  type UrlChecker,
} from '@hashguard/sdk-core';
import { createKyTransport } from './ky-transport';
import type { ListStatus } from './list-sync';
import { createSyncState } from './sync-state';
import { textListSnapshotName } from './text-list-snapshot-name';
import type { TextListSource } from './text-list-source';
import { normaliseTextListSyncOptions, type TextListSyncOptions } from './text-list-sync-options';

export type { TextListSyncOptions };

export interface ActiveTextLists {
  /** Over every loaded URL list; undefined while none is loaded. */
  urls: UrlChecker | undefined;
  /** Over every loaded keyword list; undefined while none is loaded. */
  keywords: KeywordChecker | undefined;
  listVersions: { listId: string; kind: TextList['kind']; version: string; updatedAt: number }[];
}

export interface TextListSync {
  readonly maxAgeMs: number;
  /** Activates the snapshots already in the store, without network. Idempotent. */
  load(): Promise<ListStatus[]>;
  /** Pulls every source (or those named) now; concurrent calls share one run. Never throws. */
  sync(listIds?: readonly string[]): Promise<ListStatus[]>;
  /** Pulls now and then every `schedule.intervalMs` until `stop()`. */
  start(): void;
  stop(): void;
  /** The checkers served right now, undefined until a list is loaded; fetch it again for each check. */
  active(): ActiveTextLists | undefined;
  status(): ListStatus[];
}

const STATE_NAME = 'text-sync-state.json';

/**
 * Keeps URL and keyword lists current, like `createListSync` does hash
 * lists. Each pull yields a complete, verified list or fails; the checker of
 * its kind is rebuilt over the new version before anything is committed
 * (so a list no checker accepts is never stored), the snapshot is written
 * atomically, and only then are list and checker swapped in together.
 */
export function createTextListSync(options: TextListSyncOptions): TextListSync {
  const config = normaliseTextListSyncOptions(options);
  const { sources, store, events, clock, maxAgeMs } = config;
  const transport = config.transport ?? createKyTransport();
  const loaded = new Map<string, TextList>();
  const state = createSyncState(store, STATE_NAME);
  const checkers: { url?: UrlChecker; keyword?: KeywordChecker } = {};
  let active: ActiveTextLists | undefined;
  let loading: Promise<void> | undefined;
  let running: Promise<ListStatus[]> | undefined;
  let schedule: AbortController | undefined;
  let stopAll = new AbortController();

  /**
   * Builds the checker of `kind` over the loaded lists, with `replace`
   * standing in for its list, and returns how to make it the active one:
   * building (which may throw) happens before anything is committed.
   */
  function prepareChecker(kind: TextList['kind'], replace?: TextList): () => void {
    const lists = sources.flatMap((source) => {
      const list = replace?.info.listId === source.listId ? replace : loaded.get(source.listId);
      return list ? [list] : [];
    });
    if (kind === 'url') {
      const checker = createUrlChecker({
        lists: lists.flatMap((list) => (list.kind === 'url' ? [list.list] : [])),
        wwwHandling: config.wwwHandling,
        events: config.urlEvents,
      });
      return () => {
        checkers.url = checker;
      };
    }
    const checker = createKeywordChecker({
      lists: lists.flatMap((list) => (list.kind === 'keyword' ? [list.list] : [])),
      events: config.textEvents,
    });
    return () => {
      checkers.keyword = checker;
    };
  }

  function publish(): void {
    if (loaded.size === 0) return; // as for hash lists: undefined until a list is served
    active = {
      urls: checkers.url,
      keywords: checkers.keyword,
      listVersions: [...loaded.values()].map((list) => ({
        listId: list.info.listId,
        kind: list.kind,
        version: list.info.version,
        updatedAt: confirmedAtOf(list) ?? 0,
      })),
    };
  }

  function confirmedAtOf(list: TextList): number | undefined {
    const confirmed = state.confirmedAt(list.info.listId);
    if (confirmed !== undefined) return confirmed;
    const synced = Date.parse(list.info.syncedAt ?? '');
    return Number.isNaN(synced) ? undefined : synced;
  }

  function status(): ListStatus[] {
    const now = clock.now();
    return sources.map((source) => {
      const list = loaded.get(source.listId);
      const confirmedAt = list ? confirmedAtOf(list) : undefined;
      return {
        listId: source.listId,
        kind: source.kind,
        version: list?.info.version,
        entryCount: list?.info.entryCount ?? 0,
        confirmedAt,
        stale: confirmedAt === undefined || now - confirmedAt > maxAgeMs,
      };
    });
  }

  function emitFailure(source: TextListSource, error: unknown, started: number): void {
    const now = clock.now();
    events?.emit('list:sync-failed', {
      listId: source.listId,
      kind: source.kind,
      error: describe(error),
      activeVersion: loaded.get(source.listId)?.info.version,
      durationMs: now - started,
      at: now,
    });
  }

  async function load(): Promise<void> {
    loading ??= (async () => {
      try {
        await state.load();
      } catch (error) {
        loading = undefined; // an unreadable store: try again next time
        throw error;
      }
      for (const source of sources) {
        const started = clock.now();
        try {
          const bytes = await store.read(textListSnapshotName(source.listId));
          if (!bytes) continue;
          loaded.set(source.listId, listOf(decodeTextListsSnapshot(bytes).lists, source));
        } catch (error) {
          // A snapshot that fails its checksum is never served; the next pull replaces it.
          emitFailure(source, error, started);
        }
      }
      for (const kind of ['url', 'keyword'] as const) {
        if (!sources.some((s) => s.listKind === kind && loaded.has(s.listId))) continue;
        try {
          prepareChecker(kind)();
        } catch (error) {
          for (const source of sources) {
            if (source.listKind === kind && loaded.delete(source.listId))
              emitFailure(source, error, clock.now());
          }
        }
      }
      publish();
    })();
    return loading;
  }

  async function pullOne(source: TextListSource): Promise<void> {
    const started = clock.now();
    const previous = loaded.get(source.listId);
    try {
      const result = await source.pull({
        previous,
        get: (url, headers) =>
          transport.send({ method: 'GET', url, headers, signal: stopAll.signal }),
        now: started,
        signal: stopAll.signal,
      });
      let current = previous;
      if (result.changed) {
        const next = listOf([result.list], source);
        const activate = prepareChecker(source.listKind, next);
        // Durable first, then served: a crash here leaves the old snapshot on disk and in memory.
        await store.write(
          textListSnapshotName(source.listId),
          encodeTextListsSnapshot({ lists: [next] }),
        );
        loaded.set(source.listId, next);
        activate();
        current = next;
      }
      await state.confirm(source.listId, started);
      publish();
      const now = clock.now();
      events?.emit('list:synced', {
        listId: source.listId,
        kind: source.kind,
        version: current?.info.version ?? '',
        previousVersion: previous?.info.version,
        changed: result.changed,
        incremental: false,
        added: result.changed ? result.added : 0,
        removed: result.changed ? result.removed : 0,
        entryCount: current?.info.entryCount ?? 0,
        durationMs: now - started,
        at: now,
      });
    } catch (error) {
      emitFailure(source, error, started);
    }
  }

  async function runSync(listIds?: readonly string[]): Promise<ListStatus[]> {
    try {
      await load();
    } catch (error) {
      for (const source of sources) emitFailure(source, error, clock.now());
      return status();
    }
    const wanted = listIds ? sources.filter((source) => listIds.includes(source.listId)) : sources;
    for (const source of wanted) await pullOne(source);
    const now = clock.now();
    for (const list of status()) {
      if (!list.stale) continue;
      events?.emit('list:stale', {
        listId: list.listId,
        version: list.version,
        ageMs: list.confirmedAt === undefined ? Number.POSITIVE_INFINITY : now - list.confirmedAt,
        maxAgeMs,
        at: now,
      });
    }
    return status();
  }

  const api: TextListSync = {
    maxAgeMs,
    async load() {
      await load();
      return status();
    },
    sync(listIds) {
      running ??= runSync(listIds).finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (schedule) return;
      if (stopAll.signal.aborted) stopAll = new AbortController();
      const controller = new AbortController();
      schedule = controller;
      const interval = config.schedule?.intervalMs;
      void (async () => {
        while (!controller.signal.aborted) {
          await api.sync();
          if (interval === undefined) break;
          await clock.sleep(interval, controller.signal).catch(() => {});
        }
      })();
    },
    stop() {
      schedule?.abort();
      schedule = undefined;
      stopAll.abort(new SyncError('E_SYNC_FAILED', 'Text-list sync stopped.'));
    },
    active: () => active,
    status,
  };
  return api;
}

/** The one list a source's snapshot or pull must hold: its id, of its kind. */
function listOf(lists: readonly TextList[], source: TextListSource): TextList {
  const list = lists.length === 1 ? lists[0] : undefined;
  if (!list || list.info.listId !== source.listId || list.kind !== source.listKind) {
    throw new SyncError(
      'E_SYNC_FAILED',
      `Expected exactly the ${source.listKind} list "${source.listId}".`,
    );
  }
  return list;
}

function describe(error: unknown): { code: string; message: string } {
  if (isHashguardError(error)) return { code: error.code, message: error.message };
  return { code: 'E_SYNC_FAILED', message: error instanceof Error ? error.message : String(error) };
}
