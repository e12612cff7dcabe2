import { forEachBounded } from './for-each-bounded';
import { hashWithConfig } from './hash-file';
import type { HashFileOptions } from './hash-options';
import { normaliseHashOptions } from './hash-options';
import {
  asOutcomeError,
  createHashPool,
  type HashBatchOptions,
  type HashFilesOutcome,
  normaliseWorkers,
  TASKS_PER_WORKER,
  toInputList,
} from './hash-pool';
import type { HashInput } from './read-input';

export interface HashFilesOptions extends HashFileOptions, HashBatchOptions {
  /** Worker threads. Default: one per core (`os.availableParallelism()`). */
  workers?: number;
}

/**
 * Hashes many inputs on a pool of worker threads, each with its own WASM hasher.
 * Results come back in input order; a file that fails gives `{ error }` in its place
 * and the batch carries on. At most `workers × 2` inputs are in flight at once.
 * The pool lives for this call only; to hash batch after batch, keep a
 * `createHashPool()` instead.
 *
 * Custom ports (`decoder`, `hasher`, `digest`) are functions and cannot be sent to a
 * worker, so with any of them the batch runs on this thread with the same bounded
 * concurrency.
 */
export async function hashFiles(
  inputs: Iterable<HashInput>,
  options: HashFilesOptions = {},
): Promise<HashFilesOutcome[]> {
  const list = toInputList(inputs);
  const workers = normaliseWorkers(options.workers);
  const config = normaliseHashOptions(options); // Validates once, up front, for both paths.
  if (list.length === 0) return [];

  if (options.decoder || options.hasher || options.digest) {
    const outcomes: HashFilesOutcome[] = new Array(list.length);
    await forEachBounded(list.length, workers * TASKS_PER_WORKER, async (index) => {
      outcomes[index] = await hashWithConfig(list[index]!, config).catch(asOutcomeError);
      options.onResult?.(outcomes[index], index);
    });
    return outcomes;
  }

  const { mode, exifOrientation, dihedral, limits } = options;
  // No more threads than inputs: each one costs start-up time.
  const pool = createHashPool({
    workers: Math.min(workers, list.length),
    mode,
    exifOrientation,
    dihedral,
    limits,
  });
  try {
    return await pool.hashFiles(list, { onResult: options.onResult });
  } finally {
    await pool.destroy();
  }
}

export type { HashFilesOutcome } from './hash-pool';
