// Model signals (issue 9): per-image latency of the generated ONNX graphs
// through onnxruntime-web (wasm, one thread) in Node, against baselines
// measured in the same run.
//
// - PDQ DCT model (A 64×64 → B 16×16, two MatMuls): `session.run` per image,
//   against the same product as a plain float32 JavaScript loop, and against
//   the whole WASM PDQ pipeline (decoded pixels → hash) for scale.
// - The same two graphs in headless Chromium (bench/models-chromium.mjs),
//   with the plain-JS DCT baseline run in the same page.
// - Mean-colour classifier at 224×224 (a typical classifier input): the
//   full `signal.run` (bilinear resize + normalise + ORT), its ORT part
//   alone, and the same arithmetic (resize, mean, affine, sigmoid) in
//   plain JavaScript.
//
//   node --expose-gc bench/models.bench.mjs [--runs 400]
//
// Needs the built packages (sdk-core, testing). Images: the benign
// conformance fixtures, decoded once with sharp.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHasher, createPdqIntrospector } from '../packages/sdk-core/dist/index.js';
import {
  createModelSession,
  createModelSignal,
  preprocessPixels,
} from '../packages/sdk-core/dist/models.js';
import { buildMeanColorModel, buildPdqDctModel } from '../packages/testing/dist/models.js';
import { benchChromium } from './models-chromium.mjs';
import { summarize, writeResult } from './write-result.mjs';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '400' } } });
const runs = Number(args.runs);
const WARMUP = 30;

const coreRequire = createRequire(new URL('../packages/sdk-core/package.json', import.meta.url));
const ortDist = dirname(coreRequire.resolve('onnxruntime-web'));
// What createNodeModelSignal sets: the installed dist folder, one thread.
const wasm = { wasmPaths: `${pathToFileURL(ortDist).href}/`, numThreads: 1 };
const ortVersion = JSON.parse(readFileSync(`${ortDist}/../package.json`, 'utf8')).version;

const nodeRequire = createRequire(new URL('../packages/sdk-node/package.json', import.meta.url));
const sharp = nodeRequire('sharp');
const imagesDir = new URL(
  '../packages/sdk-core/test/fixtures/pdq-conformance/images/',
  import.meta.url,
);
const images = [];
for (const file of readdirSync(imagesDir).sort()) {
  const { data, info } = await sharp(readFileSync(new URL(file, imagesDir)), { ignoreIcc: true })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  images.push({
    file,
    pixels: {
      width: info.width,
      height: info.height,
      channels: info.channels,
      data: new Uint8Array(data),
    },
  });
}

async function time(label, fn) {
  for (let i = 0; i < WARMUP; i++) await fn(i);
  globalThis.gc?.();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    samples.push(performance.now() - start);
  }
  const summary = summarize(samples);
  console.log(
    `${label.padEnd(44)} p50 ${summary.p50.toFixed(4)} ms  p99 ${summary.p99.toFixed(4)} ms`,
  );
  return summary;
}

// --- PDQ DCT stage -------------------------------------------------------
const introspector = await createPdqIntrospector();
const d = introspector.dctMatrix();
const inputs = images.map(({ pixels }) => introspector.intermediates(pixels));
const dctSession = await createModelSession({ model: buildPdqDctModel({ dctMatrix: d }), wasm });

let worstDifference = 0;
for (const { a, b } of inputs) {
  const out = (await dctSession.run({ a: { data: a, dims: [64, 64] } })).b.data;
  for (let i = 0; i < 256; i++)
    worstDifference = Math.max(worstDifference, Math.abs(out[i] - b[i]));
}

const t = new Float32Array(16 * 64);
const bOut = new Float32Array(256);
function jsDct(a) {
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 64; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++)
        sum = Math.fround(sum + Math.fround(d[i * 64 + k] * a[k * 64 + j]));
      t[i * 64 + j] = sum;
    }
  }
  for (let i = 0; i < 16; i++) {
    for (let j = 0; j < 16; j++) {
      let sum = 0;
      for (let k = 0; k < 64; k++)
        sum = Math.fround(sum + Math.fround(t[i * 64 + k] * d[j * 64 + k]));
      bOut[i * 16 + j] = sum;
    }
  }
  return bOut;
}

