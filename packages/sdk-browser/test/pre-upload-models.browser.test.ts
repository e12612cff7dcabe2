// Model signals in the pre-upload check (issue 9), in Chromium: the built SDK
// in a page, the generated mean-colour classifier run by onnxruntime-web in
// the hashing worker (ORT loaded there with importScripts, only when models
// are configured), the flag sent to the endpoint double as a boolean.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildMeanColorModel, DEFAULT_MEAN_COLOR_HEADS } from '@hashguard/testing/models';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';
import { createMatchEndpointDouble } from './support/match-endpoint-double';

const HARNESS_ENTRY = fileURLToPath(new URL('./harness/harness-main.ts', import.meta.url));
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>models</title></head>
<body><script type="module" src="/harness.js"></script></body></html>`;
/** The onnxruntime-web that sdk-core depends on; its dist/ is served at /ort/. */
const ORT_DIST = dirname(
  createRequire(createRequire(import.meta.url).resolve('@hashguard/sdk-core/package.json')).resolve(
    'onnxruntime-web',
  ),
);
const TYPES: Record<string, string> = {
  js: 'text/javascript',
  mjs: 'text/javascript',
  wasm: 'application/wasm',
};

const endpoint = createMatchEndpointDouble();
const files = new Map<string, Uint8Array>();
/** Every path the page or its worker asked for. */
const served: string[] = [];
let server: Server;
let origin: string;
let chromium: LaunchedChromium;
let page: Page;

async function flatPng([r, g, b]: [number, number, number]): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } })
      .png()
      .toBuffer(),
  );
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [HARNESS_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const harnessJs = bundle.outputFiles[0]?.contents as Uint8Array;
  files.set('red.png', await flatPng([250, 10, 10]));
  files.set('grey.png', await flatPng([128, 128, 128]));
  files.set('classifier.onnx', buildMeanColorModel());
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    served.push(path);
    if (path === '/match') return endpoint.handle(request, response);
    if (path === '/')
      return void response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    if (path === '/harness.js') {
      return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(harnessJs);
    }
    const generated = path.startsWith('/files/') && files.get(path.slice(7));
    if (generated) return void response.writeHead(200).end(generated);
    const ortFile = /^\/ort\/(ort[\w.-]*\.(js|mjs|wasm))$/.exec(path);
    if (ortFile) {
      readFile(join(ORT_DIST, ortFile[1] as string)).then(
        (bytes) =>
          response
            .writeHead(200, { 'content-type': TYPES[ortFile[2] as string] as string })
            .end(bytes),
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

beforeEach(() => {
  endpoint.requests.length = 0;
  endpoint.blocked.clear();
  served.length = 0;
});

interface InPageOptions {
  policy: 'block' | 'upload-for-review';
  /** Omit for a check without models. */
  model?: 'classifier' | 'garbage';
  failMode?: 'closed' | 'open';
}

type Outcome =
  | { ok: true; verdict: string; result: Record<string, unknown> }
  | { ok: false; code?: string; message: string };

/** One check of a served file in the page; the classifier flags `red` above 0.9. */
function checkInPage(path: string, options: InPageOptions): Promise<Outcome> {
  const labels = DEFAULT_MEAN_COLOR_HEADS.map((head) => head.label);
  return page.evaluate(
    async ({ path, options, labels }) => {
      const { sdk, file } = window.harness;
      const blob = await file(path);
      const model =
        options.model === 'garbage'
          ? new Uint8Array([1, 2, 3, 4, 5])
          : options.model === 'classifier'
            ? '/files/classifier.onnx' // relative: resolved against the page
            : undefined;
      const check = sdk.createPreUploadCheck({
        endpoint: '/match',
        policy: options.policy,
        ...(model !== undefined && {
          models: {
            signals: {
              signal: {
                name: 'mean-colour',
                model,
                inputSize: 32,
                outputs: { scores: { labels } },
              },
              scoreThresholds: { red: 0.9 },
            },
            ortScriptUrl: '/ort/ort.wasm.min.js',
            ...(options.failMode && { failMode: options.failMode }),
          },
        }),
      });
      try {
        const result = await check.check(blob);
        return { ok: true as const, verdict: result.verdict, result: { ...result } };
      } catch (error) {
        const e = error as { code?: string; message: string };
        return { ok: false as const, code: e.code, message: e.message };
      } finally {
        check.terminate();
      }
    },
    { path, options, labels },
  );
}

function sentBody(): Record<string, unknown> {
  expect(endpoint.requests).toHaveLength(1);
  return JSON.parse(endpoint.requests[0]?.rawBody ?? '{}') as Record<string, unknown>;
}

describe('pre-upload check with a model signal in the worker', () => {
  it('lets a flagged upload proceed under upload-for-review and sends modelFlagged: true, never scores', async () => {
    const outcome = await checkInPage('/files/red.png', {
      policy: 'upload-for-review',
      model: 'classifier',
    });
    expect(outcome).toMatchObject({ ok: true, verdict: 'allow' });
    // The page learns the verdict and the hashes, nothing of the model.
    if (outcome.ok) expect(Object.keys(outcome.result).sort()).toEqual(['hashes', 'verdict']);
    const body = sentBody();
    expect(Object.keys(body).sort()).toEqual([
      'md5',
      'modelFlagged',
      'pdq',
      'quality',
      'sha1',
      'sha256',
    ]);
    expect(body.modelFlagged).toBe(true);
    // ORT was loaded in the worker, from the URL the page gave.
    expect(served).toContain('/ort/ort.wasm.min.js');
  });

  it('sends modelFlagged: false when the score is under the threshold', async () => {
    const outcome = await checkInPage('/files/grey.png', {
      policy: 'upload-for-review',
      model: 'classifier',
    });
    expect(outcome).toMatchObject({ ok: true, verdict: 'allow' });
    expect(sentBody().modelFlagged).toBe(false);
  });

  it('never blocks on the model alone under policy block; a hash match still blocks', async () => {
    const flagged = await checkInPage('/files/red.png', { policy: 'block', model: 'classifier' });
    expect(flagged).toMatchObject({ ok: true, verdict: 'allow' });
    const body = sentBody();
    expect(body.modelFlagged).toBe(true);
    endpoint.requests.length = 0;
    endpoint.blocked.add(String(body.sha256));
    const listed = await checkInPage('/files/red.png', { policy: 'block', model: 'classifier' });
    expect(listed).toMatchObject({ ok: true, verdict: 'block' });
  });

  it.each([
    ['closed', true],
    ['open', false],
  ] as const)(
    'a model that fails to load, with failMode %s, sends modelFlagged: %s',
    async (failMode, flag) => {
      const outcome = await checkInPage('/files/grey.png', {
        policy: 'block',
        model: 'garbage',
        failMode,
      });
      expect(outcome).toMatchObject({ ok: true, verdict: 'allow' });
      expect(sentBody().modelFlagged).toBe(flag);
    },
  );

  it('without models, loads no ORT and sends no modelFlagged', async () => {
    const outcome = await checkInPage('/files/red.png', { policy: 'upload-for-review' });
    expect(outcome).toMatchObject({ ok: true, verdict: 'allow' });
    expect(sentBody()).not.toHaveProperty('modelFlagged');
    expect(served.filter((path) => path.startsWith('/ort/'))).toEqual([]);
  });
});
