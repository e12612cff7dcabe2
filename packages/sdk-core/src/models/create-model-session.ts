import { ConfigError } from '../errors/config-error';
import { ModelError } from '../errors/model-error';
import {
  configureOrtWasm,
  loadOnnxRuntime,
  type OnnxRuntime,
  type OrtSessionLike,
  type OrtTensorLike,
  type OrtValueMetadataLike,
  type OrtWasmOptions,
} from './onnx-runtime';
import { performanceNow } from './performance-now';
import { withTimeout } from './with-timeout';

/**
 * ONNX model bytes, or a URL (string or `URL` object) ORT fetches itself:
 * browsers fetch it; in Node pass bytes, or a file path to `createNodeModelSignal`.
 */
export type ModelSource = Uint8Array | ArrayBuffer | string | { readonly href: string };

export interface ModelSessionOptions {
  model: ModelSource;
  /**
   * Longest wait for one run, counted from the call (so including time
   * queued behind other runs). Default 10 000. A run cannot be interrupted:
   * on single-threaded wasm the timeout is detected when it returns.
   */
  timeoutMs?: number;
  /** Longest wait for the model to load. Default 60 000. */
  loadTimeoutMs?: number;
  /** The ORT module. Default: `import('onnxruntime-web')`. */
  runtime?: OnnxRuntime | Promise<OnnxRuntime>;
  /** ORT wasm settings, applied before the first session of the realm is created. */
  wasm?: OrtWasmOptions;
  /** ORT execution providers, in order of preference. Default `['wasm']`; e.g. `['webgpu', 'wasm']`. */
  executionProviders?: readonly string[];
}

/** A float32 tensor in or out of a model. */
export interface ModelTensor {
  data: Float32Array;
  dims: readonly number[];
}

/** What the model declares about an input or output; `shape` is empty when it declares none. */
export interface ModelValueInfo {
  name: string;
  type: string | undefined;
  shape: ReadonlyArray<number | string>;
}

/**
 * One loaded model. Runs are serialised (ORT's wasm backend runs one call
 * per session at a time), so a session can be shared by concurrent checks.
 */
export interface ModelSession {
  readonly inputs: readonly ModelValueInfo[];
  readonly outputs: readonly ModelValueInfo[];
  run(feeds: Readonly<Record<string, ModelTensor>>): Promise<Record<string, ModelTensor>>;
  /** Releases the session; later runs reject with `E_MODEL_RUN`. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_LOAD_TIMEOUT_MS = 60_000;

function positiveMs(name: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback;
  if (!(ms > 0)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `${name} must be a positive number of ms, not ${ms}.`,
    );
  }
  return ms;
}

function modelInput(model: ModelSource): Uint8Array | string {
  if (model instanceof Uint8Array) return model;
  if (model instanceof ArrayBuffer) return new Uint8Array(model);
  if (typeof model === 'string' && model.length > 0) return model;
  if (typeof model === 'object' && model !== null && typeof model.href === 'string') {
    return model.href;
  }
  throw new ConfigError(
    'E_INVALID_OPTIONS',
    'model must be the ONNX bytes (Uint8Array or ArrayBuffer) or a URL.',
  );
}

function describe(metadata: readonly OrtValueMetadataLike[] | undefined, names: readonly string[]) {
  return names.map((name): ModelValueInfo => {
    const entry = metadata?.find((item) => item.name === name);
    return { name, type: entry?.type, shape: entry?.shape ?? [] };
  });
}

function toModelTensor(name: string, tensor: OrtTensorLike): ModelTensor {
  if (tensor.type !== 'float32' || !(tensor.data instanceof Float32Array)) {
    throw new ModelError(
      'E_MODEL_SHAPE',
      `Model output "${name}" is ${tensor.type}; Hashguard reads float32 outputs only.`,
    );
  }
  return { data: tensor.data, dims: [...tensor.dims] };
}

/** Loads a model once; every `run` reuses the session. */
export async function createModelSession(options: ModelSessionOptions): Promise<ModelSession> {
  const timeoutMs = positiveMs('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS);
  const loadTimeoutMs = positiveMs('loadTimeoutMs', options.loadTimeoutMs, DEFAULT_LOAD_TIMEOUT_MS);
  const input = modelInput(options.model);
  if (input instanceof Uint8Array && input.length === 0) {
    throw new ModelError('E_MODEL_LOAD', 'The model is empty (0 bytes).');
  }
  const executionProviders = [...(options.executionProviders ?? ['wasm'])];

  const loading = (async () => {
    const runtime = await (options.runtime ?? loadOnnxRuntime());
    configureOrtWasm(runtime, options.wasm);
    try {
      return {
        runtime,
        session: await runtime.InferenceSession.create(input, { executionProviders }),
      };
    } catch (cause) {
      throw new ModelError(
        'E_MODEL_LOAD',
        `The model could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}. ` +
          'Check that it is a valid ONNX file the runtime supports (opset, operators).',
        { cause },
      );
    }
  })();
  let loaded: { runtime: OnnxRuntime; session: OrtSessionLike };
  try {
    loaded = await withTimeout(loading, loadTimeoutMs, 'Loading the model');
  } catch (error) {
    // A load that finishes after we gave up must not leak its session.
    loading.then(({ session }) => session.release?.()).catch(() => {});
    throw error;
  }
  const { runtime, session } = loaded;

  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function runNow(
    feeds: Readonly<Record<string, ModelTensor>>,
    calledAt: number,
    abandoned: () => boolean,
  ): Promise<Record<string, ModelTensor>> {
    if (closed) throw new ModelError('E_MODEL_RUN', 'The model session is closed.');
    // Timed out while queued: do not spend the thread on an answer nobody awaits.
    if (abandoned()) throw new ModelError('E_MODEL_TIMEOUT', 'Timed out while queued.');
    const ortFeeds: Record<string, OrtTensorLike> = {};
    for (const [name, tensor] of Object.entries(feeds)) {
      ortFeeds[name] = new runtime.Tensor('float32', tensor.data, tensor.dims);
    }
    let results: Record<string, OrtTensorLike>;
    try {
      results = await session.run(ortFeeds);
    } catch (cause) {
      throw new ModelError(
        'E_MODEL_RUN',
        `The model failed to run: ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
    // Single-threaded wasm computes synchronously inside `run`, so no timer
    // can fire until it returns; the deadline is checked here as well, so a
    // slow run is a timeout on every backend, not only on asynchronous ones.
    const elapsed = performanceNow() - calledAt;
    if (elapsed > timeoutMs) {
      throw new ModelError(
        'E_MODEL_TIMEOUT',
        `Running the model took ${Math.round(elapsed)} ms, over timeoutMs (${timeoutMs}).`,
      );
    }
    const outputs: Record<string, ModelTensor> = {};
    for (const [name, tensor] of Object.entries(results))
      outputs[name] = toModelTensor(name, tensor);
    return outputs;
  }

  return {
    inputs: describe(session.inputMetadata, session.inputNames),
    outputs: describe(session.outputMetadata, session.outputNames),
    run(feeds) {
      let timedOut = false;
      const calledAt = performanceNow();
      const job = tail.then(() => runNow(feeds, calledAt, () => timedOut));
      tail = job.catch(() => {});
      return withTimeout(job, timeoutMs, 'Running the model').catch((error: unknown) => {
        if (error instanceof ModelError && error.code === 'E_MODEL_TIMEOUT') timedOut = true;
        throw error;
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await tail;
      await session.release?.();
    },
  };
}
