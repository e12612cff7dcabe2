import type { TextList, TransportResponse } from '@hashguard/sdk-core';

/** What a URL or keyword list source gets for one pull. */
export interface TextListPullContext {
  /** This list as served now, the base of a conditional pull; undefined on first pull. */
  previous: TextList | undefined;
  /** GET through the sync's transport (retried with backoff); any status comes back. */
  get(url: string, headers?: Record<string, string>): Promise<TransportResponse>;
  /** Wall-clock time the pull started, ms since epoch. */
  now: number;
  signal: AbortSignal;
}

export type TextListPullResult =
  /** The source says nothing changed (HTTP 304). */
  | { changed: false }
  /** A complete, verified new version of this list; it replaces the previous one atomically. */
  | { changed: true; list: TextList; added: number; removed: number };

/**
 * One URL or keyword list a member receives. As for hash lists, a pull
 * returns a complete, verified list or throws: nothing in between is served.
 */
export interface TextListSource {
  readonly listId: string;
  /** Which checker the list feeds. */
  readonly listKind: TextList['kind'];
  /** For events and status, e.g. `hashguard-url-json`. */
  readonly kind: string;
  pull(context: TextListPullContext): Promise<TextListPullResult>;
}
