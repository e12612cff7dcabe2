import type { FileHashes, HashRunOptions } from './file-hashes';

/** Where hashing runs: a Web Worker, or the main thread in small chunks. */
export interface HashEngine {
  readonly kind: 'worker' | 'main-thread';
  hash(file: Blob, options?: HashRunOptions): Promise<FileHashes>;
  /** Stops the worker (if any) and rejects hashing in flight. A later `hash` starts afresh. */
  terminate(): void;
}
