import {
  type ActiveLists,
  decodeSnapshot,
  encodeSnapshot,
  type ListInfo,
  type ListSet,
  type PolicyMatcher,
  SyncError,
} from '@hashguard/sdk-core';
import { createKyTransport } from './ky-transport';
import { createListMatcher } from './list-matcher';
import type { ListSource } from './list-source';
import { snapshotName } from './snapshot-name';
import {
  createSyncCore,
  type ListStatus,
  normaliseSyncOptions,
  type SyncControls,
  type SyncOptionsBase,
} from './sync-core';
import { createSyncState, type SyncState } from './sync-state';

export type { ListStatus };

export type ListSyncOptions = SyncOptionsBase<ListSource>;

export interface ListSync extends SyncControls {
  /** The lists served right now, for the check core; undefined until one is loaded. */
  active(): ActiveLists | undefined;
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
  const config = normaliseSyncOptions(options, 'createListSync');
  const { sources, store, clock } = config;
  const transport = config.transport ?? createKyTransport();
  const loaded = new Map<string, Loaded>();
  const state: SyncState = createSyncState(store);
  let active: ActiveLists | undefined;
  /** Whether a pull of the current run swapped in a new set. */
  let setsChangedInRun = false;

  const core = createSyncCore<ListSource>({
    ...config,
    state,
    served: (listId) => loaded.get(listId)?.info,
    loadSnapshots,
    pull: pullOne,
    afterPulls(wanted) {
      const setsChanged = setsChangedInRun;
      setsChangedInRun = false;
      try {
        // Confirmation times moved even when no set changed: listVersions must say so.
        refreshActive(setsChanged);
      } catch (error) {
        // Indexing failed (e.g. out of memory): keep serving the previous index; the new
        // snapshots are on disk and load on the next start.
        for (const source of wanted) core.emitFailure(source, error, clock.now());
      }
    },
    stoppedMessage: 'List sync stopped.',
  });

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
        updatedAt: core.confirmedAt(listId) ?? 0,
      })),
    };
  }

  async function loadSnapshots(): Promise<void> {
    for (const source of sources) {
      const started = clock.now();
      try {
        const bytes = await store.read(snapshotName(source.listId));
        if (!bytes) continue;
        const set = decodeSnapshot(bytes);
        loaded.set(source.listId, { set, info: infoOf(set, source.listId) });
      } catch (error) {
        // A snapshot that fails its checksum is never served; the next pull replaces it.
        core.emitFailure(source, error, started);
      }
    }
    try {
      refreshActive(true);
    } catch (error) {
      for (const source of sources) core.emitFailure(source, error, clock.now());
    }
  }

  async function pullOne(source: ListSource): Promise<void> {
    const started = clock.now();
    const previous = loaded.get(source.listId);
    try {
      const result = await source.pull({
        previous: previous?.set,
        previousInfo: previous?.info,
        get: (url, headers) =>
          transport.send({ method: 'GET', url, headers, signal: core.signal() }),
        now: started,
        signal: core.signal(),
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
        setsChangedInRun = true;
        changed = true;
      }
      await state.confirm(source.listId, started);
      core.emitSynced(source, started, {
        previous: previous?.info,
        served: current?.info,
        changed,
        incremental: result.changed ? result.incremental : false,
        added: result.changed ? result.added : 0,
        removed: result.changed ? result.removed : 0,
      });
    } catch (error) {
      core.emitFailure(source, error, started);
    }
  }

  return { ...core.api, active: () => active };
}

function infoOf(set: ListSet, listId: string): ListInfo {
  const info = set.lists.find((list) => list.listId === listId);
  if (!info)
    throw new SyncError('E_SYNC_FAILED', `Snapshot for ${listId} does not contain that list.`);
  return info;
}
