import {
  type ActiveLists,
  type Clock,
  ConfigError,
  decodeSnapshot,
  type EventEmitter,
  encodeSnapshot,
  isHashguardError,
  type ListInfo,
  type ListSet,
  type ListStore,
  type PolicyMatcher,
  SyncError,
  type Transport,
} from '@hashguard/sdk-core';
import { createKyTransport } from './ky-transport';
import { createListMatcher } from './list-matcher';
import type { ListSource } from './list-source';
import type { ListSyncEventMap } from './list-sync-events';
import { nodeClock } from './node-clock';
import { snapshotName } from './snapshot-name';
import { createSyncState, type SyncState } from './sync-state';

export interface ListSyncOptions {
  /** The lists to keep current; one snapshot per list in `store`. */
  sources: readonly ListSource[];
  /** Where snapshots live (`createFileListStore({ dir })`); writes must be atomic. */
  store: ListStore;
  /** A list not confirmed current for longer than this is stale (`list:stale`, fail mode). */
  maxAgeMs: number;
  /** Pull every `intervalMs` once `start()` is called. Default: on demand only. */
  schedule?: { intervalMs: number };
  /** HTTP for pulls. Default: ky with retries and backoff on GET. */
  transport?: Transport;
  /** Receives `list:synced`, `list:sync-failed`, `list:stale`. */
  events?: Pick<EventEmitter<ListSyncEventMap>, 'emit'>;
  clock?: Clock;
}

export interface ListStatus {
  listId: string;
  kind: string;
  version?: string;
  entryCount: number;
  /** Last time the source confirmed this version current (ms since epoch). */
  confirmedAt?: number;
  stale: boolean;
}

export interface ListSync {
  readonly maxAgeMs: number;
  /** Activates the snapshots already in the store, without network. Idempotent. */
  load(): Promise<ListStatus[]>;
  /** Pulls every source (or those named) now; concurrent calls share one run. Never throws. */
  sync(listIds?: readonly string[]): Promise<ListStatus[]>;
  /** Pulls now and then every `schedule.intervalMs` until `stop()`. */
  start(): void;
  stop(): void;
  /** The lists served right now, for the check core; undefined until one is loaded. */
  active(): ActiveLists | undefined;
  status(): ListStatus[];
}

interface Loaded {
  set: ListSet;
  info: ListInfo;
}

/**
 * Keeps hash lists current. Each pull yields a complete, verified set or
 * fails; a new set is written to the store atomically and only then swapped
 * in, so checks see the previous complete lists or the new ones, never a mix.
 */
