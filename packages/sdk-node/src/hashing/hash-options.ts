import {
  ConfigError,
  createHasher,
  type DecodeLimits,
  type Digest,
  type Hasher,
  type ImageDecoder,
  type PdqMode,
} from '@hashguard/sdk-core';
import { type DecodeLimitsInput, normaliseDecodeLimits } from './decode-limits';
import { createNodeDigest } from './node-digest';
import { createSharpDecoder } from './sharp-decoder';

/** Options of `hashFile` and `hashFiles`. Every field is optional. */
export interface HashFileOptions {
  /** `'reference'` (default) reproduces hotline lists; `'full-resolution'` skips the 512×512 squash. */
  mode?: PdqMode;
  /** Apply EXIF orientation before hashing. Off by default: hotline lists are hashed without it. */
  exifOrientation?: boolean;
  /** Also compute the eight dihedral PDQ hashes (rotations and mirrors). */
  dihedral?: boolean;
  /** Ceilings enforced before decoding. Defaults: 100 MP and 256 MiB. */
  limits?: Omit<DecodeLimitsInput, 'applyExifOrientation'>;
  /** Replaces the sharp decoder (any `ImageDecoder` port). */
  decoder?: ImageDecoder;
  /** Replaces the default WASM hasher, e.g. one created with `{ simd: false }`. */
  hasher?: Hasher | Promise<Hasher>;
  /** Replaces the node:crypto digests. */
  digest?: Digest;
}

/** `HashFileOptions` with every default filled in. */
export interface HashConfig {
  mode: PdqMode;
  dihedral: boolean;
  limits: Required<DecodeLimits>;
  decoder: ImageDecoder;
  /** Lazy, so that validating options (as `hashFiles` does before handing work to its
   * threads) never compiles WebAssembly on a thread that will not hash. */
  hasher: () => Promise<Hasher>;
  digest: Digest;
}

const MODES: readonly PdqMode[] = ['reference', 'full-resolution'];

export function normaliseHashOptions(options: HashFileOptions = {}): HashConfig {
  const mode = options.mode ?? 'reference';
  if (!MODES.includes(mode)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `mode must be one of ${MODES.join(', ')}, got "${String(mode)}".`,
    );
  }
  return {
    mode,
    dihedral: options.dihedral === true,
    limits: normaliseDecodeLimits({
      ...options.limits,
      applyExifOrientation: options.exifOrientation === true,
    }),
    decoder: options.decoder ?? defaultDecoder(),
    hasher: options.hasher ? () => Promise.resolve(options.hasher!) : defaultHasher,
    digest: options.digest ?? defaultDigest(),
  };
}

// The defaults are stateless, so one of each per thread is shared rather than rebuilt
// per call: compiling the WASM module costs milliseconds, hashing a file less.
let sharedHasher: Promise<Hasher> | undefined;
let sharedDecoder: ImageDecoder | undefined;
let sharedDigest: Digest | undefined;

function defaultHasher(): Promise<Hasher> {
  sharedHasher ??= createHasher().catch((error: unknown) => {
    sharedHasher = undefined; // Let a later call retry rather than cache the failure.
    throw error;
  });
  return sharedHasher;
}

function defaultDecoder(): ImageDecoder {
  sharedDecoder ??= createSharpDecoder();
  return sharedDecoder;
}

function defaultDigest(): Digest {
  sharedDigest ??= createNodeDigest();
  return sharedDigest;
}
