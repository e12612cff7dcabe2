import { ConfigError } from '../errors/config-error';
import { type FailMode, stricterVerdict, type Verdict } from '../policy/verdict';
import type { ModelSignalResult } from './create-model-signal';
import type { EmbeddingMatch } from './embedding-index';

export interface ModelSignalPolicy {
  /** Label → threshold: a score strictly above it flags the upload. Labels not listed never flag. */
  scoreThresholds?: Readonly<Record<string, number>>;
  /** Cosine similarity at or above which an embedding-list match flags. Default 0.9. */
  embeddingThreshold?: number;
  /** What a failed model means; pass the check's own. Default `closed`: review. */
  failMode?: FailMode;
}

/** What one model said about one upload, or why it said nothing. From `evaluateModelSignal`. */
export type ModelSignalEvidence =
  | { ok: true; result: ModelSignalResult; embeddingMatches?: readonly EmbeddingMatch[] }
  | { ok: false; model: string; error: { code: string; message: string } };

export type ModelFlag =
  | { kind: 'score'; model: string; label: string; score: number; threshold: number }
  | {
      kind: 'embedding';
      model: string;
      id: string;
      similarity: number;
      threshold: number;
      category?: string;
    };

export interface ModelSignalDecision {
  verdict: Verdict;
  /** Why the model asks for review; empty when it does not. For the audit log, never the uploader. */
  flags: ModelFlag[];
  /** The model failed and the fail mode decided. */
  failed: boolean;
  error?: { code: string; message: string };
}

function checkThreshold(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `${name} must be a finite number, not ${String(value)}.`,
    );
  }
}

/**
 * Folds a model's evidence into a verdict. Pure: the same inputs always give
 * the same decision. A model can only ask for human review: a flag turns
 * `allow` into `review` and never produces `block` (a classifier's score is
 * not the hotline-confirmed match a block rests on). A failed model follows
 * `failMode`: `closed` → at least `review`, `open` → the verdict unchanged.
 */
export function applyModelSignal(
  verdict: Verdict,
  evidence: ModelSignalEvidence,
  policy: ModelSignalPolicy = {},
): ModelSignalDecision {
  const failMode = policy.failMode ?? 'closed';
  if (failMode !== 'closed' && failMode !== 'open') {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `failMode must be 'closed' or 'open', not ${String(failMode)}.`,
    );
  }
  const embeddingThreshold = policy.embeddingThreshold ?? 0.9;
  checkThreshold('embeddingThreshold', embeddingThreshold);
  const thresholds = Object.entries(policy.scoreThresholds ?? {});
  for (const [label, threshold] of thresholds)
    checkThreshold(`scoreThresholds.${label}`, threshold);

  if (!evidence.ok) {
    return {
      verdict: failMode === 'closed' ? stricterVerdict(verdict, 'review') : verdict,
      flags: [],
      failed: true,
      error: evidence.error,
    };
  }
  const { result } = evidence;
  const flags: ModelFlag[] = [];
  for (const [label, threshold] of thresholds) {
    const score = result.scores?.[label];
    if (score !== undefined && score > threshold) {
      flags.push({ kind: 'score', model: result.model, label, score, threshold });
    }
  }
  for (const match of evidence.embeddingMatches ?? []) {
    if (match.similarity >= embeddingThreshold) {
      flags.push({
        kind: 'embedding',
        model: result.model,
        id: match.id,
        similarity: match.similarity,
        threshold: embeddingThreshold,
        ...(match.category === undefined ? {} : { category: match.category }),
      });
    }
  }
  return {
    verdict: flags.length > 0 ? stricterVerdict(verdict, 'review') : verdict,
    flags,
    failed: false,
  };
}
