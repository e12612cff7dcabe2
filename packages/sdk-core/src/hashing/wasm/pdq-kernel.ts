import { HashingError } from '../../errors/hashing-error';
import type { Pixels } from '../../ports/image-decoder';
import { decodeBase64 } from '../base64';
import { pdqWasmScalarBase64 } from './pdq-scalar.generated';
import { pdqWasmSimdBase64 } from './pdq-simd.generated';

/** What assembly/index.ts exports (booleans cross as 0/1). */
interface PdqExports {
  memory: { buffer: ArrayBuffer };
  prepare(width: number, height: number, channels: number, fullResolution: number): number;
  hash(width: number, height: number, channels: number, fullResolution: number): number;
  dihedral(): void;
  hashes(): number;
  dctMatrix(): number;
  bMatrix(): number;
  aMatrix(): number;
}

/**
 * The slice of the WebAssembly JS API used here. Declared locally because
 * sdk-core compiles without DOM or Node types; the global exists in Node,
 * browsers and workers alike.
 */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(module: object, imports: object): Promise<{ exports: unknown }>;
}

/** A PDQ kernel instance: its own linear memory, reused call after call. */
export interface PdqKernel {
  readonly simd: boolean;
  /** Copies `pixels` in and hashes; returns the quality. Hash bytes via `hashBytes`. */
  hash(pixels: Pixels, fullResolution: boolean): number;
  /** After `hash`: computes the eight dihedral hashes from the same B matrix. */
  dihedral(): void;
  /** Copy of the 32-byte hash `index` (0 = original; 0..7 after `dihedral`). */
  hashBytes(index: number): Uint8Array;
  /** Views for the tests: D (16×64) and the last B (16×16). */
  dctMatrix(): Float32Array;
  bMatrix(): Float32Array;
  /** Copy of the last A (64×64), the DCT's input; for pdq-intermediates.ts. */
  aMatrix(): Float32Array;
}

const compiled = new Map<boolean, Promise<object>>();

function webAssembly(): WebAssemblyApi {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (!api) {
    throw new HashingError(
      'E_WASM_UNAVAILABLE',
      'This runtime has no WebAssembly; PDQ hashing needs it (Node >= 22 and every current browser have it).',
    );
  }
  return api;
}

let simdSupported: boolean | undefined;

/** Whether this runtime validates the SIMD build (WebAssembly.validate, no compile); asked once. */
export function pdqSimdSupported(): boolean {
  simdSupported ??= webAssembly().validate(decodeBase64(pdqWasmSimdBase64));
  return simdSupported;
}

/** Compiles each build once per realm; every kernel gets its own instance and memory. */
export async function instantiatePdqKernel(simd: boolean): Promise<PdqKernel> {
  const api = webAssembly();
  let module = compiled.get(simd);
  if (!module) {
    module = api.compile(decodeBase64(simd ? pdqWasmSimdBase64 : pdqWasmScalarBase64));
    compiled.set(simd, module);
    module.catch(() => compiled.delete(simd));
  }
  let exports: PdqExports;
  try {
    exports = (await api.instantiate(await module, {})).exports as PdqExports;
  } catch (cause) {
    throw new HashingError(
      'E_WASM_UNAVAILABLE',
      `Could not compile or instantiate the ${simd ? 'SIMD' : 'scalar'} PDQ WebAssembly module.`,
      { cause },
    );
  }
  return wrap(exports, simd);
}

function wrap(exports: PdqExports, simd: boolean): PdqKernel {
  const hashesAt = exports.hashes();
  return {
    simd,
    hash(pixels, fullResolution) {
      const { width, height, channels, data } = pixels;
      const flag = fullResolution ? 1 : 0;
      const at = exports.prepare(width, height, channels, flag);
      if (at === 0) {
        throw new HashingError(
          'E_HASH_FAILED',
          `A ${width}×${height} image does not fit in WebAssembly memory (4 GiB); ` +
            'refuse it earlier with a smaller maxPixels.',
        );
      }
      // Read `buffer` after `prepare`: growing memory replaces it.
      new Uint8Array(exports.memory.buffer, at, data.length).set(data);
      return exports.hash(width, height, channels, flag);
    },
    dihedral() {
      exports.dihedral();
    },
    hashBytes(index) {
      return new Uint8Array(exports.memory.buffer, hashesAt + index * 32, 32).slice();
    },
    dctMatrix() {
      return new Float32Array(exports.memory.buffer, exports.dctMatrix(), 16 * 64).slice();
    },
    bMatrix() {
      return new Float32Array(exports.memory.buffer, exports.bMatrix(), 16 * 16).slice();
    },
    aMatrix() {
      return new Float32Array(exports.memory.buffer, exports.aMatrix(), 64 * 64).slice();
    },
  };
}
