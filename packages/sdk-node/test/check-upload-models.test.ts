// checkUpload with model signals (issue 9): the generated mean-colour
// classifier (fixed weights) on benign synthetic images, run on the pixels
// the hashing decoded, folded into the hash verdict under the check's fail mode.
import {
  type CheckEventMap,
  createEventEmitter,
  createHashList,
  type ImageDecoder,
  isHashguardError,
  type UploadCheckedEvent,
} from '@hashguard/sdk-core';
import { createEmbeddingIndex, type ModelSignal } from '@hashguard/sdk-core/models';
import {
  createNodeModelSignal,
  createSharpDecoder,
  createUploadChecker,
  hashFile,
  type UploadModel,
} from '@hashguard/sdk-node';
import {
  buildMeanColorModel,
  DEFAULT_MEAN_COLOR_HEADS,
  encodeOnnxModel,
} from '@hashguard/testing/models';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type Rgb = [number, number, number];

/** A flat benign PNG of one colour. */
async function flatPng(width: number, height: number, [r, g, b]: Rgb): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
      .png()
      .toBuffer(),
  );
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const labels = DEFAULT_MEAN_COLOR_HEADS.map((head) => head.label);
const RED_HEAD = DEFAULT_MEAN_COLOR_HEADS[0]!;
/** The `red` head's score of a flat image of this colour (0..1 scale). */
const redScore = ([r, g, b]: Rgb) =>
  sigmoid(
    (RED_HEAD.weights[0] * r + RED_HEAD.weights[1] * g + RED_HEAD.weights[2] * b) / 255 +
      RED_HEAD.bias,
  );

let red: Uint8Array;
let grey: Uint8Array;
let listedRed: Uint8Array;
let list: ReturnType<typeof createHashList>;
let classifier: ModelSignal;
const created: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  red = await flatPng(64, 48, [250, 10, 10]);
  grey = await flatPng(64, 48, [128, 128, 128]);
  // Another red file, listed by its MD5: the hash check blocks it.
  listedRed = await flatPng(80, 60, [240, 20, 20]);
  list = createHashList({
    listId: 'benign-test-list',
    version: '1',
    source: 'test',
    entries: [{ algorithm: 'md5', value: (await hashFile(listedRed)).md5, entryId: 'listed-red' }],
  });
  classifier = await createNodeModelSignal({
    name: 'mean-colour',
    model: buildMeanColorModel(),
    inputSize: 32,
    outputs: { scores: { labels } },
  });
  created.push(classifier);
});
afterAll(async () => {
  await Promise.all(created.map((item) => item.close()));
});

function checker(
  models: UploadModel | readonly UploadModel[],
  failMode: 'closed' | 'open' = 'closed',
  decoder?: ImageDecoder,
) {
  const events = createEventEmitter<CheckEventMap>();
  const seen: UploadCheckedEvent[] = [];
  events.on('upload:checked', (event) => seen.push(event));
  const made = createUploadChecker({
    lists: [list],
    policy: { failMode },
    events,
    models,
    ...(decoder && { hash: { decoder } }),
  });
  created.push(made);
  return { checker: made, seen };
}

