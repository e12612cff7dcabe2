import { availableParallelism } from 'node:os';
import {
  ConfigError,
  type HashguardError,
  HashingError,
  isHashguardError,
} from '@hashguard/sdk-core';
import { Piscina } from 'piscina';
import { forEachBounded } from './for-each-bounded';
import type { HashFileResult } from './hash-file';
import { type HashFileOptions, normaliseHashOptions } from './hash-options';
import type { HashTask, HashTaskOutcome, WorkerHashOptions } from './hash-worker';
import { type HashInput, readStream } from './read-input';
import { reviveError, serialiseError } from './worker-error';

/** One input's outcome: its hashes, or the typed error that stopped it. */
export type HashFilesOutcome = HashFileResult | { error: HashguardError };

/** Options of a pool: plain data only, since they travel to the worker threads. */
export interface HashPoolOptions
  extends Pick<HashFileOptions, 'mode' | 'exifOrientation' | 'dihedral' | 'limits'> {
  /** Worker threads. Default: one per core (`os.availableParallelism()`). */
  workers?: number;
  /** @internal The worker entry; tests point it at a failing worker. */
  workerUrl?: URL;
}

export interface HashBatchOptions {
  /** Called as each input finishes (in completion order), e.g. to stream output or show progress. */
  onResult?: (outcome: HashFilesOutcome, index: number) => void;
}

/** Worker threads that stay up between batches, so a server pays their start-up once. */
export interface HashPool {
  readonly workers: number;
  /** Results in input order; a failed input gives `{ error }` in its place. */
  hashFiles(inputs: Iterable<HashInput>, options?: HashBatchOptions): Promise<HashFilesOutcome[]>;
  /** Stops the workers; the pool cannot be used afterwards. */
  destroy(): Promise<void>;
}

/** Tasks in flight per worker: one running, one queued so the worker never idles. */
export const TASKS_PER_WORKER = 2;

/** Where tsup puts the worker entry: beside the bundle that contains this module. */
const WORKER_URL = new URL('./hash-worker.js', import.meta.url);

/**
 * Starts `workers` threads, each with its own WASM hasher and sharp decoder, which
 * read, digest, decode and hash whole files. Starting them costs a few hundred
 * milliseconds (sharp and WebAssembly load per thread); reuse one pool across batches.
 */
export function createHashPool(options: HashPoolOptions = {}): HashPool {
  const workers = normaliseWorkers(options.workers);
  const config = normaliseHashOptions(options);
  const taskOptions: WorkerHashOptions = {
    mode: config.mode,
    exifOrientation: config.limits.applyExifOrientation,
    dihedral: config.dihedral,
    limits: { maxPixels: config.limits.maxPixels, maxBytes: config.limits.maxBytes },
  };
  const pool = new Piscina<HashTask, HashTaskOutcome>({
    filename: (options.workerUrl ?? WORKER_URL).href,
    minThreads: workers,
    maxThreads: workers,
  });
  let destroyed = false;

  // A worker that dies outside a task (e.g. its module fails to load) makes piscina
  // emit 'error', which would crash the process with no listener, and leaves later
  // tasks waiting for a thread forever. Mark the pool broken and fail every task.
  let broken: HashingError | undefined;
  let markBroken: (error: HashingError) => void = () => {};
  const whenBroken = new Promise<never>((_, reject) => {
    markBroken = reject;
  });
  whenBroken.catch(() => {}); // Observed through the races below.
  pool.on('error', (cause: unknown) => {
    const detail = cause instanceof Error ? cause.message : String(cause);
    broken ??= new HashingError('E_HASH_FAILED', `A hashing worker thread failed: ${detail}`, {
      cause,
    });
    markBroken(broken);
  });

  async function runTask(input: HashInput): Promise<HashFilesOutcome> {
    try {
      // Paths and bytes go to the worker as they are; a stream can only be read here.
      const sendable =
        typeof input === 'string' || input instanceof Uint8Array
          ? input
          : await readStream(input, config.limits.maxBytes);
      if (broken) return { error: broken };
      const outcome = await Promise.race([
        pool.run({ input: sendable, options: taskOptions }),
        whenBroken,
      ]);
      return 'error' in outcome ? { error: reviveError(outcome.error) } : outcome.result;
    } catch (error) {
      return asOutcomeError(error);
    }
  }

  return {
    workers,
    async hashFiles(inputs, batch = {}) {
      if (destroyed) {
        throw new HashingError('E_HASH_FAILED', 'This hash pool has been destroyed.');
      }
      const list = toInputList(inputs);
      const outcomes: HashFilesOutcome[] = new Array(list.length);
      await forEachBounded(list.length, workers * TASKS_PER_WORKER, async (index) => {
        outcomes[index] = await runTask(list[index]!);
        batch.onResult?.(outcomes[index], index);
      });
      return outcomes;
    },
    async destroy() {
      destroyed = true;
      await pool.destroy();
    },
  };
}

export function normaliseWorkers(workers: number = availableParallelism()): number {
  if (!Number.isSafeInteger(workers) || workers < 1) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `workers must be a positive integer, got ${String(workers)}.`,
    );
  }
  return workers;
}

/** Per-file errors become values; anything that is not already typed gets a code. */
export function asOutcomeError(error: unknown): { error: HashguardError } {
  if (isHashguardError(error)) return { error };
  const { message } = serialiseError(error);
  return { error: new HashingError('E_HASH_FAILED', message, { cause: error }) };
}

/** A lone path is iterable too (by character): refuse it rather than hash "p", "h", "o"… */
export function toInputList(inputs: Iterable<HashInput>): HashInput[] {
  if (typeof inputs === 'string') {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'hashFiles takes a list of inputs; for one path use hashFile(path) or hashFiles([path]).',
    );
  }
  return [...inputs];
}
