import {
  type ActiveLists,
  type CheckContext,
  type CheckCore,
  type CheckEventMap,
  type CheckHashes,
  type CheckResult,
  type Clock,
  ConfigError,
  createCheckCore,
  createMatcher,
  type EventEmitter,
  type ListInfo,
  type Matcher,
  type MatcherSource,
  type Pixels,
  type PolicyOptions,
} from '@hashguard/sdk-core';
import { hashWithConfig } from '../hashing/hash-file';
import { type HashFileOptions, normaliseHashOptions } from '../hashing/hash-options';
import type { HashInput } from '../hashing/read-input';
import { createListMatcher } from '../lists/list-matcher';
import type { ListSync } from '../lists/list-sync';
import { readListFile } from '../lists/read-list-file';
import { createUploadModels, type UploadModel, type UploadModels } from './upload-models';

export interface UploadCheckerOptions {
  /** Fixed lists: a matcher, a decoded set, snapshot bytes, or plain `HashList`s. */
  lists?: Matcher | MatcherSource;
  /** Fixed lists from files: snapshots (`hashguard list import`, a sync's store) or any list format. */
  snapshotPath?: string | readonly string[];
  /** Lists kept current by `createListSync`; its `maxAgeMs` becomes the policy's staleness limit. */
  listSync?: ListSync;
  policy?: PolicyOptions;
  /** Receives `upload:checked` for every decision, with everything an audit log needs. */
  events?: Pick<EventEmitter<CheckEventMap>, 'emit'>;
  /** How uploads are hashed; `dihedral: true` also matches rotated and mirrored copies. */
  hash?: HashFileOptions;
  clock?: Pick<Clock, 'now'>;
  /**
   * Model signals run by `checkUpload` on the pixels the hashing decoded (no
   * second decode), after the hash check. A score over a threshold or an
   * embedding match turns `allow` into `review`, never into `block`; a
   * failed model follows `policy.failMode`. The evidence is in the result's
   * and the event's `models`; `checkHashes` has no pixels and runs none.
   */
  models?: UploadModel | readonly UploadModel[];
}

export interface UploadChecker {
  /** Hashes the upload and decides. Never rejects: errors become the fail-mode verdict. */
  checkUpload(input: HashInput, context?: CheckContext): Promise<CheckResult>;
  /** Decides on hashes computed elsewhere (a worker, the browser). */
  checkHashes(hashes: CheckHashes, context?: CheckContext): CheckResult;
  /** The pure core, e.g. for `createMatchHandler({ core })`. */
  readonly core: CheckCore;
  /**
   * Resolves once lists and model signals are loaded (fixed lists, or a
   * sync's stored snapshots); rejects with the first load error.
   */
  ready(): Promise<void>;
  /** Releases the model signals the checker created from options. */
  close(): Promise<void>;
}

type Performance = { now(): number };
const clockMs = () => (globalThis as { performance: Performance }).performance.now();

/**
 * `checkUpload(file)`: hash, look up every active list, apply the policy. The
 * result is for the member's server; only `verdict` may reach the uploader.
 */
export function createUploadChecker(options: UploadCheckerOptions): UploadChecker {
  const sourcesGiven = [options.lists, options.snapshotPath, options.listSync].filter(
    (s) => s !== undefined,
  );
  if (sourcesGiven.length !== 1) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'createUploadChecker needs exactly one of `lists`, `snapshotPath` or `listSync`.',
    );
  }
  const hashConfig = normaliseHashOptions(options.hash);
  const policy: PolicyOptions = {
    ...options.policy,
    maxListAgeMs: options.policy?.maxListAgeMs ?? options.listSync?.maxAgeMs,
  };

  let fixed: ActiveLists | undefined;
  let loadError: unknown;
  let loading: Promise<void> = Promise.resolve();
  if (options.lists !== undefined) {
    fixed = fromMatcher(
      isMatcher(options.lists) ? options.lists : createMatcher(options.lists),
      options.clock,
    );
  } else if (options.snapshotPath !== undefined) {
    const paths =
      typeof options.snapshotPath === 'string' ? [options.snapshotPath] : options.snapshotPath;
    loading = Promise.all(paths.map((path) => readListFile(path))).then(
      (sets) => {
        fixed = fromMatcher(createListMatcher(sets), options.clock);
      },
      (error) => {
        loadError = error;
        throw error;
      },
    );
    loading.catch(() => {}); // surfaced through ready() and every check's fail-mode result
  }
  const listSync = options.listSync;
  if (listSync) {
    // Serve what the store already holds (no network) as soon as possible; pulls are the sync's job.
    loading = listSync.load().then(() => undefined);
    loading.catch(() => {}); // a store that cannot be read shows as `list:sync-failed` and fail mode
  }
  const core = createCheckCore({
    active: listSync ? () => listSync.active() : () => fixed,
    policy,
    events: options.events,
    clock: options.clock,
  });

  const models: UploadModels | undefined =
    options.models === undefined
      ? undefined
      : createUploadModels(options.models, core.policy.failMode);
  const ready = models ? Promise.all([loading, models.ready]).then(() => undefined) : loading;
  ready.catch(() => {}); // surfaced through ready() and each check's evidence
  return {
    core,
    ready: () => ready,
    close: async () => {
      await models?.close();
    },
    checkHashes: (hashes, context) => core.check(hashes, context),
    async checkUpload(input, context = {}) {
      await loading.catch(() => {});
      if (loadError !== undefined) return core.fail(loadError, context);
      const started = clockMs();
      let hashes: CheckHashes;
      let pixels: Pixels | undefined;
      try {
        const keepPixels = models
          ? (decoded: Pixels) => {
              pixels = decoded;
            }
          : undefined;
        const hashed = await hashWithConfig(input, hashConfig, keepPixels);
        hashes = {
          md5: hashed.md5,
          sha1: hashed.sha1,
          sha256: hashed.sha256,
          pdq: hashed.pdq,
          quality: hashed.quality,
        };
        if (hashed.pdqDihedral) hashes.pdqDihedral = Object.values(hashed.pdqDihedral);
      } catch (error) {
        // Unreadable or undecodable input: the policy's fail mode decides, never a crash.
        return core.fail(error, context, {}, { hashMs: clockMs() - started });
      }
      const measured = { hashMs: clockMs() - started };
      if (!models || !pixels) return core.check(hashes, context, measured);
      // Decide on the hashes first, add the models' evidence, then emit once.
      const decided = core.decide(hashes, measured);
      return core.record(await models.apply(decided, pixels), context);
    },
  };
}

function isMatcher(value: Matcher | MatcherSource): value is Matcher {
  return typeof (value as Matcher).match === 'function';
}

function fromMatcher(matcher: Matcher, clock: Pick<Clock, 'now'> | undefined): ActiveLists {
  const loadedAt = (clock ?? Date).now();
  return { matcher, listVersions: matcher.lists.map((info) => versionOf(info, loadedAt)) };
}

function versionOf(info: ListInfo, fallback: number) {
  const synced = Date.parse(info.syncedAt ?? '');
  return {
    listId: info.listId,
    version: info.version,
    updatedAt: Number.isNaN(synced) ? fallback : synced,
  };
}
