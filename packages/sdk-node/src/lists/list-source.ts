import type { ListInfo, ListSet, TransportResponse } from '@hashguard/sdk-core';

/** What a source gets for one pull. */
export interface ListPullContext {
  /** This list's active snapshot, the base of an incremental pull; undefined on first pull. */
  previous: ListSet | undefined;
  /** This list's entry in `previous` (version, cursor). */
  previousInfo: ListInfo | undefined;
  /** GET through the sync's transport (retried with backoff); any status comes back. */
  get(url: string, headers?: Record<string, string>): Promise<TransportResponse>;
  /** Wall-clock time the pull started, ms since epoch. */
  now: number;
  signal: AbortSignal;
}

export type ListPullResult =
  /** The source says nothing changed (HTTP 304, or an empty incremental window). */
  | { changed: false; cursor?: string }
  /** A complete new set for this list only; it replaces the previous one atomically. */
  | { changed: true; set: ListSet; incremental: boolean; added: number; removed: number };

/**
 * One hash list a member receives. A pull must either return a complete,
 * verified set or throw: the sync never serves anything in between.
 */
export interface ListSource {
  readonly listId: string;
  /** For events and `list info`, e.g. `ncmec`, `hashguard-json`. */
  readonly kind: string;
  pull(context: ListPullContext): Promise<ListPullResult>;
}
