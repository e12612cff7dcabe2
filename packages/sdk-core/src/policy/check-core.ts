import { ConfigError } from '../errors/config-error';
import { isHashguardError } from '../errors/is-hashguard-error';
import type { EventEmitter } from '../events';
import type { Clock } from '../ports/clock';
import type {
  ActiveLists,
  ActiveListVersion,
  CheckContext,
  CheckEventMap,
  CheckHashes,
  CheckMatch,
  CheckQuery,
  CheckReason,
  CheckResult,
  PolicyMatcher,
} from './check-types';
import {
  listPolicyFor,
  type NormalisedPolicy,
  normalisePolicy,
  type PolicyOptions,
  stricterVerdict,
  type Verdict,
} from './verdict';

export interface CheckCoreOptions {
  /** Fixed lists. Use `active` instead when a sync swaps them. */
  matcher?: PolicyMatcher;
  /** Versions of the fixed lists, for staleness and the audit log. */
  listVersions?: readonly ActiveListVersion[];
  /** The lists served right now (wins over `matcher`); `undefined` while none is loaded. */
  active?: () => ActiveLists | undefined;
  policy?: PolicyOptions;
  /**
   * Receives `upload:checked`; any emitter whose map includes `CheckEventMap`.
   * An error thrown out of `emit` is ignored: report listener errors in the emitter.
   */
  events?: Pick<EventEmitter<CheckEventMap>, 'emit'>;
  /** Wall clock for staleness and event times. */
  clock?: Pick<Clock, 'now'>;
}

export interface CheckCore {
  readonly policy: NormalisedPolicy;
  /** Matches hashes against the active lists and applies the policy. Never throws. */
  check(hashes: CheckHashes, context?: CheckContext, measured?: { hashMs?: number }): CheckResult;
  /**
   * `check` without emitting `upload:checked`, for callers that add evidence
   * first (model signals on the decoded pixels) and then `record` the result.
   */
  decide(hashes: CheckHashes, measured?: { hashMs?: number }): CheckResult;
  /** Emits `upload:checked` for a result of `decide` (with any evidence added) and returns it. */
  record(result: CheckResult, context?: CheckContext): CheckResult;
  /** The fail-mode verdict for an upload that could not be checked (e.g. hashing failed). */
  fail(
    error: unknown,
    context?: CheckContext,
    hashes?: CheckHashes,
    measured?: { hashMs?: number },
  ): CheckResult;
}

type Performance = { now(): number };
// A Web-standard global in browsers, workers and Node; read structurally so core stays platform-free.
const monotonic: () => number = (() => {
  const performance = (globalThis as { performance?: Performance }).performance;
  return performance ? () => performance.now() : () => Date.now();
})();

const systemClock = { now: () => Date.now() };

