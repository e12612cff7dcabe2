import { ConfigError } from '@hashguard/sdk-core';

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
  };
}
