import {
  ConfigError,
  type FailMode,
  type ModelSignalOptions,
  normaliseModelCheckPolicy,
  type OrtWasmOptions,
} from '@hashguard/sdk-core';
import type { WorkerModelsConfig } from '../worker/protocol';

/** What the page does when the member's endpoint reports a match. */
export type PreUploadPolicy =
  /** Stop the upload: the endpoint has already recorded the hashes and the account for the member's reporting duty. */
  | 'block'
  /** Let the upload proceed; the server's `checkUpload` quarantines the file so it is preserved and reported. */
  | 'upload-for-review';

/** Request settings passed to `fetch` for the match request. */
export type PreUploadFetchOptions = Pick<
  RequestInit,
  'headers' | 'credentials' | 'mode' | 'cache' | 'referrerPolicy' | 'keepalive'
>;

/** One model signal of the pre-upload check. */
export interface PreUploadModel {
  /**
   * `createModelSignal` options. `model` is a URL (resolved against the
   * page, fetched by ORT in the worker) or the ONNX bytes.
   */
  signal: Omit<ModelSignalOptions, 'runtime' | 'wasm'>;
  /** Label → threshold: a score strictly above it flags the upload for review. Labels not listed never flag. */
  scoreThresholds: Readonly<Record<string, number>>;
}

/**
 * Model signals run in the worker on the pixels it decoded for PDQ. A flag
 * never blocks and never shows on the page: the upload proceeds (whatever
 * `policy` says) and `modelFlagged: true` goes with the hashes to the match
 * endpoint; scores never leave the worker. Embedding-list matching is not
 * offered here: like a hash list, an embedding list never goes to a browser;
 * run it on the server (`createUploadChecker({ models })`).
 */
export interface PreUploadModelsOptions {
  signals: PreUploadModel | readonly PreUploadModel[];
  /**
   * onnxruntime-web's classic build, `ort.wasm.min.js` (or `ort.min.js`) from
   * `onnxruntime-web/dist/`, served by you; the worker loads it with
   * `importScripts` on the first check, and only when models are configured.
   */
  ortScriptUrl: string | URL;
  /** ORT wasm settings. Default: `wasmPaths` beside `ortScriptUrl`, one thread. */
  wasm?: Pick<OrtWasmOptions, 'wasmPaths' | 'numThreads'>;
  /** What a failed model means: `closed` (default) flags the upload for review, `open` ignores it. */
  failMode?: FailMode;
}

export interface PreUploadCheckOptions {
  /** The member's own match endpoint (hashes in, generic verdict out). Never a hotline URL. */
  endpoint: string | URL;
  policy: PreUploadPolicy;
  /** Headers (e.g. a CSRF token), credentials and other `fetch` settings for the match request. */
  fetchOptions?: PreUploadFetchOptions;
  /**
   * Where hashing runs. `true` (default): the bundled worker, started from a
   * Blob URL. A function: your own worker, e.g. for a CSP without
   * `worker-src blob:`: `() => new Worker(new URL('@hashguard/sdk-browser/worker', import.meta.url))`.
   * `false`: the main thread, in chunks. Where `Worker` does not exist the
   * main thread is used whatever this says.
   */
  worker?: boolean | (() => Worker | Promise<Worker>);
  /** Per-attempt timeout of the match request. Default 10 000. */
  timeoutMs?: number;
  /** Retries of the match request after a network error, timeout, 408, 429 or 5xx. Default 2. */
  retryLimit?: number;
  /** Images with more pixels than this are refused with `E_IMAGE_TOO_LARGE`. Default 100 000 000. */
  maxPixels?: number;
  /**
   * Also send the eight dihedral PDQ hashes (rotations and mirrors), for an
   * endpoint with dihedral matching on. Same single pass in the hasher;
   * about 530 more bytes per request. Default false.
   */
  dihedral?: boolean;
  /** Model signals run in the worker (needs a worker; ORT loaded only when set). */
  models?: PreUploadModelsOptions;
}

export interface PreUploadConfig {
  endpoint: string;
  policy: PreUploadPolicy;
  fetchOptions: PreUploadFetchOptions;
  worker: false | (() => Worker | Promise<Worker>) | 'inline';
  timeoutMs: number;
  retryLimit: number;
  maxPixels: number;
  dihedral: boolean;
  models: WorkerModelsConfig | undefined;
}