export function createCheckCore(options: CheckCoreOptions): CheckCore {
  const policy = normalisePolicy(options.policy);
  const clock = options.clock ?? systemClock;
  const events = options.events;
  const active = resolveActive(options);

  function record(result: CheckResult, context: CheckContext = {}): CheckResult {
    try {
      events?.emit('upload:checked', { ...result, at: clock.now(), context });
    } catch {
      // A listener's failure (an emitter that passes it on, e.g. Node's) is the
      // listener's to report: it must not change the verdict, turn into a
      // second 'error' record, or reach the caller, where it would differ
      // between listed and unlisted files. `createEventEmitter` hands it to
      // its `onListenerError`.
    }
    return result;
  }
  // `context` undefined: decide only (see `decide`); the caller records.
  function finish(result: CheckResult, context: CheckContext | undefined): CheckResult {
    return context === undefined ? result : record(result, context);
  }

  function failed(
    error: unknown,
    context: CheckContext | undefined,
    hashes: CheckHashes,
    listVersions: ActiveListVersion[],
    timings: CheckResult['timings'],
  ): CheckResult {
    return finish(
      {
        verdict: policy.failMode === 'closed' ? 'review' : 'allow',
        reason: 'error',
        matches: [],
        hashes,
        quality: hashes.quality,
        pdqUsed: false,
        listVersions,
        staleLists: [],
        timings,
        error: describeError(error),
      },
      context,
    );
  }

  return {
    policy,
    fail(error, context = {}, hashes = {}, measured = {}) {
      const timings = { ...measured, matchMs: 0, checkMs: 0 };
      return failed(error, context, hashes, [...(active()?.listVersions ?? [])], timings);
    },
    record,
    check: (hashes, context = {}, measured = {}) => evaluate(hashes, context, measured),
    decide: (hashes, measured = {}) => evaluate(hashes, undefined, measured),
  };

  function evaluate(
    hashes: CheckHashes,
    context: CheckContext | undefined,
    measured: { hashMs?: number },
  ): CheckResult {
    const started = monotonic();
    let lists: ActiveLists | undefined;
    try {
      lists = active();
      const listVersions = [...(lists?.listVersions ?? [])];
      const pdqUsed =
        hashes.pdq !== undefined &&
        (hashes.quality === undefined || hashes.quality >= policy.pdqMinQuality);
      if (!lists) {
        // Nothing loaded yet (first sync pending or failed): no answer we can vouch for.
        const verdict: Verdict = policy.failMode === 'closed' ? 'review' : 'allow';
        const timings = { ...measured, matchMs: 0, checkMs: monotonic() - started };
        return finish(
          {
            verdict,
            reason: 'no-lists',
            matches: [],
            hashes,
            quality: hashes.quality,
            pdqUsed,
            listVersions,
            staleLists: [],
            timings,
          },
          context,
        );
      }
      const query: CheckQuery = { md5: hashes.md5, sha1: hashes.sha1, sha256: hashes.sha256 };
      if (pdqUsed) {
        query.pdq = hashes.pdq;
        if (hashes.pdqDihedral) query.pdqDihedral = hashes.pdqDihedral;
      }
      const matchStarted = monotonic();
      const candidates = lists.matcher.match(query, { pdqThreshold: policy.maxPdqThreshold });
      const matchMs = monotonic() - matchStarted;

      const matches: CheckMatch[] = [];
      let verdict: Verdict = 'allow';
      for (const match of candidates) {
        const listPolicy = listPolicyFor(policy, match.listId);
        if (match.algorithm === 'pdq') {
          if (match.distance > listPolicy.pdqThreshold) continue;
          verdict = stricterVerdict(verdict, listPolicy.pdqAction);
        } else {
          verdict = stricterVerdict(verdict, listPolicy.exactAction);
        }
        matches.push(match);
      }
      let reason: CheckReason = matches.length > 0 ? 'match' : 'no-match';

      const now = clock.now();
      const staleLists = listVersions
        .filter((list) => now - list.updatedAt > policy.maxListAgeMs)
        .map((list) => list.listId);
      if (staleLists.length > 0 && policy.failMode === 'closed') {
        // An old list may miss entries added since; don't let "no match" stand as "allow".
        const failVerdict = stricterVerdict(verdict, 'review');
        if (failVerdict !== verdict) reason = 'stale-lists';
        verdict = failVerdict;
      }
      const timings = { ...measured, matchMs, checkMs: monotonic() - started };
      return finish(
        {
          verdict,
          reason,
          matches,
          hashes,
          quality: hashes.quality,
          pdqUsed,
          listVersions,
          staleLists,
          timings,
        },
        context,
      );
    } catch (error) {
      const timings = { ...measured, matchMs: 0, checkMs: monotonic() - started };
      return failed(error, context, hashes, [...(lists?.listVersions ?? [])], timings);
    }
  }
}

function resolveActive(options: CheckCoreOptions): () => ActiveLists | undefined {
  if (options.active) return options.active;
  if (!options.matcher) {
    throw new ConfigError(
      'E_MISSING_OPTION',
      'createCheckCore needs `matcher` (fixed lists) or `active` (synced lists).',
    );
  }
  const fixed: ActiveLists = { matcher: options.matcher, listVersions: options.listVersions ?? [] };
  return () => fixed;
}

function describeError(error: unknown): { code: string; message: string } {
  if (isHashguardError(error)) return { code: error.code, message: error.message };
  return { code: 'E_INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
