import type { FileHashes, HashProgress } from '../hashing/file-hashes';

/** Messages the page sends the hashing worker. A `Blob` is passed by reference, not copied. */
export type ToWorker =
  | { type: 'hash'; id: number; file: Blob; maxPixels: number; dihedral: boolean }
  | { type: 'abort'; id: number };

/** Messages the worker sends back; errors travel as plain data (see to-wire-error.ts). */
export type FromWorker =
  | { type: 'progress'; id: number; progress: HashProgress }
  | { type: 'done'; id: number; hashes: FileHashes }
  | { type: 'failed'; id: number; error: WireError };

export interface WireError {
  name: string;
  message: string;
  code?: string;
}
