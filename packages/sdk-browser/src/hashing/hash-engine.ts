import type { FileHashes, HashRunOptions } from './file-hashes';

/** What a hashing run gives: the hashes, and with models in the worker, whether a model asks for review. */
export interface HashOutcome {
  hashes: FileHashes;
  /** Only with model signals, when the file decoded. A boolean, never scores. */
  modelFlagged?: boolean;
}

/** Where hashing runs: a Web Worker, or the main thread in small chunks. */
export interface HashEngine {
  readonly kind: 'worker' | 'main-thread';
  hash(file: Blob, options?: HashRunOptions): Promise<HashOutcome>;
  /** Stops the worker (if any) and rejects hashing in flight. A later `hash` starts afresh. */
  terminate(): void;
}
