// Model signals end to end in Node: generated ONNX models (no downloads, no
// third-party weights) through onnxruntime-web, the Node adapter, the
// verdict rule and the typed errors.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isHashguardError, type Pixels } from '@hashguard/sdk-core';
import {
  applyModelSignal,
  createEmbeddingIndex,
  evaluateModelSignal,
  type ModelSignal,
  type ModelSignalOptions,
} from '@hashguard/sdk-core/models';
import {
  buildMeanColorModel,
  DEFAULT_MEAN_COLOR_HEADS,
  encodeOnnxModel,
} from '@hashguard/testing/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeModelSignal, resolveOrtWasmPaths } from '../src/models/index';

type Rgb = [number, number, number];

function flat(width: number, height: number, [r, g, b]: Rgb): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i += 3) data.set([r, g, b], i);
  return { width, height, channels: 3, data };
}

/** Left half one colour, right half another: its mean colour is their average. */
function halves(width: number, height: number, left: Rgb, right: Rgb): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(x < width / 2 ? left : right, (y * width + x) * 3);
  }
  return { width, height, channels: 3, data };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** What the fixed heads give for a mean colour on the 0..1 scale. */
function expectedScores(mean: Rgb): Record<string, number> {
  return Object.fromEntries(
    DEFAULT_MEAN_COLOR_HEADS.map(({ label, weights, bias }) => [
      label,
      sigmoid(weights[0] * mean[0] + weights[1] * mean[1] + weights[2] * mean[2] + bias),
    ]),
  );
}

const labels = DEFAULT_MEAN_COLOR_HEADS.map((head) => head.label);
const RED: Rgb = [255, 0, 0];
const GREY: Rgb = [128, 128, 128];
const WHITE: Rgb = [255, 255, 255];
const BLUE: Rgb = [0, 0, 255];

const signals: ModelSignal[] = [];
async function signal(options: Partial<ModelSignalOptions> = {}): Promise<ModelSignal> {
  const created = await createNodeModelSignal({
    model: buildMeanColorModel(),
    inputSize: 32,
    outputs: { scores: { labels } },
    ...options,
  });
  signals.push(created);
  return created;
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isHashguardError(error) ? error.code : `untyped: ${String(error)}`;
  }
}

let classifier: ModelSignal;
beforeAll(async () => {
  classifier = await signal({ name: 'mean-colour' });
});
afterAll(async () => {
  await Promise.all(signals.map((s) => s.close()));
});

describe('model signal with the generated mean-colour classifier', () => {
  it.each<[string, Pixels, Rgb]>([
    ['flat red', flat(50, 40, RED), [1, 0, 0]],
    ['flat white', flat(7, 9, WHITE), [1, 1, 1]],
    ['flat grey', flat(64, 64, GREY), [128 / 255, 128 / 255, 128 / 255]],
    // 64 → 32 wide halves stay halves under bilinear resize (even split, 2:1).
    ['half blue, half white', halves(64, 32, BLUE, WHITE), [0.5, 0.5, 1]],
  ])('scores %s as its fixed weights say', async (_name, pixels, mean) => {
    const result = await classifier.run(pixels);
    const expected = expectedScores(mean);
    expect(Object.keys(result.scores ?? {})).toEqual(labels);
    for (const label of labels)
      expect(result.scores?.[label]).toBeCloseTo(expected[label] as number, 5);
    expect(result.model).toBe('mean-colour');
  });

  it('gives the same scores for the NHWC build of the model with layout nhwc', async () => {
    const nhwc = await signal({ model: buildMeanColorModel({ layout: 'nhwc' }), layout: 'nhwc' });
    for (const pixels of [halves(90, 60, RED, BLUE), flat(10, 10, GREY)]) {
      const a = await classifier.run(pixels);
      const b = await nhwc.run(pixels);
      for (const label of labels)
        expect(b.scores?.[label]).toBeCloseTo(a.scores?.[label] as number, 6);
    }
  });

  it('treats gray as three equal channels and ignores alpha', async () => {
    const gray: Pixels = {
      width: 20,
      height: 20,
      channels: 1,
      data: new Uint8Array(400).fill(200),
    };
    const rgba: Pixels = {
      width: 20,
      height: 20,
      channels: 4,
      data: new Uint8Array(1600).fill(200),
    };
    const rgb = (await classifier.run(flat(20, 20, [200, 200, 200]))).scores;
    expect((await classifier.run(gray)).scores).toEqual(rgb);
    expect((await classifier.run(rgba)).scores).toEqual(rgb);
  });

  it('serialises concurrent runs on one session and gives each its own answer', async () => {
    const images = [RED, GREY, BLUE, WHITE, RED, BLUE].map((rgb, i) => flat(16 + i, 16, rgb));
    const sequential = [];
    for (const image of images) sequential.push((await classifier.run(image)).scores);
    const concurrent = await Promise.all(images.map((image) => classifier.run(image)));
    expect(concurrent.map((r) => r.scores)).toEqual(sequential);
  });

  it('turns allow into review above the member threshold, and never into block', async () => {
    const policy = { scoreThresholds: { red: 0.9 } };
    const red = await evaluateModelSignal(classifier, flat(30, 30, RED));
    const grey = await evaluateModelSignal(classifier, flat(30, 30, GREY));
    expect(applyModelSignal('allow', red, policy)).toMatchObject({
      verdict: 'review',
      flags: [{ kind: 'score', label: 'red', threshold: 0.9 }],
    });
    expect(applyModelSignal('allow', grey, policy)).toMatchObject({ verdict: 'allow', flags: [] });
    expect(applyModelSignal('block', grey, policy).verdict).toBe('block');
  });
});

