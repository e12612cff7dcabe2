import { ConfigError } from '../errors/config-error';
import type { CheckModelEvidence, CheckReason, CheckResult } from '../policy/check-types';
import type { FailMode } from '../policy/verdict';
import {
  applyModelSignal,
  type ModelSignalEvidence,
  type ModelSignalPolicy,
} from './apply-model-signal';

/** The thresholds of one model signal in a check; the fail mode is the check's own. */
export type ModelCheckPolicy = Omit<ModelSignalPolicy, 'failMode'>;

/** One model's evidence with the policy that settles it. */
export interface ModelCheckInput {
  evidence: ModelSignalEvidence;
  policy: ModelCheckPolicy;
}

/**
 * Validates a model signal's thresholds once, when a checker is created, so
 * a typo fails at start-up rather than on every upload. Returns the policy
 * with its defaults filled in.
 */
export function normaliseModelCheckPolicy(
  name: string,
  policy: ModelCheckPolicy,
): Required<ModelCheckPolicy> {
  const finite = (what: string, value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        `models (${name}): ${what} must be a finite number, not ${String(value)}.`,
      );
    }
  };
  const embeddingThreshold = policy.embeddingThreshold ?? 0.9;
  finite('embeddingThreshold', embeddingThreshold);
  const scoreThresholds = { ...policy.scoreThresholds };
  for (const [label, threshold] of Object.entries(scoreThresholds)) {
    finite(`scoreThresholds.${label}`, threshold);
  }
  return { scoreThresholds, embeddingThreshold };
}

function toCheckEvidence(
  evidence: ModelSignalEvidence,
  decision: ReturnType<typeof applyModelSignal>,
): CheckModelEvidence {
  if (!evidence.ok) {
    return { model: evidence.model, flags: [], failed: true, error: evidence.error };
  }
  const { result, embeddingMatches } = evidence;
  // The embedding vector itself stays out: it is derived from the image, and
  // the audit log needs which entries matched, not the vector.
  const out: CheckModelEvidence = {
    model: result.model,
    flags: decision.flags,
    failed: false,
    timings: { ...result.timings },
  };
  if (result.scores) out.scores = { ...result.scores };
  if (embeddingMatches) out.embeddingMatches = embeddingMatches.map((match) => ({ ...match }));
  return out;
}

/**
 * Folds every model's evidence into a hash-check result. A model can only
 * ask for review: a flag turns `allow` into `review` (reason `model-flag`);
 * a failed model under fail mode `closed` does the same (reason
 * `model-error`), under `open` it leaves the verdict alone. `block` stays
 * `block`, and a model never produces it. Pure; the result carries each
 * model's evidence in `models` and the model stage's wall time in
 * `timings.modelMs`.
 */
export function applyModelsToCheck(
  result: CheckResult,
  inputs: readonly ModelCheckInput[],
  failMode: FailMode,
  modelMs: number,
): CheckResult {
  let verdict = result.verdict;
  let flagged = false;
  const models = inputs.map(({ evidence, policy }) => {
    const decision = applyModelSignal(verdict, evidence, { ...policy, failMode });
    flagged ||= decision.flags.length > 0;
    verdict = decision.verdict;
    return toCheckEvidence(evidence, decision);
  });
  let reason: CheckReason = result.reason;
  if (verdict !== result.verdict) reason = flagged ? 'model-flag' : 'model-error';
  return {
    ...result,
    verdict,
    reason,
    models,
    timings: { ...result.timings, modelMs },
  };
}