describe('checkUpload with a classifier model signal', () => {
  it('turns allow into review when a score is over the threshold, and records why', async () => {
    const { checker: check, seen } = checker({
      signal: classifier,
      scoreThresholds: { red: 0.9 },
    });
    const result = await check.checkUpload(red, { uploadId: 'u-red' });
    expect(result.verdict).toBe('review');
    expect(result.reason).toBe('model-flag');
    expect(result.matches).toEqual([]);
    const [evidence] = result.models ?? [];
    expect(evidence?.model).toBe('mean-colour');
    expect(evidence?.failed).toBe(false);
    expect(evidence?.scores?.red).toBeCloseTo(redScore([250, 10, 10]), 4);
    expect(evidence?.flags).toEqual([
      expect.objectContaining({ kind: 'score', label: 'red', threshold: 0.9 }),
    ]);
    expect(evidence?.timings?.runMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.modelMs).toBeGreaterThanOrEqual(evidence?.timings?.runMs ?? 0);
    // One event, emitted after the models ran, carrying the same evidence.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      verdict: 'review',
      reason: 'model-flag',
      context: { uploadId: 'u-red' },
      models: [{ model: 'mean-colour', flags: [{ kind: 'score', label: 'red' }] }],
    });
    expect(seen[0]?.timings.modelMs).toBe(result.timings.modelMs);
  });

  it('leaves allow alone when every score is at or under its threshold', async () => {
    const { checker: check } = checker({ signal: classifier, scoreThresholds: { red: 0.9 } });
    const result = await check.checkUpload(grey);
    expect(result.verdict).toBe('allow');
    expect(result.reason).toBe('no-match');
    expect(result.models?.[0]?.scores?.red).toBeCloseTo(redScore([128, 128, 128]), 4);
    expect(result.models?.[0]?.flags).toEqual([]);
  });

  it('keeps a block from a hash match a block, with the model evidence beside it', async () => {
    const { checker: check } = checker({ signal: classifier, scoreThresholds: { red: 0.9 } });
    const result = await check.checkUpload(listedRed);
    expect(result.verdict).toBe('block');
    expect(result.reason).toBe('match');
    expect(result.matches.map((match) => match.entryId)).toEqual(['listed-red']);
    expect(result.models?.[0]?.flags).toHaveLength(1);
  });

  it('runs the model on the pixels the hashing decoded, without a second decode', async () => {
    const sharpDecoder = createSharpDecoder();
    let decodes = 0;
    const counting: ImageDecoder = {
      decode: (bytes, limits) => {
        decodes++;
        return sharpDecoder.decode(bytes, limits);
      },
    };
    const { checker: check } = checker(
      { signal: classifier, scoreThresholds: { red: 0.9 } },
      'closed',
      counting,
    );
    const result = await check.checkUpload(red);
    expect(result.models?.[0]?.failed).toBe(false);
    expect(decodes).toBe(1);
  });

  it('runs every model given and flags when any of them does', async () => {
    const { checker: check } = checker([
      { signal: classifier, scoreThresholds: { bright: 0.9 } },
      { signal: classifier, scoreThresholds: { red: 0.9 } },
    ]);
    const result = await check.checkUpload(red);
    expect(result.verdict).toBe('review');
    expect(result.models?.map((model) => model.flags.length)).toEqual([0, 1]);
  });

  it('refuses a threshold that is not a finite number when the checker is created', () => {
    expect(() =>
      createUploadChecker({
        lists: [list],
        models: { signal: classifier, scoreThresholds: { red: Number.NaN } },
      }),
    ).toThrow(/scoreThresholds\.red/);
  });
});

describe('checkUpload with an embedding model signal', () => {
  it('turns allow into review when the embedding is within the threshold of a listed vector', async () => {
    // activation 'none' and three identity heads: the embedding is the mean colour.
    const embedder = await createNodeModelSignal({
      name: 'mean-colour-embedding',
      model: buildMeanColorModel({
        activation: 'none',
        heads: [
          { label: 'r', weights: [1, 0, 0], bias: 0 },
          { label: 'g', weights: [0, 1, 0], bias: 0 },
          { label: 'b', weights: [0, 0, 1], bias: 0 },
        ],
      }),
      inputSize: 32,
      outputs: { embedding: { dimension: 3 } },
    });
    created.push(embedder);
    const embeddingIndex = createEmbeddingIndex({
      dimension: 3,
      entries: [{ id: 'case-red', vector: [1, 0, 0], category: 'test' }],
    });
    const { checker: check, seen } = checker({
      signal: embedder,
      embeddingIndex,
      embeddingThreshold: 0.95,
    });
    const flagged = await check.checkUpload(red);
    expect(flagged.verdict).toBe('review');
    expect(flagged.reason).toBe('model-flag');
    const [match] = flagged.models?.[0]?.embeddingMatches ?? [];
    expect(match?.id).toBe('case-red');
    expect(match?.similarity).toBeGreaterThan(0.95);
    expect(flagged.models?.[0]?.flags).toEqual([
      expect.objectContaining({ kind: 'embedding', id: 'case-red', category: 'test' }),
    ]);
    // Grey's cosine similarity to pure red is 1/√3 ≈ 0.58: not a match.
    const unflagged = await check.checkUpload(grey);
    expect(unflagged.verdict).toBe('allow');
    expect(unflagged.models?.[0]?.embeddingMatches).toEqual([]);
    // The audit event has the matched ids, never the vector itself.
    expect(seen[0]?.models?.[0]).not.toHaveProperty('embedding');
    expect(Object.keys(seen[0]?.models?.[0] ?? {}).sort()).toEqual([
      'embeddingMatches',
      'failed',
      'flags',
      'model',
      'timings',
    ]);
  });
});

