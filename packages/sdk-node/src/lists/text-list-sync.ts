import {
  createKeywordChecker,
  createUrlChecker,
  decodeTextListsSnapshot,
  encodeTextListsSnapshot,
  type KeywordChecker,
  SyncError,
  type TextList,
  type UrlChecker,
} from '@hashguard/sdk-core';
import { createKyTransport } from './ky-transport';
import { createSyncCore, type SyncControls } from './sync-core';
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

export interface TextListSync extends SyncControls {
  /** The checkers served right now, undefined until a list is loaded; fetch it again for each check. */
  active(): ActiveTextLists | undefined;
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
  const { sources, store, clock } = config;
  const transport = config.transport ?? createKyTransport();
  const loaded = new Map<string, TextList>();
  const state = createSyncState(store, STATE_NAME);
  const checkers: { url?: UrlChecker; keyword?: KeywordChecker } = {};
  let active: ActiveTextLists | undefined;

  const core = createSyncCore<TextListSource>({
    ...config,
    state,
    served: (listId) => loaded.get(listId)?.info,
    loadSnapshots,
    pull: pullOne,
    stoppedMessage: 'Text-list sync stopped.',
  });

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
        updatedAt: core.confirmedAt(list.info.listId) ?? 0,
      })),
    };
  }

  async function loadSnapshots(): Promise<void> {
    for (const source of sources) {
      const started = clock.now();
      try {
        const bytes = await store.read(textListSnapshotName(source.listId));
        if (!bytes) continue;
        loaded.set(source.listId, listOf(decodeTextListsSnapshot(bytes).lists, source));
      } catch (error) {
        // A snapshot that fails its checksum is never served; the next pull replaces it.
        core.emitFailure(source, error, started);
      }
    }
    for (const kind of ['url', 'keyword'] as const) {
      if (!sources.some((s) => s.listKind === kind && loaded.has(s.listId))) continue;
      try {
        prepareChecker(kind)();
      } catch (error) {
        for (const source of sources) {
          if (source.listKind === kind && loaded.delete(source.listId))
            core.emitFailure(source, error, clock.now());
        }
      }
    }
    publish();
  }

  async function pullOne(source: TextListSource): Promise<void> {
    const started = clock.now();
    const previous = loaded.get(source.listId);
    try {
      const result = await source.pull({
        previous,
        get: (url, headers) =>
          transport.send({ method: 'GET', url, headers, signal: core.signal() }),
        now: started,
        signal: core.signal(),
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
      core.emitSynced(source, started, {
        previous: previous?.info,
        served: current?.info,
        changed: result.changed,
        incremental: false,
        added: result.changed ? result.added : 0,
        removed: result.changed ? result.removed : 0,
      });
    } catch (error) {
      core.emitFailure(source, error, started);
    }
  }

  return { ...core.api, active: () => active };
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
