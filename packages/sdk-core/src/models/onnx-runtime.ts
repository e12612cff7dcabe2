import { ModelError } from '../errors/model-error';

// The slice of the onnxruntime-web API Hashguard uses, typed structurally so
// that sdk-core compiles without ORT's DOM-flavoured types and a member can
// pass any build with the same API: `onnxruntime-web/webgpu`, or
// `onnxruntime-node` on a server.

/** A tensor as ORT returns it. Hashguard reads float32 outputs only. */
export interface OrtTensorLike {
  readonly type: string;
  readonly dims: readonly number[];
  readonly data: unknown;
}

/** ORT's metadata of one input or output (onnxruntime-common ≥ 1.22). */
export interface OrtValueMetadataLike {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  /** Numbers are fixed sizes, strings symbolic (e.g. `'batch'`); empty when unknown. */
  readonly shape?: ReadonlyArray<number | string>;
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadataLike[];
  readonly outputMetadata?: readonly OrtValueMetadataLike[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release?(): Promise<void>;
}

export interface OrtSessionOptionsLike {
  executionProviders?: readonly string[];
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
}

/** The onnxruntime-web module (or one with the same API). */
export interface OnnxRuntime {
  InferenceSession: {
    create(model: Uint8Array | string, options?: OrtSessionOptionsLike): Promise<OrtSessionLike>;
  };
  Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensorLike;
  env?: { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
}

/**
 * Where ORT finds its `.wasm` and `.mjs` files and how many threads it uses.
 * ORT reads these once, when the first session of the realm is created;
 * later values are ignored (an ORT rule, not ours).
 */
export interface OrtWasmOptions {
  /** A URL prefix ending in `/`, or the two files' URLs. Node: set by `createNodeModelSignal`. */
  wasmPaths?: string | { mjs?: string; wasm?: string };
  /** Threads for the wasm backend. 1 avoids worker threads (and cross-origin isolation in browsers). */
  numThreads?: number;
  /** Browsers: run ORT in its own worker so a long run never blocks the page. Not in Node. */
  proxy?: boolean;
}

/**
 * `import('onnxruntime-web')`, on first use only: members who never create
 * a model signal never load ORT, and bundlers split it into its own chunk.
 */
export async function loadOnnxRuntime(): Promise<OnnxRuntime> {
  try {
    const module = (await import('onnxruntime-web')) as unknown as OnnxRuntime & {
      default?: OnnxRuntime;
    };
    return module.InferenceSession ? module : (module.default as OnnxRuntime);
  } catch (cause) {
    throw new ModelError(
      'E_MODEL_LOAD',
      'Could not load onnxruntime-web. It is a dependency of @hashguard/sdk-core; check that it is installed, or pass `runtime`.',
      { cause },
    );
  }
}

/** Applies `options` to `runtime.env.wasm`, leaving unset fields as the member or ORT left them. */
export function configureOrtWasm(runtime: OnnxRuntime, options: OrtWasmOptions | undefined): void {
  const wasm = runtime.env?.wasm;
  if (!wasm || !options) return;
  if (options.wasmPaths !== undefined) wasm.wasmPaths = options.wasmPaths;
  if (options.numThreads !== undefined) wasm.numThreads = options.numThreads;
  if (options.proxy !== undefined) wasm.proxy = options.proxy;
}
