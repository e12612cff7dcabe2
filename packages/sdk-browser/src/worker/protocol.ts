import type { FailMode, ModelSignalOptions, OrtWasmOptions } from '@hashguard/sdk-core';
import type { FileHashes, HashProgress } from '../hashing/file-hashes';

/** One model signal as the worker receives it: options that survive structured clone. */
export interface WorkerModelSignal {
  signal: Omit<ModelSignalOptions, 'runtime' | 'wasm'>;
  scoreThresholds: Readonly<Record<string, number>>;
}

/** Model signals for the worker; sent once, before the first file. */
export interface WorkerModelsConfig {
  signals: readonly WorkerModelSignal[];
  /** onnxruntime-web's classic build, loaded with `importScripts` on first use. */
  ortScriptUrl: string;
  wasm: OrtWasmOptions;
  failMode: FailMode;
}

/** Messages the page sends the hashing worker. A `Blob` is passed by reference, not copied. */
export type ToWorker =
  | { type: 'hash'; id: number; file: Blob; maxPixels: number; dihedral: boolean }
  | { type: 'abort'; id: number }
  | { type: 'models'; models: WorkerModelsConfig };

/** Messages the worker sends back; errors travel as plain data (see to-wire-error.ts). */
export type FromWorker =
  | { type: 'progress'; id: number; progress: HashProgress }
  /** `modelFlagged` only when models are configured and the file decoded: a boolean, never scores. */
  | { type: 'done'; id: number; hashes: FileHashes; modelFlagged?: boolean }
  | { type: 'failed'; id: number; error: WireError };

export interface WireError {
  name: string;
  message: string;
  code?: string;
}
