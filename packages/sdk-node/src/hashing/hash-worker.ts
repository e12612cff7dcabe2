// Entry of each `hashFiles` worker thread (a separate tsup entry: dist/hash-worker.js).
// Each worker reads, digests, decodes and hashes whole files, so the main thread only
// schedules. Each worker creates one WASM hasher as it starts; every task reuses it.
import { type HashFileResult, hashWithConfig } from './hash-file';
import { type HashFileOptions, normaliseHashOptions } from './hash-options';
import { type SerialisedError, serialiseError } from './worker-error';

/** The options that can cross to a worker: plain data, no ports. */
export type WorkerHashOptions = Pick<
  HashFileOptions,
  'mode' | 'exifOrientation' | 'dihedral' | 'limits'
>;

export interface HashTask {
  input: string | Uint8Array;
  options: WorkerHashOptions;
}

/** Errors come back as values: a rejected task would lose the error's class and code. */
export type HashTaskOutcome = { result: HashFileResult } | { error: SerialisedError };

// Compile the WASM hasher as the thread starts, not when the first file arrives; a
// failure here surfaces again (typed) on the first task, which retries it.
normaliseHashOptions()
  .hasher()
  .catch(() => {});

export default async function hashTask(task: HashTask): Promise<HashTaskOutcome> {
  try {
    return { result: await hashWithConfig(task.input, normaliseHashOptions(task.options)) };
  } catch (error) {
    return { error: serialiseError(error) };
  }
}
