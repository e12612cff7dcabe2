import { ConfigError } from '../errors/config-error';
import { HashingError } from '../errors/hashing-error';
import type { Pixels } from '../ports/image-decoder';
import { DIHEDRAL_NAMES, type DihedralName, type PdqDihedralResult } from './dihedral-names';
import { type PdqHex, pdqBytesToHex, pdqHammingBytes, pdqHexToBytes } from './pdq-hash';
import { assertHashablePixels } from './pdq-pixels';
import { instantiatePdqKernel, type PdqKernel, pdqSimdSupported } from './wasm/pdq-kernel';

/**
 * `reference` (default): the conformance README's pipeline, which squashes
 * images larger than 512 on either side to 512×512 by nearest neighbour, as
 * Meta's reference CLI does and as hotline lists are hashed.
 * `full-resolution`: no squash; the filter runs on every pixel.
 */
export type PdqMode = 'reference' | 'full-resolution';

export interface PdqResult {
  hash: PdqHex;
  /** 0..100; below 50 the image is too featureless for a match to mean much. */
  quality: number;
  /** The same 32 bytes as `hash`, in the same (hex) order. */
  bytes: Uint8Array;
}

export interface HasherOptions {
  /** Use the SIMD build. Default: when `WebAssembly.validate` accepts it. Both hash identically. */
  simd?: boolean;
}

export interface PdqOptions {
  mode?: PdqMode;
}

export interface Hasher {
  /** Whether this hasher runs the SIMD build. */
  readonly simd: boolean;
  /** PDQ hash and quality of 8-bit gray, RGB or RGBA pixels. */
  pdq(pixels: Pixels, options?: PdqOptions): PdqResult;
  /** The eight dihedral PDQ hashes (rotations and mirrors) from one pass. */
  pdqDihedral(pixels: Pixels, options?: PdqOptions): PdqDihedralResult;
  /** Hamming distance (0..256) of two hashes given as hex or 32 bytes. */
  hamming(a: PdqHex | Uint8Array, b: PdqHex | Uint8Array): number;
}

/**
 * Compiles and instantiates the PDQ WebAssembly kernel once; every call on
 * the returned hasher is then synchronous and reuses the kernel's memory.
 * One hasher serves one thread; create one per worker.
 */
export async function createHasher(options: HasherOptions = {}): Promise<Hasher> {
  const supported = pdqSimdSupported();
  const simd = options.simd ?? supported;
  if (simd && !supported) {
    throw new HashingError(
      'E_WASM_UNAVAILABLE',
      'simd: true was asked for, but this runtime does not support WebAssembly SIMD; omit the option to fall back to the scalar build.',
    );
  }
  const kernel = await instantiatePdqKernel(simd);
  return {
    simd,
    pdq(pixels, pdqOptions) {
      const quality = run(kernel, pixels, pdqOptions);
      const bytes = kernel.hashBytes(0);
      return { hash: pdqBytesToHex(bytes), quality, bytes };
    },
    pdqDihedral(pixels, pdqOptions) {
      const quality = run(kernel, pixels, pdqOptions);
      kernel.dihedral();
      const hashes = {} as Record<DihedralName, PdqHex>;
      DIHEDRAL_NAMES.forEach((name, index) => {
        hashes[name] = pdqBytesToHex(kernel.hashBytes(index));
      });
      return { quality, hashes };
    },
    hamming(a, b) {
      return pdqHammingBytes(hashBytesOf(a), hashBytesOf(b));
    },
  };
}

function run(kernel: PdqKernel, pixels: Pixels, options: PdqOptions | undefined): number {
  const mode = options?.mode ?? 'reference';
  if (mode !== 'reference' && mode !== 'full-resolution') {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `Unknown PDQ mode "${String(mode)}"; use 'reference' or 'full-resolution'.`,
    );
  }
  assertHashablePixels(pixels);
  try {
    return kernel.hash(pixels, mode === 'full-resolution');
  } catch (cause) {
    if (cause instanceof HashingError) throw cause;
    throw new HashingError('E_HASH_FAILED', 'The PDQ WebAssembly kernel failed.', { cause });
  }
}

function hashBytesOf(hash: PdqHex | Uint8Array): Uint8Array {
  if (typeof hash === 'string') return pdqHexToBytes(hash);
  if (hash instanceof Uint8Array && hash.length === 32) return hash;
  throw new HashingError(
    'E_HASH_FAILED',
    'Not a PDQ hash: pass 64 hex digits or a 32-byte Uint8Array.',
  );
}