describe('checkUpload when a model fails', () => {
  it('gives E_MODEL_LOAD from ready() for garbage model bytes, and every check follows failMode', async () => {
    const garbage = { model: new Uint8Array([1, 2, 3, 4, 5]), inputSize: 32 };
    const options = { name: 'garbage', ...garbage, outputs: { scores: { labels } } };
    for (const [failMode, verdict] of [
      ['closed', 'review'],
      ['open', 'allow'],
    ] as const) {
      const { checker: check } = checker({ signal: options }, failMode);
      const error = await check.ready().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isHashguardError(error, 'E_MODEL_LOAD')).toBe(true);
      const result = await check.checkUpload(grey);
      expect(result.verdict).toBe(verdict);
      expect(result.reason).toBe(failMode === 'closed' ? 'model-error' : 'no-match');
      expect(result.models).toEqual([
        expect.objectContaining({
          model: 'garbage',
          failed: true,
          error: expect.objectContaining({ code: 'E_MODEL_LOAD' }),
        }),
      ]);
    }
  });

  // Declares symbolic shapes, so it loads; gives 2 scores where 3 labels are configured.
  const symbolic = encodeOnnxModel({
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

  it.each([
    ['closed', 'review', 'model-error'],
    ['open', 'allow', 'no-match'],
  ] as const)(
    'a shape mismatch at run time with failMode %s gives %s',
    async (failMode, verdict, reason) => {
      const { checker: check, seen } = checker(
        {
          signal: {
            name: 'symbolic',
            model: symbolic,
            inputSize: 16,
            outputs: { scores: { labels: ['a', 'b', 'c'] } },
          },
          scoreThresholds: { a: 0.5 },
        },
        failMode,
      );
      await check.ready();
      const result = await check.checkUpload(grey);
      expect(result.verdict).toBe(verdict);
      expect(result.reason).toBe(reason);
      expect(result.models?.[0]).toMatchObject({ failed: true, error: { code: 'E_MODEL_SHAPE' } });
      expect(seen[0]?.models?.[0]?.error?.code).toBe('E_MODEL_SHAPE');
    },
  );

  it('a model failure never lifts a block and never turns review into block', async () => {
    const { checker: check } = checker({
      signal: {
        name: 'symbolic',
        model: symbolic,
        inputSize: 16,
        outputs: { scores: { labels: ['a', 'b', 'c'] } },
      },
    });
    expect((await check.checkUpload(listedRed)).verdict).toBe('block');
  });

  it('a run over timeoutMs is E_MODEL_TIMEOUT and follows failMode', async () => {
    // Chained 3×(256×256)·(256×256) MatMuls by the identity: far slower than 1 ms.
    const side = 256;
    const eye = new Float32Array(side * side);
    for (let i = 0; i < side; i++) eye[i * side + i] = 1;
    const depth = 6;
    const chain = Array.from({ length: depth }, (_, i) => ({
      opType: 'MatMul',
      inputs: [i === 0 ? 'x' : `m${i - 1}`, 'eye'],
      outputs: [`m${i}`],
    }));
    const slow = encodeOnnxModel({
      inputs: [{ name: 'x', shape: [1, 3, side, side] }],
      outputs: [{ name: 'y', shape: [1, 3] }],
      initializers: [{ name: 'eye', dims: [side, side], data: eye }],
      nodes: [
        ...chain,
        { opType: 'GlobalAveragePool', inputs: [`m${depth - 1}`], outputs: ['p'] },
        { opType: 'Flatten', inputs: ['p'], outputs: ['y'], attributes: { axis: 1 } },
      ],
    });
    const signal = await createNodeModelSignal({
      name: 'slow',
      model: slow,
      inputSize: side,
      outputs: { scores: { labels: ['r', 'g', 'b'] } },
      timeoutMs: 1,
    });
    created.push(signal);
    const verdicts: string[] = [];
    for (const failMode of ['closed', 'open'] as const) {
      const { checker: check } = checker({ signal, scoreThresholds: { r: 0.5 } }, failMode);
      const result = await check.checkUpload(red);
      expect(result.models?.[0]?.error?.code).toBe('E_MODEL_TIMEOUT');
      verdicts.push(result.verdict);
    }
    expect(verdicts).toEqual(['review', 'allow']);
  });
});
