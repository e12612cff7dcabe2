import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../policy/check-types';
import type { Verdict } from '../policy/verdict';
import type { ModelSignalEvidence } from './apply-model-signal';
import { applyModelsToCheck, normaliseModelCheckPolicy } from './apply-models-to-check';

function hashResult(verdict: Verdict): CheckResult {
  return {
    verdict,
    reason: verdict === 'allow' ? 'no-match' : 'match',
    matches: [],
    hashes: {},
    quality: undefined,
    pdqUsed: false,
    listVersions: [],
    staleLists: [],
    timings: { matchMs: 1, checkMs: 2 },
  };
}

const scored = (red: number): ModelSignalEvidence => ({
  ok: true,
  result: { model: 'm', scores: { red }, timings: { preprocessMs: 0.5, runMs: 1.5 } },
});
const failed: ModelSignalEvidence = {
  ok: false,
  model: 'm',
  error: { code: 'E_MODEL_TIMEOUT', message: 'slow' },
};
const policy = { scoreThresholds: { red: 0.9 } };

describe('applyModelsToCheck', () => {
  it.each<[string, Verdict, ModelSignalEvidence, 'closed' | 'open', Verdict, string]>([
    [
      'a score over the threshold turns allow into review',
      'allow',
      scored(0.95),
      'closed',
      'review',
      'model-flag',
    ],
    ['a score at the threshold leaves allow', 'allow', scored(0.9), 'closed', 'allow', 'no-match'],
    [
      'a flag never turns block into anything else',
      'block',
      scored(0.99),
      'closed',
      'block',
      'match',
    ],
    ['a failure fails closed to review', 'allow', failed, 'closed', 'review', 'model-error'],
    ['a failure fails open to the hash verdict', 'allow', failed, 'open', 'allow', 'no-match'],
    ['a failure never lifts a block', 'block', failed, 'open', 'block', 'match'],
  ])('%s', (_name, hashVerdict, evidence, failMode, verdict, reason) => {
    const result = applyModelsToCheck(hashResult(hashVerdict), [{ evidence, policy }], failMode, 3);
    expect(result.verdict).toBe(verdict);
    expect(result.reason).toBe(reason);
    expect(result.timings).toEqual({ matchMs: 1, checkMs: 2, modelMs: 3 });
    expect(result.models).toHaveLength(1);
  });

  it('records scores, flags and timings, and the error of a failed model', () => {
    const result = applyModelsToCheck(
      hashResult('allow'),
      [
        { evidence: scored(0.95), policy },
        { evidence: failed, policy },
      ],
      'open',
      4,
    );
    expect(result.models).toEqual([
      {
        model: 'm',
        scores: { red: 0.95 },
        flags: [{ kind: 'score', model: 'm', label: 'red', score: 0.95, threshold: 0.9 }],
        failed: false,
        timings: { preprocessMs: 0.5, runMs: 1.5 },
      },
      { model: 'm', flags: [], failed: true, error: { code: 'E_MODEL_TIMEOUT', message: 'slow' } },
    ]);
  });

  it('normaliseModelCheckPolicy fills the embedding default and refuses non-numbers', () => {
    expect(normaliseModelCheckPolicy('m', {})).toEqual({
      scoreThresholds: {},
      embeddingThreshold: 0.9,
    });
    expect(() => normaliseModelCheckPolicy('m', { scoreThresholds: { red: Number.NaN } })).toThrow(
      /scoreThresholds\.red/,
    );
    expect(() =>
      normaliseModelCheckPolicy('m', { embeddingThreshold: Number.POSITIVE_INFINITY }),
    ).toThrow(/embeddingThreshold/);
  });
});
