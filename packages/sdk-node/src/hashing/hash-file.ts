import {
  type DihedralName,
  HashingError,
  isHashguardError,
  type PdqHex,
  type Pixels,
} from '@hashguard/sdk-core';
import type { FileDigests } from './file-digests';
import { type HashConfig, type HashFileOptions, normaliseHashOptions } from './hash-options';
import { type HashInput, readInput } from './read-input';

/** Everything Hashguard knows about one file: its hashes and its dimensions as decoded. */
export interface HashFileResult extends FileDigests {
  /** PDQ, 64 lowercase hex digits. */
  pdq: PdqHex;
  /** PDQ quality 0..100; below 50 the image is too featureless for its hash to be trusted. */
  quality: number;
  width: number;
  height: number;
  /** The eight dihedral hashes, when `dihedral: true`. */
  pdqDihedral?: Record<DihedralName, PdqHex>;
}

/**
 * Hashes one image: MD5, SHA-1 and SHA-256 of its original bytes (streamed as they are
 * read), and PDQ of its decoded pixels. Bad input rejects with a typed `InputError`
 * (`E_EMPTY_INPUT`, `E_UNSUPPORTED_FORMAT`, `E_CORRUPT_IMAGE`, `E_IMAGE_TOO_LARGE`,
 * `E_INPUT_TOO_LARGE`, `E_READ_FAILED`).
 */
export async function hashFile(
  input: HashInput,
  options: HashFileOptions = {},
): Promise<HashFileResult> {
  return hashWithConfig(input, normaliseHashOptions(options));
}

/**
 * `hashFile` on already-normalised options, for callers that hash many inputs
 * alike. `onPixels` receives the decoded pixels (before hashing, which only
 * reads them), so a caller can run model signals without decoding twice.
 */
export async function hashWithConfig(
  input: HashInput,
  config: HashConfig,
  onPixels?: (pixels: Pixels) => void,
): Promise<HashFileResult> {
  const { bytes, digests } = await readInput(input, {
    maxBytes: config.limits.maxBytes,
    digest: config.digest,
  });
  const pixels = await config.decoder.decode(bytes, config.limits);
  onPixels?.(pixels);
  const { pdq, quality, pdqDihedral } = hashPixels(pixels, config, await config.hasher());
  const result: HashFileResult = {
    pdq,
    quality,
    ...digests,
    width: pixels.width,
    height: pixels.height,
  };
  if (pdqDihedral) result.pdqDihedral = pdqDihedral;
  return result;
}

function hashPixels(
  pixels: Pixels,
  config: HashConfig,
  hasher: Awaited<ReturnType<HashConfig['hasher']>>,
): Pick<HashFileResult, 'pdq' | 'quality' | 'pdqDihedral'> {
  try {
    if (config.dihedral) {
      const { quality, hashes } = hasher.pdqDihedral(pixels, { mode: config.mode });
      return { pdq: hashes.original, quality, pdqDihedral: hashes };
    }
    const { hash, quality } = hasher.pdq(pixels, { mode: config.mode });
    return { pdq: hash, quality };
  } catch (error) {
    if (isHashguardError(error)) throw error;
    const size = `${pixels.width}×${pixels.height}`;
    throw new HashingError('E_HASH_FAILED', `PDQ hashing failed on ${size} pixels.`, {
      cause: error,
    });
  }
}
