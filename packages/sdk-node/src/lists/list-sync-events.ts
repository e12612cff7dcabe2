/** Payloads of the sync's events: ids, versions and counts, never list contents. */
export interface ListSyncedEvent {
  listId: string;
  kind: string;
  /** The version now served. */
  version: string;
  previousVersion?: string;
  /** False when the source had nothing new (304, empty window): the served set is unchanged. */
  changed: boolean;
  incremental: boolean;
  added: number;
  removed: number;
  entryCount: number;
  durationMs: number;
  at: number;
}

export interface ListSyncFailedEvent {
  listId: string;
  kind: string;
  error: { code: string; message: string };
  /** The version still served (the previous snapshot), if any. */
  activeVersion?: string;
  durationMs: number;
  at: number;
}

export interface ListStaleEvent {
  listId: string;
  /** Undefined when the list was never synced. */
  version?: string;
  /** Time since the list was last confirmed current; Infinity if never. */
  ageMs: number;
  maxAgeMs: number;
  at: number;
}

export type ListSyncEventMap = {
  'list:synced': ListSyncedEvent;
  'list:sync-failed': ListSyncFailedEvent;
  'list:stale': ListStaleEvent;
};