export function createListSync(options: ListSyncOptions): ListSync {
  const config = normalise(options);
  const { sources, store, events, clock, maxAgeMs } = config;
  const transport = config.transport ?? createKyTransport();
  const loaded = new Map<string, Loaded>();
  const state: SyncState = createSyncState(store);
  let active: ActiveLists | undefined;
  let loading: Promise<void> | undefined;
  let running: Promise<ListStatus[]> | undefined;
  let schedule: AbortController | undefined;
  let stopAll = new AbortController();

  let matcher: PolicyMatcher | undefined;
  /** Rebuilds the index only when a set changed; versions and ages are cheap to refresh. */
  function refreshActive(setsChanged: boolean): void {
    if (loaded.size === 0) return;
    if (setsChanged || !matcher) {
      // Cleared first: if indexing throws, `active` keeps the old pair and the next call retries.
      matcher = undefined;
      matcher = createListMatcher([...loaded.values()].map((list) => list.set));
    }
    active = {
      matcher,
      listVersions: [...loaded].map(([listId, list]) => ({
        listId,
        version: list.info.version,
        updatedAt: confirmedAtOf(listId, list) ?? 0,
      })),
    };
  }

  function status(): ListStatus[] {
    const now = clock.now();
    return sources.map((source) => {
      const list = loaded.get(source.listId);
      const confirmedAt = list ? confirmedAtOf(source.listId, list) : undefined;
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

  function confirmedAtOf(listId: string, list: Loaded): number | undefined {
    const confirmed = state.confirmedAt(listId);
    if (confirmed !== undefined) return confirmed;
    const synced = Date.parse(list.info.syncedAt ?? '');
    return Number.isNaN(synced) ? undefined : synced;
  }

  async function load(): Promise<void> {
    loading ??= (async () => {
      try {
        await state.load();
      } catch (error) {
        // An unreadable store: try again next time rather than caching the failure.
        loading = undefined;
        throw error;
      }
      for (const source of sources) {
        const started = clock.now();
        try {
          const bytes = await store.read(snapshotName(source.listId));
          if (!bytes) continue;
          const set = decodeSnapshot(bytes);
          loaded.set(source.listId, { set, info: infoOf(set, source.listId) });
        } catch (error) {
          // A snapshot that fails its checksum is never served; the next pull replaces it.
          emitFailure(source, error, started);
        }
      }
      try {
        refreshActive(true);
      } catch (error) {
        for (const source of sources) emitFailure(source, error, clock.now());
      }
    })();
    return loading;
  }

  function emitFailure(source: ListSource, error: unknown, started: number): void {
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

  async function pullOne(source: ListSource): Promise<boolean> {
    const started = clock.now();
    const previous = loaded.get(source.listId);
    try {
      const result = await source.pull({
        previous: previous?.set,
        previousInfo: previous?.info,
        get: (url, headers) =>
          transport.send({ method: 'GET', url, headers, signal: stopAll.signal }),
        now: started,
        signal: stopAll.signal,
      });
      let changed = false;
      let current = previous;
      if (result.changed) {
        const info = infoOf(result.set, source.listId);
        if (result.set.lists.length !== 1) {
          throw new SyncError(
            'E_SYNC_FAILED',
            `Source ${source.listId} returned ${result.set.lists.length} lists; want 1.`,
          );
        }
        // Durable first, then served: a crash here leaves the old snapshot on disk and in memory.
        await store.write(snapshotName(source.listId), encodeSnapshot(result.set));
        current = { set: result.set, info };
        loaded.set(source.listId, current);
        changed = true;
      }
      await state.confirm(source.listId, started);
      const now = clock.now();
      events?.emit('list:synced', {
        listId: source.listId,
        kind: source.kind,
        version: current?.info.version ?? '',
        previousVersion: previous?.info.version,
        changed,
        incremental: result.changed ? result.incremental : false,
        added: result.changed ? result.added : 0,
        removed: result.changed ? result.removed : 0,
        entryCount: current?.info.entryCount ?? 0,
        durationMs: now - started,
        at: now,
      });
      return true;
    } catch (error) {
      emitFailure(source, error, started);
      return false;
    }
  }

  function emitStale(): void {
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
  }

  async function runSync(listIds?: readonly string[]): Promise<ListStatus[]> {
    try {
      await load();
    } catch (error) {
      for (const source of sources) emitFailure(source, error, clock.now());
      return status();
    }
    const wanted = listIds ? sources.filter((source) => listIds.includes(source.listId)) : sources;
    let anyChanged = false;
    for (const source of wanted) {
      const before = loaded.get(source.listId);
      await pullOne(source);
      if (loaded.get(source.listId) !== before) anyChanged = true;
    }
    try {
      // Confirmation times moved even when no set changed: listVersions must say so.
      refreshActive(anyChanged);
    } catch (error) {
      // Indexing failed (e.g. out of memory): keep serving the previous index; the new
      // snapshots are on disk and load on the next start.
      for (const source of wanted) emitFailure(source, error, clock.now());
    }
    emitStale();
    return status();
  }

  const api: ListSync = {
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
      stopAll.abort(new SyncError('E_SYNC_FAILED', 'List sync stopped.'));
    },
    active: () => active,
    status,
  };
  return api;
}

function normalise(options: ListSyncOptions) {
  if (!options?.store) throw new ConfigError('E_MISSING_OPTION', 'createListSync needs `store`.');
  if (!options.sources?.length)
    throw new ConfigError('E_MISSING_OPTION', 'createListSync needs at least one source.');
  const ids = new Set<string>();
  for (const source of options.sources) {
    if (ids.has(source.listId))
      throw new ConfigError('E_INVALID_OPTIONS', `Two sources share listId "${source.listId}".`);
    ids.add(source.listId);
  }
  if (!(options.maxAgeMs > 0))
    throw new ConfigError('E_INVALID_OPTIONS', 'createListSync needs a positive `maxAgeMs`.');
  if (options.schedule && !(options.schedule.intervalMs > 0)) {
    throw new ConfigError('E_INVALID_OPTIONS', 'schedule.intervalMs must be positive.');
  }
  return { ...options, clock: options.clock ?? nodeClock };
}

function infoOf(set: ListSet, listId: string): ListInfo {
  const info = set.lists.find((list) => list.listId === listId);
  if (!info)
    throw new SyncError('E_SYNC_FAILED', `Snapshot for ${listId} does not contain that list.`);
  return info;
}

function describe(error: unknown): { code: string; message: string } {
  if (isHashguardError(error)) return { code: error.code, message: error.message };
  return { code: 'E_SYNC_FAILED', message: error instanceof Error ? error.message : String(error) };
}