describe('embedding signal', () => {
  const identity = [
    { label: 'r', weights: [1, 0, 0], bias: 0 },
    { label: 'g', weights: [0, 1, 0], bias: 0 },
    { label: 'b', weights: [0, 0, 1], bias: 0 },
  ] as const;

  it('matches the model embedding against a list by cosine similarity', async () => {
    const embedder = await signal({
      model: buildMeanColorModel({ heads: identity, activation: 'none' }),
      outputs: { embedding: { dimension: 3 } },
    });
    const index = createEmbeddingIndex({
      dimension: 3,
      entries: [
        { id: 'known-red', vector: [1, 0, 0], category: 'test' },
        { id: 'known-blue', vector: [0, 0, 1] },
      ],
    });
    const red = await evaluateModelSignal(embedder, flat(12, 12, [200, 0, 0]), {
      embeddingIndex: index,
    });
    const embedding = Array.from((red.ok && red.result.embedding) || []);
    expect(embedding).toHaveLength(3);
    expect(embedding[0]).toBeCloseTo(200 / 255, 5);
    expect(embedding.slice(1)).toEqual([0, 0]);
    expect(red.ok && red.embeddingMatches?.map((m) => m.id)).toEqual(['known-red']);
    expect(applyModelSignal('allow', red).verdict).toBe('review');
    const grey = await evaluateModelSignal(embedder, flat(12, 12, GREY), { embeddingIndex: index });
    expect(grey.ok && grey.embeddingMatches).toEqual([]);
    expect(applyModelSignal('allow', grey).verdict).toBe('allow');
  });
});

