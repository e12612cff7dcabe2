// The Chromium half of bench/models.bench.mjs: the same generated models
// through the built sdk-core and onnxruntime-web's wasm backend in a headless
// Chromium page (Debian's /usr/bin/chromium via sdk-browser's playwright-core,
// never a downloaded browser), with a plain-JS baseline run in the same page.
// performance.now() in a page is coarse (0.1 ms without cross-origin
// isolation), so each sample is a batch divided by its size.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const browserRequire = createRequire(
  new URL('../packages/sdk-browser/package.json', import.meta.url),
);
const PAGE_ENTRY = fileURLToPath(
  new URL('../packages/sdk-browser/test/models/models-page.ts', import.meta.url),
);
const CHROMIUM = process.env.HASHGUARD_CHROMIUM ?? '/usr/bin/chromium';

/** Percentiles of per-run samples, as summarize() gives them. */
export async function benchChromium({
  ortDist,
  dctModel,
  classifierModel,
  inputs,
  dctMatrix,
  summarize,
  rounds,
}) {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  const { build } = browserRequire('esbuild');
  const { chromium } = browserRequire('playwright-core');
  const bundle = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const pageJs = bundle.outputFiles[0].contents;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/') {
      return void response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><body><script type="module" src="/models.js"></script></body>');
    }
    if (path === '/models.js') {
      return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(pageJs);
    }
    const ortFile = /^\/ort\/(ort-wasm[\w.-]+\.(wasm|mjs))$/.exec(path);
    if (ortFile) {
      const type = ortFile[2] === 'wasm' ? 'application/wasm' : 'text/javascript';
      return void response
        .writeHead(200, { 'content-type': type })
        .end(readFileSync(join(ortDist, ortFile[1])));
    }
    response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), 'hashguard-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('body[data-ready]', { state: 'attached' });
    const figures = await page.evaluate(
      async ({ dctModel, classifierModel, inputs, d, wasmPaths, rounds }) => {
        const { createModelSession, createModelSignal } = window.models;
        const wasm = { wasmPaths, numThreads: 1 };
        const tensors = inputs.map((a) => new Float32Array(a));
        const dTable = new Float32Array(d);
        const t = new Float32Array(16 * 64);
        const b = new Float32Array(256);
        const jsDct = (a) => {
          for (let i = 0; i < 16; i++) {
            for (let j = 0; j < 64; j++) {
              let sum = 0;
              for (let k = 0; k < 64; k++)
                sum = Math.fround(sum + Math.fround(dTable[i * 64 + k] * a[k * 64 + j]));
              t[i * 64 + j] = sum;
            }
          }
          for (let i = 0; i < 16; i++) {
            for (let j = 0; j < 16; j++) {
              let sum = 0;
              for (let k = 0; k < 64; k++)
                sum = Math.fround(sum + Math.fround(t[i * 64 + k] * dTable[j * 64 + k]));
              b[i * 16 + j] = sum;
            }
          }
        };
        const batches = async (count, run) => {
          for (let i = 0; i < count; i++) await run(i); // warm-up
          const samples = [];
          for (let round = 0; round < rounds; round++) {
            const start = performance.now();
            for (let i = 0; i < count; i++) await run(i);
            samples.push((performance.now() - start) / count);
          }
          return samples;
        };
        const dct = await createModelSession({ model: new Uint8Array(dctModel), wasm });
        const dctRun = await batches(tensors.length, (i) =>
          dct.run({ a: { data: tensors[i], dims: [64, 64] } }),
        );
        const dctJs = await batches(tensors.length, (i) => jsDct(tensors[i]));
        const signal = await createModelSignal({
          model: new Uint8Array(classifierModel),
          inputSize: 224,
          outputs: { scores: { labels: ['red', 'bright'] } },
          wasm,
        });
        const data = new Uint8Array(640 * 480 * 3);
        for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
        const image = { width: 640, height: 480, channels: 3, data };
        const classifier = await batches(10, () => signal.run(image));
        await Promise.all([dct.close(), signal.close()]);
        return { dctRun, dctJs, classifier, userAgent: navigator.userAgent };
      },
      {
        dctModel,
        classifierModel,
        inputs: inputs.map(({ a }) => Array.from(a)),
        d: Array.from(dctMatrix),
        wasmPaths: `${origin}/ort/`,
        rounds,
      },
    );
    return {
      browser: figures.userAgent.match(/Chrome\/[\d.]+/)?.[0],
      note: 'each sample is a batch mean (page timer resolution 0.1 ms)',
      dctOnnxRun: summarize(figures.dctRun),
      dctBaselineJsMatmul: summarize(figures.dctJs),
      classifier224SignalRun640x480: summarize(figures.classifier),
    };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    server.close();
  }
}
