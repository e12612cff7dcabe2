/** What every list parser reads: a body as it arrives, in chunks of bytes or text. */
export type ListChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** Limits that keep a hostile or broken list from taking unbounded memory. */
export interface ListParseLimits {
  /** Longest line (record) accepted, in characters. Default 1 MiB. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 1 << 20;
