import { isHashguardError } from '@hashguard/sdk-core';
import { describe, expect, it } from 'vitest';
import { normalisePreUploadOptions, type PreUploadModelsOptions } from './pre-upload-options';

const signal = {
  model: 'https://member.example/models/classifier.onnx',
  inputSize: 32,
  outputs: { scores: { labels: ['red'] } },
};
const models: PreUploadModelsOptions = {
  signals: { signal, scoreThresholds: { red: 0.9 } },
  ortScriptUrl: 'https://member.example/ort/ort.wasm.min.js',
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return isHashguardError(error) ? error.code : `untyped: ${String(error)}`;
  }
}

describe('normalisePreUploadOptions with models', () => {
  it('normalises one signal into the worker config, fail mode closed by default', () => {
    const config = normalisePreUploadOptions({ endpoint: '/match', policy: 'block', models });
    expect(config.models).toEqual({
      signals: [{ signal: { ...signal, name: 'model 1' }, scoreThresholds: { red: 0.9 } }],
      ortScriptUrl: 'https://member.example/ort/ort.wasm.min.js',
      wasm: {},
      failMode: 'closed',
    });
  });

  it.each<[string, Partial<PreUploadModelsOptions>]>([
    ['no signals', { signals: [] }],
    ['no ortScriptUrl', { ortScriptUrl: '' }],
    [
      'a threshold that is not a number',
      { signals: { signal, scoreThresholds: { red: Number.NaN } } },
    ],
    ['an unknown fail mode', { failMode: 'lenient' as never }],
    ['a relative URL without a page', { ortScriptUrl: '/ort/ort.wasm.min.js' }],
  ])('refuses %s with E_INVALID_OPTIONS', (_name, override) => {
    expect(
      codeOf(() =>
        normalisePreUploadOptions({
          endpoint: '/match',
          policy: 'block',
          models: { ...models, ...override },
        }),
      ),
    ).toBe('E_INVALID_OPTIONS');
  });
});
