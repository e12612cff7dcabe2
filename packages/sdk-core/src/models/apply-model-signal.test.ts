import { describe, expect, it } from 'vitest';
import type { Verdict } from '../policy/verdict';
import { applyModelSignal, type ModelSignalEvidence } from './apply-model-signal';

function scored(scores: Record<string, number>): ModelSignalEvidence {
  return { ok: true, result: { model: 'm', scores, timings: { preprocessMs: 0, runMs: 0 } } };
}

const failed: ModelSignalEvidence = {
  ok: false,
  model: 'm',
  error: { code: 'E_MODEL_TIMEOUT', message: 'slow' },
};

describe('applyModelSignal', () => {
  it.each<[Verdict, number, Verdict]>([
    ['allow', 0.91, 'review'],
    ['allow', 0.9, 'allow'],
    ['allow', 0.2, 'allow'],
    ['review', 0.99, 'review'],
    ['block', 0.99, 'block'],
    ['block', 0.1, 'block'],
  ])('%s with score %d over threshold 0.9 gives %s (never block)', (verdict, score, expected) => {
    const decision = applyModelSignal(verdict, scored({ nsfw: score }), {
      scoreThresholds: { nsfw: 0.9 },
    });
    expect(decision.verdict).toBe(expected);
    expect(decision.flags.length > 0).toBe(score > 0.9);
  });

  it('flags each label over its own threshold, and ignores labels without one', () => {
    const decision = applyModelSignal('allow', scored({ a: 0.6, b: 0.6, c: 0.99 }), {
      scoreThresholds: { a: 0.5, b: 0.7 },
    });
    expect(decision.flags).toEqual([
      { kind: 'score', model: 'm', label: 'a', score: 0.6, threshold: 0.5 },
    ]);
  });

  it('flags embedding matches at or above the threshold', () => {
    const evidence: ModelSignalEvidence = {
      ok: true,
      result: {
        model: 'm',
        embedding: new Float32Array(2),
        timings: { preprocessMs: 0, runMs: 0 },
      },
      embeddingMatches: [
        { id: 'near', similarity: 0.95, category: 'known' },
        { id: 'far', similarity: 0.8 },
      ],
    };
    const decision = applyModelSignal('allow', evidence, { embeddingThreshold: 0.95 });
    expect(decision.verdict).toBe('review');
    expect(decision.flags).toEqual([
      {
        kind: 'embedding',
        model: 'm',
        id: 'near',
        similarity: 0.95,
        threshold: 0.95,
        category: 'known',
      },
    ]);
  });

  it.each<['closed' | 'open' | undefined, Verdict, Verdict]>([
    [undefined, 'allow', 'review'],
    ['closed', 'allow', 'review'],
    ['closed', 'block', 'block'],
    ['open', 'allow', 'allow'],
    ['open', 'review', 'review'],
  ])('a failed model under failMode %s turns %s into %s', (failMode, verdict, expected) => {
    const decision = applyModelSignal(verdict, failed, failMode ? { failMode } : {});
    expect(decision).toEqual({ verdict: expected, flags: [], failed: true, error: failed.error });
  });

  it('refuses a threshold that is not a finite number', () => {
    expect(() =>
      applyModelSignal('allow', scored({ a: 1 }), { scoreThresholds: { a: Number.NaN } }),
    ).toThrow(/scoreThresholds.a/);
  });
});
