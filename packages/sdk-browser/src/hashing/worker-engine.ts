import { HashingError } from '@hashguard/sdk-core';
import { fromWireError } from '../worker/from-wire-error';
import type { FromWorker, ToWorker, WorkerModelsConfig } from '../worker/protocol';
import type { HashRunOptions } from './file-hashes';
import type { HashEngine, HashOutcome } from './hash-engine';

interface Pending {
  resolve(outcome: HashOutcome): void;
  reject(error: unknown): void;
  options: HashRunOptions;
}

const terminated = () => new DOMException('The pre-upload check was terminated.', 'AbortError');

/**
 * Hashing in one Web Worker, started on first use and reused for every file
 * after that (the WASM compiles once per worker). Each run has an id, so
 * several files can be in flight; aborting one tells the worker to stop
 * reading it and rejects at once with the signal's reason.
 */
export function createWorkerEngine(
  spawn: () => Worker | Promise<Worker>,
  settings: { maxPixels: number; dihedral: boolean },
  models?: WorkerModelsConfig,
): HashEngine {
  let worker: Promise<Worker> | undefined;
  let generation = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  function failAll(error: unknown): void {
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  }

  function onMessage(event: MessageEvent<FromWorker>): void {
    const message = event.data;
    const entry = pending.get(message.id);
    if (!entry) return; // aborted or terminated meanwhile
    if (message.type === 'progress') {
      entry.options.onProgress?.(message.progress);
      return;
    }
    pending.delete(message.id);
    if (message.type === 'done') {
      entry.resolve(
        message.modelFlagged === undefined
          ? { hashes: message.hashes }
          : { hashes: message.hashes, modelFlagged: message.modelFlagged },
      );
    } else entry.reject(fromWireError(message.error));
  }

  async function start(): Promise<Worker> {
    let started: Worker;
    try {
      started = await spawn();
    } catch (error) {
      throw new HashingError(
        'E_WASM_UNAVAILABLE',
        'The hashing worker could not be started (a Content-Security-Policy without `worker-src blob:`?). Pass `worker` a factory for your own worker, or `worker: false`.',
        { cause: error },
      );
    }
    started.addEventListener('message', onMessage);
    started.addEventListener('messageerror', () => {
      // A reply that could not be deserialised names no run: fail every one
      // in flight rather than leave a check waiting for ever.
      failAll(
        new HashingError('E_HASH_FAILED', 'A reply from the hashing worker could not be read.'),
      );
    });
    // Before any file, so every file of this worker runs the models.
    if (models) started.postMessage({ type: 'models', models } satisfies ToWorker);
    started.addEventListener('error', (event) => {
      // The script failed to load or threw at top level: nothing in flight can finish.
      event.preventDefault();
      started.terminate();
      worker = undefined;
      failAll(
        new HashingError(
          'E_WASM_UNAVAILABLE',
          `The hashing worker failed: ${event.message || 'it could not start'}.`,
        ),
      );
    });
    return started;
  }

  function ensureWorker(): Promise<Worker> {
    worker ??= start().catch((error: unknown) => {
      worker = undefined; // let the next check try again
      throw error;
    });
    return worker;
  }

  return {
    kind: 'worker',
    async hash(file: Blob, options: HashRunOptions = {}): Promise<HashOutcome> {
      const { signal } = options;
      signal?.throwIfAborted();
      const startedIn = generation;
      const target = await ensureWorker();
      if (startedIn !== generation) throw terminated();
      signal?.throwIfAborted();
      const id = nextId++;
      return new Promise<HashOutcome>((resolve, reject) => {
        const onAbort = () => {
          pending.delete(id);
          target.postMessage({ type: 'abort', id } satisfies ToWorker);
          reject(signal?.reason);
        };
        const settle =
          <T>(fn: (value: T) => void) =>
          (value: T) => {
            signal?.removeEventListener('abort', onAbort);
            fn(value);
          };
        pending.set(id, { resolve: settle(resolve), reject: settle(reject), options });
        signal?.addEventListener('abort', onAbort, { once: true });
        target.postMessage({ type: 'hash', id, file, ...settings } satisfies ToWorker);
      });
    },
    terminate() {
      generation++;
      const current = worker;
      worker = undefined;
      void current?.then((started) => started.terminate()).catch(() => {});
      failAll(terminated());
    },
  };
}