describe('model errors', () => {
  it.each<[string, string, Partial<ModelSignalOptions>]>([
    [
      'garbage bytes',
      'E_MODEL_LOAD',
      { model: Uint8Array.from('not onnx', (c) => c.charCodeAt(0)) },
    ],
    ['a missing file', 'E_MODEL_LOAD', { model: '/nonexistent/hashguard-model.onnx' }],
    ['an inputSize the model does not take', 'E_MODEL_SHAPE', { inputSize: 64 }],
    ['the wrong layout', 'E_MODEL_SHAPE', { layout: 'nhwc' }],
    [
      'more labels than outputs',
      'E_MODEL_SHAPE',
      { outputs: { scores: { labels: ['a', 'b', 'c'] } } },
    ],
    [
      'an output the model lacks',
      'E_MODEL_SHAPE',
      { outputs: { scores: { name: 'nope', labels } } },
    ],
    ['an input the model lacks', 'E_MODEL_SHAPE', { inputName: 'image' }],
  ])('%s gives %s at creation', async (_name, code, options) => {
    expect(await codeOf(signal(options))).toBe(code);
  });

  it('checks outputs on every run when the model declares symbolic shapes', async () => {
    const model = encodeOnnxModel({
      inputs: [{ name: 'x', shape: ['batch', 3, 'height', 'width'] }],
      outputs: [{ name: 'y', shape: ['batch', 'classes'] }],
      initializers: [
        { name: 'w', dims: [3, 2], data: new Float32Array(6).fill(1) },
        { name: 'c', dims: [2], data: new Float32Array(2) },
      ],
      nodes: [
        { opType: 'GlobalAveragePool', inputs: ['x'], outputs: ['p'] },
        { opType: 'Flatten', inputs: ['p'], outputs: ['f'], attributes: { axis: 1 } },
        { opType: 'Gemm', inputs: ['f', 'w', 'c'], outputs: ['y'] },
      ],
    });
    const three = await signal({ model, outputs: { scores: { labels: ['a', 'b', 'c'] } } });
    expect(await codeOf(three.run(flat(8, 8, GREY)))).toBe('E_MODEL_SHAPE');
    const two = await signal({ model, outputs: { scores: { labels: ['a', 'b'] } } });
    expect((await two.run(flat(8, 8, WHITE))).scores?.a).toBeCloseTo(3, 5);
  });

  it('times out a slow model with E_MODEL_TIMEOUT, which fail-closed turns into review', async () => {
    // 16 chained 3×(256×256)·(256×256) MatMuls by the identity: slow (≈0.8
    // GMAC) but exact, so the same model answers given time.
    const side = 256;
    const eye = new Float32Array(side * side);
    for (let i = 0; i < side; i++) eye[i * side + i] = 1;
    const chain = Array.from({ length: 16 }, (_, i) => ({
      opType: 'MatMul',
      inputs: [i === 0 ? 'x' : `m${i - 1}`, 'eye'],
      outputs: [`m${i}`],
    }));
    const model = encodeOnnxModel({
      inputs: [{ name: 'x', shape: [1, 3, side, side] }],
      outputs: [{ name: 'y', shape: [1, 3] }],
      initializers: [{ name: 'eye', dims: [side, side], data: eye }],
      nodes: [
        ...chain,
        { opType: 'GlobalAveragePool', inputs: ['m15'], outputs: ['p'] },
        { opType: 'Flatten', inputs: ['p'], outputs: ['y'], attributes: { axis: 1 } },
      ],
    });
    const options = { model, inputSize: side, outputs: { scores: { labels: ['r', 'g', 'b'] } } };
    const patient = await signal({ ...options, timeoutMs: 60_000 });
    expect((await patient.run(flat(side, side, RED))).scores?.r).toBeCloseTo(1, 5);
    const hasty = await signal({ ...options, timeoutMs: 1 });
    expect(await codeOf(hasty.run(flat(side, side, RED)))).toBe('E_MODEL_TIMEOUT');
    const evidence = await evaluateModelSignal(hasty, flat(side, side, RED));
    expect(evidence).toMatchObject({ ok: false, error: { code: 'E_MODEL_TIMEOUT' } });
    expect(applyModelSignal('allow', evidence, { failMode: 'closed' }).verdict).toBe('review');
    expect(applyModelSignal('allow', evidence, { failMode: 'open' }).verdict).toBe('allow');
  });
});

describe('Node adapter', () => {
  it('loads a model from a file path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hashguard-model-'));
    try {
      const path = join(dir, 'mean-colour.onnx');
      await writeFile(path, buildMeanColorModel());
      const fromFile = await signal({ model: path });
      const expected = expectedScores([1, 0, 0]);
      expect((await fromFile.run(flat(8, 8, RED))).scores?.red).toBeCloseTo(
        expected.red as number,
        5,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("points ORT at the installed package's wasm files", () => {
    const paths = resolveOrtWasmPaths();
    expect(paths).toMatch(/^file:.*\/dist\/$/);
    expect(existsSync(fileURLToPath(new URL('ort-wasm-simd-threaded.wasm', paths)))).toBe(true);
  });
});