const hasher = await createHasher();
const dct = {
  onnxRun: await time('DCT model, ORT session.run', (i) =>
    dctSession.run({ a: { data: inputs[i % inputs.length].a, dims: [64, 64] } }),
  ),
  baselineJsMatmul: await time('DCT, plain JS float32 matmul (baseline)', (i) =>
    jsDct(inputs[i % inputs.length].a),
  ),
  baselineWasmPdqWholePipeline: await time('WASM PDQ, whole pipeline (for scale)', (i) =>
    hasher.pdq(images[i % images.length].pixels),
  ),
  maxAbsDifferenceVsWasmCore: worstDifference,
};

// --- Mean-colour classifier at 224×224 -----------------------------------
const side = 224;
const signal = await createModelSignal({
  model: buildMeanColorModel({ inputSize: side }),
  inputSize: side,
  outputs: { scores: { labels: ['red', 'bright'] } },
  wasm,
});
const preprocessConfig = {
  width: side,
  height: side,
  resize: 'bilinear',
  layout: 'nchw',
  mean: [0, 0, 0],
  std: [1, 1, 1],
  channelOrder: 'rgb',
};
const tensors = images.map(({ pixels }) => preprocessPixels(pixels, preprocessConfig));
const classifierSession = await createModelSession({
  model: buildMeanColorModel({ inputSize: side }),
  wasm,
});
const heads = [
  [10, -5, -5, -2],
  [4, 4, 4, -6],
];
function jsClassifier(pixels) {
  const x = preprocessPixels(pixels, preprocessConfig);
  const plane = side * side;
  const mean = [0, 0, 0];
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let i = 0; i < plane; i++) sum += x[c * plane + i];
    mean[c] = sum / plane;
  }
  return heads.map(
    ([r, g, b, bias]) => 1 / (1 + Math.exp(-(r * mean[0] + g * mean[1] + b * mean[2] + bias))),
  );
}
const classifier = {
  signalRun: await time('classifier 224², signal.run (resize+ORT)', (i) =>
    signal.run(images[i % images.length].pixels),
  ),
  onnxRunOnly: await time('classifier 224², ORT session.run only', (i) =>
    classifierSession.run({
      pixels: { data: tensors[i % tensors.length], dims: [1, 3, side, side] },
    }),
  ),
  baselineJs: await time('classifier 224², plain JS (baseline)', (i) =>
    jsClassifier(images[i % images.length].pixels),
  ),
};

await Promise.all([dctSession.close(), classifierSession.close(), signal.close()]);

// --- The same in Chromium ------------------------------------------------
const chromium = await benchChromium({
  ortDist,
  dctModel: Array.from(buildPdqDctModel({ dctMatrix: d })),
  classifierModel: Array.from(buildMeanColorModel({ inputSize: side })),
  inputs,
  dctMatrix: d,
  summarize,
  rounds: Math.max(20, Math.round(runs / 10)),
});
if (chromium.skipped) console.log(`Chromium: skipped (${chromium.skipped})`);
else {
  for (const [label, figure] of Object.entries(chromium)) {
    if (figure?.p50 !== undefined) {
      console.log(
        `Chromium ${label.padEnd(35)} p50 ${figure.p50.toFixed(4)} ms  p99 ${figure.p99.toFixed(4)} ms`,
      );
    }
  }
}

const result = writeResult('models', {
  runs,
  onnxruntimeWeb: ortVersion,
  backend: 'wasm, numThreads 1',
  images: images.length,
  dct,
  classifier224: classifier,
  chromium,
});
console.log(`max |ΔB| (ONNX DCT vs WASM core) = ${result.dct.maxAbsDifferenceVsWasmCore}`);
