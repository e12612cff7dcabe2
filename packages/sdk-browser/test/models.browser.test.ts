// Model signals in Chromium: the generated ONNX models (issue 9) through the
// built sdk-core and onnxruntime-web's wasm backend in a page, checked
// against the WASM PDQ core's values computed in Node. Also reports the
// in-page latency figures for the issue.
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPdqIntrospector } from '@hashguard/sdk-core';
import { buildMeanColorModel, buildPdqDctModel } from '@hashguard/testing/models';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE_DIR } from './support/harness-server';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';

const PAGE_ENTRY = fileURLToPath(new URL('./models/models-page.ts', import.meta.url));
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>models</title></head>
<body><script type="module" src="/models.js"></script></body></html>`;
/** The onnxruntime-web that sdk-core depends on; its dist/ is served at /ort/. */
const ORT_DIST = dirname(
  createRequire(createRequire(import.meta.url).resolve('@hashguard/sdk-core/package.json')).resolve(
    'onnxruntime-web',
  ),
);

let server: Server;
let origin: string;
let chromium: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [PAGE_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const pageJs = bundle.outputFiles[0]?.contents as Uint8Array;
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/')
      return void response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/models.js') {
      return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(pageJs);
    }
    const ortFile = /^\/ort\/(ort-wasm[\w.-]+\.(wasm|mjs))$/.exec(path);
    if (ortFile) {
      const type = ortFile[2] === 'wasm' ? 'application/wasm' : 'text/javascript';
      readFile(join(ORT_DIST, ortFile[1] as string)).then(
        (bytes) => response.writeHead(200, { 'content-type': type }).end(bytes),
        () => response.writeHead(404).end(),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(`${origin}/`);
  await page.waitForSelector('body[data-ready]', { state: 'attached' });
});

afterAll(async () => {
  await chromium?.close();
  await new Promise((resolve) => server?.close(resolve));
});

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

describe('model signals in Chromium (onnxruntime-web wasm)', () => {
  it('runs the PDQ DCT model on every conformance image within 1e-3 of the WASM core', async () => {
    const introspector = await createPdqIntrospector();
    const files = readdirSync(`${CONFORMANCE_DIR}images`).sort();
    const cases = [];
    for (const file of files) {
      const { data, info } = await sharp(readFileSync(`${CONFORMANCE_DIR}images/${file}`), {
        ignoreIcc: true,
      })
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      const pixels = {
        width: info.width,
        height: info.height,
        channels: info.channels as 1 | 3 | 4,
        data: new Uint8Array(data),
      };
      const { a, b } = introspector.intermediates(pixels);
      cases.push({ file, a: Array.from(a), b });
    }
    const model = Array.from(buildPdqDctModel({ dctMatrix: introspector.dctMatrix() }));
    const inPage = await page.evaluate(
      async ({ model, inputs, wasmPaths }) => {
        const session = await window.models.createModelSession({
          model: new Uint8Array(model),
          wasm: { wasmPaths, numThreads: 1 },
        });
        const outputs: number[][] = [];
        for (const a of inputs) {
          const out = await session.run({ a: { data: new Float32Array(a), dims: [64, 64] } });
          outputs.push(Array.from(out.b?.data ?? []));
        }
        // Latency per image: performance.now() is coarse in a page (0.1 ms
        // without cross-origin isolation), so time rounds over every image
        // and divide; 30 rounds after the warm-up above.
        const tensors = inputs.map((a) => new Float32Array(a));
        const samples: number[] = [];
        for (let round = 0; round < 30; round++) {
          const start = performance.now();
          for (const data of tensors) await session.run({ a: { data, dims: [64, 64] } });
          samples.push((performance.now() - start) / tensors.length);
        }
        await session.close();
        return { outputs, samples };
      },
      { model, inputs: cases.map((c) => c.a), wasmPaths: `${origin}/ort/` },
    );
    let worst = 0;
    cases.forEach(({ file, b }, index) => {
      const out = inPage.outputs[index] as number[];
      expect(out, file).toHaveLength(256);
      for (let i = 0; i < 256; i++)
        worst = Math.max(worst, Math.abs((out[i] as number) - (b[i] as number)));
    });
    console.log(
      `Chromium: PDQ DCT model max |ΔB| = ${worst} over ${cases.length} images; ` +
        `run p50 ${percentile(inPage.samples, 0.5).toFixed(3)} ms, p99 ${percentile(inPage.samples, 0.99).toFixed(3)} ms`,
    );
    expect(worst).toBeLessThanOrEqual(1e-3);
  });

  it('scores with the generated classifier, applies the threshold, and types a load failure', async () => {
    const model = Array.from(buildMeanColorModel({ inputSize: 224 }));
    const result = await page.evaluate(
      async ({ model, wasmPaths }) => {
        const { createModelSignal, evaluateModelSignal, applyModelSignal } = window.models;
        const signal = await createModelSignal({
          model: new Uint8Array(model),
          inputSize: 224,
          outputs: { scores: { labels: ['red', 'bright'] } },
          wasm: { wasmPaths, numThreads: 1 },
        });
        const flat = (r: number, g: number, b: number) => {
          const data = new Uint8Array(640 * 480 * 3);
          for (let i = 0; i < data.length; i += 3) data.set([r, g, b], i);
          return { width: 640, height: 480, channels: 3 as const, data };
        };
        const policy = { scoreThresholds: { red: 0.9 } };
        const red = await evaluateModelSignal(signal, flat(255, 0, 0));
        const grey = await evaluateModelSignal(signal, flat(128, 128, 128));
        const samples: number[] = [];
        const image = flat(200, 30, 30);
        for (let i = 0; i < 60; i++) {
          const start = performance.now();
          await signal.run(image);
          samples.push(performance.now() - start);
        }
        await signal.close();
        let loadError: string | undefined;
        try {
          await createModelSignal({
            model: new Uint8Array([1, 2, 3, 4]),
            inputSize: 224,
            outputs: { scores: { labels: ['x'] } },
          });
        } catch (error) {
          loadError = (error as { code?: string }).code;
        }
        return {
          redScores: red.ok ? red.result.scores : undefined,
          redVerdict: applyModelSignal('allow', red, policy).verdict,
          greyVerdict: applyModelSignal('allow', grey, policy).verdict,
          samples: samples.slice(10),
          loadError,
        };
      },
      { model, wasmPaths: `${origin}/ort/` },
    );
    expect(result.redScores?.red).toBeCloseTo(1 / (1 + Math.exp(-8)), 5);
    expect(result.redScores?.bright).toBeCloseTo(1 / (1 + Math.exp(2)), 5);
    expect([result.redVerdict, result.greyVerdict]).toEqual(['review', 'allow']);
    expect(result.loadError).toBe('E_MODEL_LOAD');
    console.log(
      `Chromium: classifier 224² signal.run (640×480 → 224² + ORT) p50 ${percentile(result.samples, 0.5).toFixed(3)} ms, ` +
        `p99 ${percentile(result.samples, 0.99).toFixed(3)} ms`,
    );
  });
});