const POLICIES: readonly PreUploadPolicy[] = ['block', 'upload-for-review'];

function positiveInteger(name: string, value: number, allowZero = false): number {
  if (!Number.isSafeInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `createPreUploadCheck: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} integer, got ${String(value)}.`,
    );
  }
  return value;
}

/** Fills defaults once and refuses nonsense, so the rest of the package never re-checks. */
export function normalisePreUploadOptions(options: PreUploadCheckOptions): PreUploadConfig {
  if (!options || options.endpoint === undefined || options.endpoint === '') {
    throw new ConfigError(
      'E_MISSING_OPTION',
      'createPreUploadCheck: `endpoint` (your match endpoint URL) is required.',
    );
  }
  if (!POLICIES.includes(options.policy)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `createPreUploadCheck: policy must be 'block' or 'upload-for-review', got ${String(options.policy)}.`,
    );
  }
  const workersExist = typeof Worker !== 'undefined';
  const requested = options.worker ?? true;
  const worker =
    !workersExist || requested === false ? false : requested === true ? 'inline' : requested;
  return {
    endpoint: String(options.endpoint),
    policy: options.policy,
    fetchOptions: options.fetchOptions ?? {},
    worker,
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs ?? 10_000),
    retryLimit: positiveInteger('retryLimit', options.retryLimit ?? 2, true),
    maxPixels: positiveInteger('maxPixels', options.maxPixels ?? 100_000_000),
    dihedral: options.dihedral === true,
    models: options.models === undefined ? undefined : normaliseModels(options.models, worker),
  };
}

/** Absolute, because the worker runs from a Blob URL and cannot resolve relative ones. */
function absolute(url: string | URL): string {
  const base = (globalThis as { location?: { href: string } }).location?.href;
  try {
    return new URL(String(url), base).href;
  } catch (cause) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `createPreUploadCheck: models: ${String(url)} is not a URL (relative URLs need a page).`,
      { cause },
    );
  }
}

function normaliseModels(
  options: PreUploadModelsOptions,
  worker: PreUploadConfig['worker'],
): WorkerModelsConfig {
  const invalid = (message: string) =>
    new ConfigError('E_INVALID_OPTIONS', `createPreUploadCheck: models: ${message}`);
  if (worker === false && options && typeof Worker !== 'undefined') {
    throw invalid('model signals run in the worker; remove `worker: false`.');
  }
  const signals = Array.isArray(options?.signals)
    ? options.signals
    : [options?.signals as PreUploadModel];
  if (signals.length === 0 || signals.some((entry) => !entry?.signal)) {
    throw invalid('`signals` needs at least one `{ signal, scoreThresholds }`.');
  }
  if (!options.ortScriptUrl) throw invalid('`ortScriptUrl` (ort.wasm.min.js) is required.');
  const failMode = options.failMode ?? 'closed';
  if (failMode !== 'closed' && failMode !== 'open') {
    throw invalid(`failMode must be 'closed' or 'open', not ${String(failMode)}.`);
  }
  const wasm: OrtWasmOptions = {};
  if (typeof options.wasm?.wasmPaths === 'string')
    wasm.wasmPaths = absolute(options.wasm.wasmPaths);
  else if (options.wasm?.wasmPaths) wasm.wasmPaths = options.wasm.wasmPaths;
  if (options.wasm?.numThreads !== undefined) wasm.numThreads = options.wasm.numThreads;
  return {
    ortScriptUrl: absolute(options.ortScriptUrl),
    wasm,
    failMode,
    signals: signals.map((entry, index) => {
      const name = entry.signal.name ?? `model ${index + 1}`;
      const { scoreThresholds } = normaliseModelCheckPolicy(name, {
        scoreThresholds: entry.scoreThresholds ?? {},
      });
      const model = entry.signal.model;
      const href =
        typeof model === 'string'
          ? model
          : typeof model === 'object' && model !== null && 'href' in model
            ? model.href
            : undefined;
      return {
        signal: { ...entry.signal, name, model: href === undefined ? model : absolute(href) },
        scoreThresholds,
      };
    }),
  };
}
