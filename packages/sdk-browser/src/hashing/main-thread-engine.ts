import { createHasher, type Hasher } from '@hashguard/sdk-core';
import { createWasmDigest } from '../digest/create-wasm-digest';
import type { HashRunOptions } from './file-hashes';
import { hashBlob } from './hash-blob';
import type { HashEngine, HashOutcome } from './hash-engine';
import { yieldToEventLoop } from './yield-to-event-loop';

/**
 * The fallback where Web Workers are unavailable: the same pipeline in the
 * page, yielding to the event loop after every stream chunk and every batch
 * of rows read back, so the page stays responsive. The browser's own image
 * decode is one step it does not split: on a 12-megapixel JPEG in Chromium
 * 156 that measured as at most one task of about 50 ms.
 */
export function createMainThreadEngine(settings: {
  maxPixels: number;
  dihedral: boolean;
}): HashEngine {
  let hasher: Promise<Hasher> | undefined;
  const digest = createWasmDigest();
  let generation = 0;
  return {
    kind: 'main-thread',
    async hash(file: Blob, options: HashRunOptions = {}): Promise<HashOutcome> {
      const started = generation;
      hasher ??= createHasher().catch((error: unknown) => {
        hasher = undefined;
        throw error;
      });
      const hashes = await hashBlob(
        file,
        { hasher: await hasher, digest, ...settings, yieldToEventLoop },
        options,
      );
      if (started !== generation)
        throw new DOMException('The pre-upload check was terminated.', 'AbortError');
      return { hashes };
    },
    terminate() {
      generation++;
    },
  };
}
