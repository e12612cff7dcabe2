/**
 * The hashing worker's entry point. Built by tsup.worker.config.ts into one
 * self-contained classic script (sdk-core's WASM and hash-wasm included) that
 * the main entry inlines, and also shipped as `@hashguard/sdk-browser/worker`.
 */
import { createHasher, type Hasher } from '@hashguard/sdk-core';
import { createWasmDigest } from '../digest/create-wasm-digest';
import { hashBlob } from '../hashing/hash-blob';
import type { FromWorker, ToWorker } from './protocol';
import { toWireError } from './to-wire-error';

declare const self: DedicatedWorkerGlobalScope;

let hasher: Promise<Hasher> | undefined;
const digest = createWasmDigest();
const running = new Map<number, AbortController>();

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
    const hashes = await hashBlob(
      file,
      { hasher: await hasher, digest, maxPixels, dihedral },
      {
        signal: controller.signal,
        onProgress: (progress) => send({ type: 'progress', id, progress }),
      },
    );
    if (!controller.signal.aborted) send({ type: 'done', id, hashes });
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
  else running.get(message.id)?.abort();
});
