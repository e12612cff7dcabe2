// The match request accepts the pre-upload check's `modelFlagged` boolean
// (issue 9) and nothing more from the model: no scores, no labels.
import { matchRequestSchema } from '@hashguard/sdk-node';
import { describe, expect, it } from 'vitest';

const hashes = { md5: 'a'.repeat(32), pdq: 'b'.repeat(64), quality: 90 };

describe('match request schema and model signals', () => {
  it.each([true, false])('accepts modelFlagged: %s beside the hashes', (modelFlagged) => {
    const parsed = matchRequestSchema.safeParse({ ...hashes, modelFlagged });
    expect(parsed.success).toBe(true);
    expect(parsed.data).toMatchObject({ modelFlagged });
  });

  it.each([
    ['a non-boolean flag', { modelFlagged: 'yes' }],
    ['model scores', { modelFlagged: true, scores: { red: 0.99 } }],
  ])('refuses %s', (_name, extra) => {
    expect(matchRequestSchema.safeParse({ ...hashes, ...extra }).success).toBe(false);
  });
});
