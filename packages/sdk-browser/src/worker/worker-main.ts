/**
 * The hashing worker's entry point. Built by tsup.worker.config.ts into one
 * self-contained classic script (sdk-core's WASM and hash-wasm included) that
 * the main entry inlines, and also shipped as `@hashguard/sdk-browser/worker`.
 */
import { createHasher, type Hasher, type Pixels } from '@hashguard/sdk-core';
import { createWasmDigest } from '../digest/create-wasm-digest';
import { hashBlob } from '../hashing/hash-blob';
import type { FromWorker, ToWorker } from './protocol';
import { toWireError } from './to-wire-error';
import { createWorkerModels, type WorkerModels } from './worker-models';

declare const self: DedicatedWorkerGlobalScope;

let hasher: Promise<Hasher> | undefined;
const digest = createWasmDigest();
const running = new Map<number, AbortController>();
/** Set by a `models` message from the page; ORT is loaded only then. */
let models: WorkerModels | undefined;

function send(message: FromWorker): void {
  self.postMessage(message);
}

async function run(id: number, file: Blob, maxPixels: number, dihedral: boolean): Promise<void> {
  const controller = new AbortController();
  running.set(id, controller);
  try {
    // Compiled once per worker, then reused by every file.
    hasher ??= createHasher().catch((error: unknown) => {
      hasher = undefined; // let the next file try again rather than fail forever
      throw error;
    });
    const modelStage = models;
    let pixels: Pixels | undefined;
    const hashes = await hashBlob(
      file,
      {
        hasher: await hasher,
        digest,
        maxPixels,
        dihedral,
        // The model runs on the pixels PDQ was computed from: no second decode.
        ...(modelStage && {
          onPixels: (decoded: Pixels) => {
            pixels = decoded;
          },
        }),
      },
      {
        signal: controller.signal,
        onProgress: (progress) => send({ type: 'progress', id, progress }),
      },
    );
    const modelFlagged =
      modelStage && pixels && !controller.signal.aborted
        ? await modelStage.flag(pixels)
        : undefined;
    if (!controller.signal.aborted) {
      send(
        modelFlagged === undefined
          ? { type: 'done', id, hashes }
          : { type: 'done', id, hashes, modelFlagged },
      );
    }
  } catch (error) {
    if (!controller.signal.aborted) send({ type: 'failed', id, error: toWireError(error) });
  } finally {
    running.delete(id);
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'hash')
    void run(message.id, message.file, message.maxPixels, message.dihedral);
  else if (message.type === 'models') {
    void models?.close();
    models = createWorkerModels(message.models);
  } else running.get(message.id)?.abort();
});
