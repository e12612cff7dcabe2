import type { FileHashes, HashProgress } from '../hashing/file-hashes';
import type { HashEngine, HashOutcome } from '../hashing/hash-engine';
import { createMainThreadEngine } from '../hashing/main-thread-engine';
import { createWorkerEngine } from '../hashing/worker-engine';
import { spawnInlineWorker } from '../worker/inline-worker';
import { requestVerdict } from './match-request';
import { normalisePreUploadOptions, type PreUploadCheckOptions } from './pre-upload-options';

/**
 * What the page learns. Deliberately two values: the UI must never tell the
 * uploader what matched, or that anything matched when the policy lets the
 * upload proceed for review.
 */
export type PreUploadVerdict = 'allow' | 'block';

export interface PreUploadResult {
  verdict: PreUploadVerdict;
  /** What was sent to the endpoint; keep it with the upload to save the server hashing twice, if you trust the client. */
  hashes: FileHashes;
}

export interface PreUploadProgress {
  stage: HashProgress['stage'] | 'matching' | 'done';
  /** 0..1 over the whole check. */
  fraction: number;
}

export interface CheckOptions {
  signal?: AbortSignal;
  onProgress?: (progress: PreUploadProgress) => void;
}

export interface PreUploadCheck {
  /**
   * Hashes `file` on the device and asks the member's endpoint for a verdict.
   * Only hashes leave the browser. Rejects with the signal's reason when
   * aborted, with a Hashguard error otherwise.
   */
  check(file: Blob, options?: CheckOptions): Promise<PreUploadResult>;
  /** Where hashing runs, after feature detection. */
  readonly runsIn: 'worker' | 'main-thread';
  /** Stops the worker; checks in flight reject. A later `check` starts a new one. */
  terminate(): void;
}

/**
 * Whether the models ask for review, for the match request. A flag never
 * changes what the page is told: it cannot block by itself, and telling the
 * uploader would tip them off. Without a Worker the models cannot run; the
 * fail mode decides, as for any failed model.
 */
function modelFlagOf(
  config: ReturnType<typeof normalisePreUploadOptions>,
  engine: HashEngine,
  outcome: HashOutcome,
): boolean | undefined {
  if (!config.models) return undefined;
  if (engine.kind === 'main-thread') return config.models.failMode === 'closed';
  return outcome.modelFlagged;
}

/** Share of the progress bar for hashing; the match request takes the rest. */
const HASHING_SHARE = 0.9;

function createEngine(config: ReturnType<typeof normalisePreUploadOptions>): HashEngine {
  const settings = { maxPixels: config.maxPixels, dihedral: config.dihedral };
  if (config.worker === false) return createMainThreadEngine(settings);
  const spawn = config.worker === 'inline' ? spawnInlineWorker : config.worker;
  return createWorkerEngine(spawn, settings, config.models);
}

/**
 * A pre-upload check: hash on the device (in a Web Worker), send hashes only,
 * get a generic verdict. It is an early warning, not the control: a client
 * can be modified or skipped, so the server must still run `checkUpload` on
 * every file it receives.
 */
export function createPreUploadCheck(options: PreUploadCheckOptions): PreUploadCheck {
  const config = normalisePreUploadOptions(options);
  const engine = createEngine(config);
  return {
    runsIn: engine.kind,
    async check(file: Blob, { signal, onProgress }: CheckOptions = {}): Promise<PreUploadResult> {
      // A progress callback that throws (a UI bug) must not break the check;
      // its error is rethrown on its own so it still reaches the console.
      const report = (progress: PreUploadProgress) => {
        try {
          onProgress?.(progress);
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      };
      const outcome = await engine.hash(file, {
        ...(signal && { signal }),
        onProgress: (progress) =>
          report({ stage: progress.stage, fraction: progress.fraction * HASHING_SHARE }),
      });
      const { hashes } = outcome;
      report({ stage: 'matching', fraction: HASHING_SHARE });
      const endpointVerdict = await requestVerdict(
        config,
        hashes,
        signal,
        modelFlagOf(config, engine, outcome),
      );
      // 'upload-for-review' never stops the upload: the server quarantines it,
      // and the page behaves exactly as for any other file.
      const verdict: PreUploadVerdict =
        config.policy === 'block' && endpointVerdict !== 'allow' ? 'block' : 'allow';
      report({ stage: 'done', fraction: 1 });
      return { verdict, hashes };
    },
    terminate: () => engine.terminate(),
  };
}
