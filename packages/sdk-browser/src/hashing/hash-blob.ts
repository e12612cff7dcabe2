import {
  DIHEDRAL_NAMES,
  type Digest,
  type DigestAlgorithm,
  type Hasher,
  type Pixels,
} from '@hashguard/sdk-core';
import { decodeForPdq } from '../decode/decode-image';
import type { FileHashes, HashRunOptions } from './file-hashes';

export interface HashBlobDeps {
  hasher: Hasher;
  digest: Digest;
  /** Refuse images with more pixels than this. */
  maxPixels: number;
  /** Also compute the eight dihedral PDQ hashes (one pass in the hasher). */
  dihedral: boolean;
  /** Main-thread runs pass a yield between chunks; a worker has no UI to keep responsive. */
  yieldToEventLoop?: () => Promise<void>;
  /** Receives the decoded pixels PDQ is computed from (e.g. for model signals), without a second decode. */
  onPixels?: (pixels: Pixels) => void;
}

const ALGORITHMS: readonly DigestAlgorithm[] = ['md5', 'sha1', 'sha256'];

/** Share of the progress bar given to streaming the digests; decoding and PDQ take the rest. */
const DIGEST_SHARE = 0.7;

/**
 * Hashes one file: MD5, SHA-1 and SHA-256 in a single pass over
 * `Blob.stream()` (memory stays at one chunk whatever the file size), then
 * decode and PDQ in reference mode. Runs unchanged in a worker and, with
 * `yieldToEventLoop`, in the main thread.
 */
export async function hashBlob(
  file: Blob,
  deps: HashBlobDeps,
  options: HashRunOptions = {},
): Promise<FileHashes> {
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  const states = await Promise.all(ALGORITHMS.map((algorithm) => deps.digest.create(algorithm)));
  const reader = file.stream().getReader();
  let read = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      for (const state of states) state.update(value);
      read += value.byteLength;
      onProgress?.({
        stage: 'digesting',
        fraction: file.size ? (DIGEST_SHARE * read) / file.size : DIGEST_SHARE,
      });
      await deps.yieldToEventLoop?.();
    }
  } finally {
    // Cancels the underlying read if we stopped early (abort); a no-op after `done`.
    await reader.cancel().catch(() => {});
  }
  const [md5, sha1, sha256] = states.map((state) => state.hex()) as [string, string, string];
  signal?.throwIfAborted();
  onProgress?.({ stage: 'decoding', fraction: DIGEST_SHARE });
  const decodeOptions = {
    maxPixels: deps.maxPixels,
    ...(deps.yieldToEventLoop && { yieldToEventLoop: deps.yieldToEventLoop }),
  };
  const pixels = await decodeForPdq(file, decodeOptions);
  signal?.throwIfAborted();
  if (pixels) deps.onPixels?.(pixels);
  const hashes: FileHashes = { md5, sha1, sha256 };
  if (pixels && deps.dihedral) {
    const { quality, hashes: variants } = deps.hasher.pdqDihedral(pixels, { mode: 'reference' });
    hashes.pdq = variants.original;
    hashes.quality = quality;
    hashes.pdqDihedral = DIHEDRAL_NAMES.map((name) => variants[name]);
  } else if (pixels) {
    const { hash, quality } = deps.hasher.pdq(pixels, { mode: 'reference' });
    hashes.pdq = hash;
    hashes.quality = quality;
  }
  onProgress?.({ stage: 'decoding', fraction: 1 });
  return hashes;
}
