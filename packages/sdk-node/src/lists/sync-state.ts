import type { ListStore } from '@hashguard/sdk-core';

/**
 * When each list was last confirmed current (a 304 or an empty incremental
 * window confirms without changing the snapshot). Kept beside the snapshots
 * so a restart does not think fresh lists are stale; rewriting a 10 M-entry
 * snapshot just to move a timestamp would be wasteful.
 */
export interface SyncState {
  load(): Promise<void>;
  confirmedAt(listId: string): number | undefined;
  confirm(listId: string, at: number): Promise<void>;
}

const NAME = 'sync-state.json';

/** `name`: the state file; a second sync sharing the store (text lists) needs its own. */
export function createSyncState(store: ListStore, name = NAME): SyncState {
  let confirmed: Record<string, number> = {};
  return {
    async load() {
      const bytes = await store.read(name);
      if (!bytes) return;
      try {
        const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { confirmedAt?: unknown };
        if (parsed && typeof parsed.confirmedAt === 'object' && parsed.confirmedAt) {
          confirmed = Object.fromEntries(
            Object.entries(parsed.confirmedAt).filter(([, at]) => typeof at === 'number'),
          ) as Record<string, number>;
        }
      } catch {
        // A damaged state file only costs freshness: lists fall back to their snapshot's syncedAt.
        confirmed = {};
      }
    },
    confirmedAt: (listId) => confirmed[listId],
    async confirm(listId, at) {
      confirmed = { ...confirmed, [listId]: at };
      await store.write(name, new TextEncoder().encode(JSON.stringify({ confirmedAt: confirmed })));
    },
  };
}
