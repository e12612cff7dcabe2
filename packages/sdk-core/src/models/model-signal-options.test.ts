import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import { bindModel } from './check-model-shapes';
import type { ModelValueInfo } from './create-model-session';
import { mapEmbedding, mapScores } from './map-model-outputs';
import { type ModelSignalOptions, normaliseModelSignalOptions } from './model-signal-options';

const base: ModelSignalOptions = {
  model: Uint8Array.of(1),
  inputSize: 32,
  outputs: { scores: { labels: ['a', 'b'] } },
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isHashguardError(error) ? error.code : 'untyped';
  }
}

describe('normaliseModelSignalOptions', () => {
  it('fills the documented defaults', () => {
    expect(normaliseModelSignalOptions(base)).toEqual({
      name: 'model',
      preprocess: {
        width: 32,
        height: 32,
        resize: 'bilinear',
        layout: 'nchw',
        mean: [0, 0, 0],
        std: [1, 1, 1],
        channelOrder: 'rgb',
      },
      inputName: undefined,
      scores: { name: undefined, labels: ['a', 'b'], activation: 'none' },
      embedding: undefined,
    });
  });

  it('maps the named normalisations to mean and std on the 0..1 scale', () => {
    const imagenet = normaliseModelSignalOptions({ ...base, normalize: 'imagenet' }).preprocess;
    expect([imagenet.mean, imagenet.std]).toEqual([
      [0.485, 0.456, 0.406],
      [0.229, 0.224, 0.225],
    ]);
    const symmetric = normaliseModelSignalOptions({ ...base, normalize: 'symmetric' }).preprocess;
    expect([symmetric.mean, symmetric.std]).toEqual([
      [0.5, 0.5, 0.5],
      [0.5, 0.5, 0.5],
    ]);
  });

  it.each<[string, Partial<ModelSignalOptions>]>([
    ['a zero input side', { inputSize: 0 }],
    ['a fractional input side', { inputSize: { width: 10.5, height: 10 } }],
    ['an unknown resize', { resize: 'cubic' as never }],
    ['an unknown layout', { layout: 'chw' as never }],
    ['an unknown normalize', { normalize: 'zscore' as never }],
    ['a zero std', { normalize: { mean: [0, 0, 0], std: [1, 0, 1] } }],
    ['no outputs', { outputs: {} }],
    ['empty labels', { outputs: { scores: { labels: [] } } }],
    ['repeated labels', { outputs: { scores: { labels: ['a', 'a'] } } }],
    [
      'an unknown activation',
      { outputs: { scores: { labels: ['a'], activation: 'relu' as never } } },
    ],
    ['a zero embedding dimension', { outputs: { embedding: { dimension: 0 } } }],
  ])('refuses %s with E_INVALID_OPTIONS', (_name, options) => {
    expect(codeOf(() => normaliseModelSignalOptions({ ...base, ...options }))).toBe(
      'E_INVALID_OPTIONS',
    );
  });
});

describe('bindModel', () => {
  const input = (shape: (number | string)[], type = 'float32'): ModelValueInfo => ({
    name: 'x',
    type,
    shape,
  });
  const output = (shape: (number | string)[], name = 'y'): ModelValueInfo => ({
    name,
    type: 'float32',
    shape,
  });
  const config = normaliseModelSignalOptions({ ...base, inputSize: { width: 40, height: 30 } });

  it.each<[string, ModelValueInfo, ModelValueInfo]>([
    ['fixed NCHW', input([1, 3, 30, 40]), output([1, 2])],
    ['symbolic batch and sides', input(['batch', 3, 'h', 'w']), output(['batch', 2])],
    ['undeclared shapes', input([]), output([])],
  ])('accepts %s', (_name, x, y) => {
    expect(bindModel(config, [x], [y])).toEqual({
      input: 'x',
      scoresOutput: 'y',
      embeddingOutput: undefined,
    });
  });

  it.each<[string, ModelValueInfo, ModelValueInfo]>([
    ['swapped sides', input([1, 3, 40, 30]), output([1, 2])],
    ['NHWC for an NCHW config', input([1, 30, 40, 3]), output([1, 2])],
    ['rank 3', input([3, 30, 40]), output([1, 2])],
    ['an int input', input([1, 3, 30, 40], 'uint8'), output([1, 2])],
    ['three outputs for two labels', input([1, 3, 30, 40]), output([1, 3])],
  ])('refuses %s with E_MODEL_SHAPE', (_name, x, y) => {
    expect(codeOf(() => bindModel(config, [x], [y]))).toBe('E_MODEL_SHAPE');
  });

  it('needs inputName when the model has several inputs', () => {
    const two = [input([1, 3, 30, 40]), { ...input([1]), name: 'z' }];
    expect(codeOf(() => bindModel(config, two, [output([1, 2])]))).toBe('E_MODEL_SHAPE');
    const named = { ...config, inputName: 'x' };
    expect(bindModel(named, two, [output([1, 2])]).input).toBe('x');
  });
});

describe('mapScores and mapEmbedding', () => {
  it('applies sigmoid and softmax', () => {
    const logits = Float32Array.of(0, Math.log(3));
    expect(mapScores('y', logits, ['a', 'b'], 'sigmoid')).toEqual({
      a: 0.5,
      b: expect.closeTo(0.75, 6),
    });
    expect(mapScores('y', logits, ['a', 'b'], 'softmax')).toEqual({
      a: expect.closeTo(0.25, 6),
      b: expect.closeTo(0.75, 6),
    });
    expect(mapScores('y', Float32Array.of(1000, 0), ['a', 'b'], 'softmax')).toEqual({ a: 1, b: 0 });
  });

  it('refuses a length that does not match with E_MODEL_SHAPE', () => {
    expect(codeOf(() => mapScores('y', Float32Array.of(1, 2, 3), ['a', 'b'], 'none'))).toBe(
      'E_MODEL_SHAPE',
    );
    expect(codeOf(() => mapEmbedding('y', Float32Array.of(1, 2, 3), 4))).toBe('E_MODEL_SHAPE');
    expect(Array.from(mapEmbedding('y', Float32Array.of(1, 2), undefined))).toEqual([1, 2]);
  });
});
