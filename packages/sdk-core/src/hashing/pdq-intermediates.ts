import { ConfigError } from '../errors/config-error';
import { HashingError } from '../errors/hashing-error';
import type { Pixels } from '../ports/image-decoder';
import type { HasherOptions, PdqOptions } from './create-hasher';
import { assertHashablePixels } from './pdq-pixels';
import { instantiatePdqKernel, pdqSimdSupported } from './wasm/pdq-kernel';

/** The PDQ pipeline's values around the DCT (conformance README steps 5–7) for one image. */
export interface PdqIntermediateValues {
  /** 64×64 row-major float32: the filtered, decimated luma A (step 5), the DCT's input. */
  a: Float32Array;
  /** 16×16 row-major float32: B = D · A · Dᵀ (step 7), the values the hash bits threshold. */
  b: Float32Array;
  /** The PDQ quality (step 6). */
  quality: number;
}

/**
 * Introspection into the PDQ WebAssembly kernel, for checking other
 * implementations of a pipeline stage against it (e.g. an ONNX model of the
 * DCT). Not for hashing: it copies 17 KiB per call, which `Hasher` never does.
 */
export interface PdqIntrospector {
  /** Copy of the 16×64 float32 DCT matrix D the kernel ships (step 7), row-major. */
  dctMatrix(): Float32Array;
  /** Runs the kernel's pipeline on `pixels` and copies out A and B. */
  intermediates(pixels: Pixels, options?: PdqOptions): PdqIntermediateValues;
}

/** Steps 2 and 10: sides after the reference squash, and whether they are hashable. */
function hashable(pixels: Pixels, fullResolution: boolean): boolean {
  const squash = !fullResolution && (pixels.width > 512 || pixels.height > 512);
  const rows = squash ? 512 : pixels.height;
  const cols = squash ? 512 : pixels.width;
  return rows >= 5 && cols >= 5;
}

/**
 * A kernel instance of its own (separate memory from any `Hasher`), so that
 * reading its buffers never races a hasher in use.
 */
export async function createPdqIntrospector(options: HasherOptions = {}): Promise<PdqIntrospector> {
  const simd = options.simd ?? pdqSimdSupported();
  const kernel = await instantiatePdqKernel(simd);
  return {
    dctMatrix: () => kernel.dctMatrix(),
    intermediates(pixels, pdqOptions) {
      const mode = pdqOptions?.mode ?? 'reference';
      if (mode !== 'reference' && mode !== 'full-resolution') {
        throw new ConfigError(
          'E_INVALID_OPTIONS',
          `Unknown PDQ mode "${String(mode)}"; use 'reference' or 'full-resolution'.`,
        );
      }
      assertHashablePixels(pixels);
      const fullResolution = mode === 'full-resolution';
      let quality: number;
      try {
        quality = kernel.hash(pixels, fullResolution);
      } catch (cause) {
        if (cause instanceof HashingError) throw cause;
        throw new HashingError('E_HASH_FAILED', 'The PDQ WebAssembly kernel failed.', { cause });
      }
      // Below 5 pixels a side the kernel skips steps 3–7 and leaves A as the
      // previous image had it; B is zeroed. Report zeros for both.
      const a = hashable(pixels, fullResolution) ? kernel.aMatrix() : new Float32Array(64 * 64);
      return { a, b: kernel.bMatrix(), quality };
    },
  };
}
