import {
  type Clock,
  ConfigError,
  type EventEmitter,
  isHashguardError,
  type ListInfo,
  type ListStore,
  SyncError,
  type Transport,
} from '@hashguard/sdk-core';
import type { ListSyncEventMap } from './list-sync-events';
import { nodeClock } from './node-clock';
import type { SyncState } from './sync-state';

/** What a hash-list and a text-list sync have in common about a source. */
export interface SyncSourceBase {
  readonly listId: string;
  readonly kind: string;
}

/** Options of both `createListSync` and `createTextListSync`. */
export interface SyncOptionsBase<Source extends SyncSourceBase> {
  /** The lists to keep current; one snapshot per list in `store`. */
  sources: readonly Source[];
  /**
   * Where snapshots live (`createFileListStore({ dir })`); writes must be
   * atomic. Hash and text lists may share one store.
   */
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

/** Checked once at the boundary (`factory` names the caller in messages); deep code never re-checks. */
export function normaliseSyncOptions<Options extends SyncOptionsBase<SyncSourceBase>>(
  options: Options,
  factory: string,
): Options & { clock: Clock } {
  if (!options?.store) throw new ConfigError('E_MISSING_OPTION', `${factory} needs \`store\`.`);
  if (!options.sources?.length)
    throw new ConfigError('E_MISSING_OPTION', `${factory} needs at least one source.`);
  const ids = new Set<string>();
  for (const source of options.sources) {
    if (ids.has(source.listId))
      throw new ConfigError('E_INVALID_OPTIONS', `Two sources share listId "${source.listId}".`);
    ids.add(source.listId);
  }
  if (!(options.maxAgeMs > 0))
    throw new ConfigError('E_INVALID_OPTIONS', `${factory} needs a positive \`maxAgeMs\`.`);
  if (options.schedule && !(options.schedule.intervalMs > 0))
    throw new ConfigError('E_INVALID_OPTIONS', 'schedule.intervalMs must be positive.');
  return { ...options, clock: options.clock ?? nodeClock };
}

export interface SyncCoreConfig<Source extends SyncSourceBase> {
  sources: readonly Source[];
  clock: Clock;
  maxAgeMs: number;
  schedule?: { intervalMs: number };
  events?: Pick<EventEmitter<ListSyncEventMap>, 'emit'>;
  state: SyncState;
  /** The info of the version served for a list, if one is loaded. */
  served(listId: string): Pick<ListInfo, 'version' | 'entryCount' | 'syncedAt'> | undefined;
  /** Activates the snapshots in the store (after the sync state is loaded); runs once. */
  loadSnapshots(): Promise<void>;
  /** Pulls one source; reports its own outcome (`list:synced` or `emitFailure`), never throws. */
  pull(source: Source): Promise<void>;
  /** After the pulls of a run, before staleness is reported. */
  afterPulls?(wanted: readonly Source[]): void;
  /** The reason given to pulls cut short by `stop()`. */
  stoppedMessage: string;
}

/** The methods the hash-list and text-list syncs share. */
export interface SyncControls {
  readonly maxAgeMs: number;
  /** Activates the snapshots already in the store, without network. Idempotent. */
  load(): Promise<ListStatus[]>;
  /** Pulls every source (or those named) now; concurrent calls share one run. Never throws. */
  sync(listIds?: readonly string[]): Promise<ListStatus[]>;
  /** Pulls now and then every `schedule.intervalMs` until `stop()`. */
  start(): void;
  stop(): void;
  status(): ListStatus[];
}

/** What one successful pull did, for `list:synced`. */
export interface SyncOutcome {
  previous: Pick<ListInfo, 'version'> | undefined;
  served: Pick<ListInfo, 'version' | 'entryCount'> | undefined;
  changed: boolean;
  incremental: boolean;
  added: number;
  removed: number;
}

export interface SyncCore<Source extends SyncSourceBase> {
  readonly api: SyncControls;
  /** When a list was last confirmed current: the sync state, else its snapshot's `syncedAt`. */
  confirmedAt(listId: string): number | undefined;
  emitFailure(source: Source, error: unknown, started: number): void;
  /** `list:synced` for a pull that started at `started`; `served` is what is served now. */
  emitSynced(source: Source, started: number, outcome: SyncOutcome): void;
  /** Aborted by `stop()`; pass it to every request. */
  signal(): AbortSignal;
}

/**
 * The list-agnostic half of a sync: loading once, status and staleness,
 * failure events, one run at a time, the schedule and stop. The hash-list and
 * text-list syncs supply what differs: how snapshots load, how one source is
 * pulled and swapped in, and what is served.
 */
export function createSyncCore<Source extends SyncSourceBase>(
  config: SyncCoreConfig<Source>,
): SyncCore<Source> {
  const { sources, clock, maxAgeMs, events, state } = config;
  let loading: Promise<void> | undefined;
  let running: Promise<ListStatus[]> | undefined;
  let schedule: AbortController | undefined;
  let stopAll = new AbortController();

  function confirmedAt(listId: string): number | undefined {
    const confirmed = state.confirmedAt(listId);
    if (confirmed !== undefined) return confirmed;
    const synced = Date.parse(config.served(listId)?.syncedAt ?? '');
    return Number.isNaN(synced) ? undefined : synced;
  }

  function status(): ListStatus[] {
    const now = clock.now();
    return sources.map((source) => {
      const served = config.served(source.listId);
      const confirmed = served ? confirmedAt(source.listId) : undefined;
      return {
        listId: source.listId,
        kind: source.kind,
        version: served?.version,
        entryCount: served?.entryCount ?? 0,
        confirmedAt: confirmed,
        stale: confirmed === undefined || now - confirmed > maxAgeMs,
      };
    });
  }

  function emitFailure(source: Source, error: unknown, started: number): void {
    const now = clock.now();
    events?.emit('list:sync-failed', {
      listId: source.listId,
      kind: source.kind,
      error: describe(error),
      activeVersion: config.served(source.listId)?.version,
      durationMs: now - started,
      at: now,
    });
  }

  function emitSynced(source: Source, started: number, outcome: SyncOutcome): void {
    const now = clock.now();
    events?.emit('list:synced', {
      listId: source.listId,
      kind: source.kind,
      version: outcome.served?.version ?? '',
      previousVersion: outcome.previous?.version,
      changed: outcome.changed,
      incremental: outcome.incremental,
      added: outcome.added,
      removed: outcome.removed,
      entryCount: outcome.served?.entryCount ?? 0,
      durationMs: now - started,
      at: now,
    });
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

  async function load(): Promise<void> {
    loading ??= (async () => {
      try {
        await state.load();
      } catch (error) {
        // An unreadable store: try again next time rather than caching the failure.
        loading = undefined;
        throw error;
      }
      await config.loadSnapshots();
    })();
    return loading;
  }

  async function runSync(listIds?: readonly string[]): Promise<ListStatus[]> {
    try {
      await load();
    } catch (error) {
      for (const source of sources) emitFailure(source, error, clock.now());
      return status();
    }
    const wanted = listIds ? sources.filter((source) => listIds.includes(source.listId)) : sources;
    for (const source of wanted) await config.pull(source);
    config.afterPulls?.(wanted);
    emitStale();
    return status();
  }

  const api: SyncControls = {
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
      stopAll.abort(new SyncError('E_SYNC_FAILED', config.stoppedMessage));
    },
    status,
  };
  return { api, confirmedAt, emitFailure, emitSynced, signal: () => stopAll.signal };
}

function describe(error: unknown): { code: string; message: string } {
  if (isHashguardError(error)) return { code: error.code, message: error.message };
  return { code: 'E_SYNC_FAILED', message: error instanceof Error ? error.message : String(error) };
}
