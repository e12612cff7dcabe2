import type { ModelFlag } from '../models/apply-model-signal';
import type { EmbeddingMatch } from '../models/embedding-index';
import type { CheckAlgorithm, Verdict } from './verdict';

/** The hashes of one upload, as `hashFile()` or a browser pre-upload check gives them. */
export interface CheckHashes {
  md5?: string;
  sha1?: string;
  sha256?: string;
  /** 64 hex digits. */
  pdq?: string;
  /** PDQ quality 0..100; a PDQ hash below the policy's minimum is not matched. */
  quality?: number;
  /** The 8 dihedral PDQ hashes (the original first), when dihedral matching is on. */
  pdqDihedral?: readonly string[];
}

/** The query a matcher answers: hashes only, PDQ already gated by quality. */
export interface CheckQuery {
  md5?: string;
  sha1?: string;
  sha256?: string;
  pdq?: string;
  pdqDihedral?: readonly string[];
}

/** One list entry an upload matched. */
export interface CheckMatch {
  listId: string;
  entryId: string;
  algorithm: CheckAlgorithm;
  /** Hamming distance for PDQ; 0 for exact digests. */
  distance: number;
  category?: string;
}

/**
 * What the policy needs from the matching index: every entry within
 * `pdqThreshold` (never fewer than a linear scan) plus every exact digest hit.
 */
export interface PolicyMatcher {
  match(query: CheckQuery, options: { pdqThreshold: number }): readonly CheckMatch[];
}

/** Which version of a list answered, and when it was last refreshed (ms since epoch). */
export interface ActiveListVersion {
  listId: string;
  version: string;
  updatedAt: number;
}

/** The lists currently served; swapped as a whole when a sync finishes. */
export interface ActiveLists {
  matcher: PolicyMatcher;
  listVersions: readonly ActiveListVersion[];
}

/** Why the verdict is what it is; for the audit log, never for the uploader. */
export type CheckReason =
  | 'match'
  | 'no-match'
  | 'stale-lists'
  | 'no-lists'
  | 'error'
  /** A model signal's score or embedding match turned `allow` into `review`. */
  | 'model-flag'
  /** A model signal failed and fail mode `closed` turned `allow` into `review`. */
  | 'model-error';

export interface CheckTimings {
  /** Hashing, when the caller hashed (checkUpload); absent for hashes-only checks. */
  hashMs?: number;
  /** Index lookups. */
  matchMs: number;
  /** Everything in the check core: gating, lookups, policy. */
  checkMs: number;
  /** Model signals, when configured: preprocessing and runs of every model, wall time. */
  modelMs?: number;
}

/**
 * What one model signal said about an upload: for the member's audit log and
 * model calibration, never for the uploader. Carries scores and list ids,
 * never the embedding vector itself.
 */
export interface CheckModelEvidence {
  /** The signal's `name`. */
  model: string;
  /** Label → score, when the model gives scores. */
  scores?: Record<string, number>;
  /** Embedding-list entries at or above the similarity threshold, most similar first. */
  embeddingMatches?: EmbeddingMatch[];
  /** Why this model asks for review; empty when it does not. */
  flags: ModelFlag[];
  /** The model failed (load, shape, timeout, run); the check's fail mode decided. */
  failed: boolean;
  error?: { code: string; message: string };
  /** Of this model, when it ran. */
  timings?: { preprocessMs: number; runMs: number };
}

export interface CheckResult {
  verdict: Verdict;
  reason: CheckReason;
  /** Matches that count under the policy (within their list's threshold). */
  matches: CheckMatch[];
  hashes: CheckHashes;
  quality: number | undefined;
  /** False when the PDQ hash was missing or below the minimum quality. */
  pdqUsed: boolean;
  listVersions: ActiveListVersion[];
  /** Lists older than the staleness limit at the time of the check. */
  staleLists: string[];
  timings: CheckTimings;
  /** The internal error a fail-mode verdict stands in for. */
  error?: { code: string; message: string };
  /** One entry per configured model signal, when the check ran models on the decoded pixels. */
  models?: CheckModelEvidence[];
}

/** Caller-supplied audit context (upload id, account, client); recorded, never interpreted. */
export type CheckContext = Readonly<Record<string, unknown>>;

/** Payload of `upload:checked`: everything an audit log needs, nothing but ids and hashes. */
export interface UploadCheckedEvent extends CheckResult {
  /** When the check finished, ms since epoch. */
  at: number;
  context: CheckContext;
}

export type CheckEventMap = { 'upload:checked': UploadCheckedEvent };
