import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkInPage as checkIn } from './support/check-in-page';
import { type HarnessServer, startHarnessServer } from './support/harness-server';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';
import { nodePdq, nodePdqDihedral } from './support/node-pdq';
import { syntheticJpeg, syntheticRgb } from './support/synthetic-images';

let server: HarnessServer;
let chromium: LaunchedChromium;
let page: Page;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
  server = await startHarnessServer();
  server.files.set('12mp.jpg', await syntheticJpeg(4000, 3000));
  server.files.set('1mp.jpg', await syntheticJpeg(1200, 840));
  server.files.set(
    'small.png',
    await sharp(syntheticRgb(300, 200), { raw: { width: 300, height: 200, channels: 3 } })
      .png()
      .toBuffer(),
  );
  server.files.set('notes.txt', new TextEncoder().encode('not an image, still worth a digest\n'));
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const checkInPage = (path: string, options?: Parameters<typeof checkIn>[2]) =>
  checkIn(page, path, options);

beforeEach(() => {
  server.endpoint.requests.length = 0;
  server.endpoint.blocked.clear();
  server.endpoint.failNext.length = 0;
  server.endpoint.delayMs = 0;
});

describe('what the browser sends', () => {
  it('posts one JSON body of hashes only: no bytes, pixels, name or size', async () => {
    const outcome = await checkInPage('/files/12mp.jpg');
    expect(outcome.ok).toBe(true);
    expect(server.endpoint.requests).toHaveLength(1);
    const [request] = server.endpoint.requests;
    expect(request!.method).toBe('POST');
    expect(request!.contentType).toMatch(/^application\/json/);
    // The body is the hashes themselves (sdk-core's CheckHashes), exactly these keys.
    const body = JSON.parse(request!.rawBody) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['md5', 'pdq', 'quality', 'sha1', 'sha256']);
    expect(body).toEqual({
      md5: expect.stringMatching(/^[0-9a-f]{32}$/),
      sha1: expect.stringMatching(/^[0-9a-f]{40}$/),
      sha256: sha256(server.files.get('12mp.jpg')!),
      pdq: expect.stringMatching(/^[0-9a-f]{64}$/),
      quality: expect.any(Number),
    });
    // A 12-megapixel JPEG of some megabytes became a request of a few hundred bytes.
    expect(request!.rawBody.length).toBeLessThan(400);
    expect(server.files.get('12mp.jpg')!.byteLength).toBeGreaterThan(1_000_000);
  });

  it('sends digests alone for a file that is not an image', async () => {
    const outcome = await checkInPage('/files/notes.txt');
    expect(outcome).toMatchObject({ ok: true, verdict: 'allow' });
    const body = JSON.parse(server.endpoint.requests[0]!.rawBody) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['md5', 'sha1', 'sha256']);
    expect(body.sha256).toBe(sha256(server.files.get('notes.txt')!));
  });

  it("adds the eight dihedral PDQ hashes when asked, equal to Node's", async () => {
    const outcome = await checkInPage('/files/small.png', { dihedral: true });
    const body = JSON.parse(server.endpoint.requests[0]!.rawBody) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual([
      'md5',
      'pdq',
      'pdqDihedral',
      'quality',
      'sha1',
      'sha256',
    ]);
    const node = await nodePdqDihedral(server.files.get('small.png')!);
    expect(body.pdqDihedral).toEqual(node);
    expect(body.pdq).toBe(node[0]);
    expect(outcome.ok && outcome.hashes.pdqDihedral).toEqual(node);
    // Still small: eight more hashes, no image data.
    expect(server.endpoint.requests[0]!.rawBody.length).toBeLessThan(1000);
  });
});

describe('verdicts and policy', () => {
  it('blocks a file whose hash the endpoint blocks, under policy block', async () => {
    server.endpoint.blocked.add(sha256(server.files.get('small.png')!));
    expect(await checkInPage('/files/small.png', { policy: 'block' })).toMatchObject({
      ok: true,
      verdict: 'block',
    });
  });

  it('lets the same file proceed under upload-for-review, so the page looks the same as for any file', async () => {
    server.endpoint.blocked.add(sha256(server.files.get('small.png')!));
    const outcome = await checkInPage('/files/small.png', { policy: 'upload-for-review' });
    expect(outcome).toMatchObject({ ok: true, verdict: 'allow' });
    // The endpoint still saw (and, for real, recorded) the hashes.
    expect(server.endpoint.requests).toHaveLength(1);
  });

  it('allows a file the endpoint does not block', async () => {
    server.endpoint.blocked.add('0'.repeat(64));
    expect(await checkInPage('/files/small.png')).toMatchObject({ ok: true, verdict: 'allow' });
  });

  it('blocks on a PDQ value too, not only on digests', async () => {
    const bytes = server.files.get('small.png')!;
    server.endpoint.blocked.add((await nodePdq(bytes)).hash);
    expect(await checkInPage('/files/small.png')).toMatchObject({ ok: true, verdict: 'block' });
  });
});

describe('the match request', () => {
  it('retries a transient 503 and then succeeds', async () => {
    server.endpoint.failNext.push(503);
    expect(await checkInPage('/files/notes.txt')).toMatchObject({ ok: true, verdict: 'allow' });
    expect(server.endpoint.requests).toHaveLength(2);
  });

  it('gives a typed E_HTTP_STATUS error when the endpoint keeps failing', async () => {
    server.endpoint.failNext.push(500, 500);
    const outcome = await checkInPage('/files/notes.txt', { retryLimit: 1 });
    expect(outcome).toMatchObject({ ok: false, name: 'TransportError', code: 'E_HTTP_STATUS' });
    expect(server.endpoint.requests).toHaveLength(2);
  });

  it('maps 401 to E_UNAUTHENTICATED without retrying', async () => {
    server.endpoint.failNext.push(401);
    expect(await checkInPage('/files/notes.txt')).toMatchObject({
      ok: false,
      code: 'E_UNAUTHENTICATED',
    });
    expect(server.endpoint.requests).toHaveLength(1);
  });

  it('times out a silent endpoint with E_TIMEOUT', async () => {
    server.endpoint.delayMs = 2_000;
    const outcome = await checkInPage('/files/notes.txt', { retryLimit: 0, timeoutMs: 200 });
    expect(outcome).toMatchObject({ ok: false, code: 'E_TIMEOUT' });
  });
});

describe('the worker', () => {
  it('is started once and reused for every file; terminate ends it and the next check starts another', async () => {
    const result = await page.evaluate(async () => {
      const { sdk, file } = window.harness;
      let started = 0;
      const check = sdk.createPreUploadCheck({
        endpoint: '/match',
        policy: 'block',
        // A member-supplied worker from the published `@hashguard/sdk-browser/worker` file.
        worker: () => {
          started++;
          return new Worker('/worker.js');
        },
      });
      const blob = await file('/files/small.png');
      const first = await check.check(blob);
      const second = await check.check(blob);
      const afterTwo = started;
      check.terminate();
      const third = await check.check(blob);
      check.terminate();
      return {
        afterTwo,
        started,
        same: first.hashes.pdq === second.hashes.pdq && second.hashes.pdq === third.hashes.pdq,
      };
    });
    expect(result).toEqual({ afterTwo: 1, started: 2, same: true });
  });

  it('rejects with the AbortSignal reason when aborted mid-hash, sends nothing, and keeps working', async () => {
    const result = await page.evaluate(async () => {
      const { sdk, file } = window.harness;
      const check = sdk.createPreUploadCheck({ endpoint: '/match', policy: 'block' });
      const blob = await file('/files/12mp.jpg');
      const controller = new AbortController();
      const pending = check.check(blob, {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.fraction > 0) controller.abort(new DOMException('user cancelled', 'AbortError'));
        },
      });
      const aborted = await pending.then(
        () => 'resolved',
        (error: Error) => `${error.name}: ${error.message}`,
      );
      const next = await check.check(await file('/files/small.png'));
      check.terminate();
      return { aborted, nextVerdict: next.verdict };
    });
    expect(result).toEqual({ aborted: 'AbortError: user cancelled', nextVerdict: 'allow' });
    // Only the second check reached the endpoint.
    expect(server.endpoint.requests).toHaveLength(1);
  });

  it('finishes the check even when the progress callback throws', async () => {
    const verdict = await page.evaluate(async () => {
      const { sdk, file } = window.harness;
      const check = sdk.createPreUploadCheck({ endpoint: '/match', policy: 'block' });
      const result = await check.check(await file('/files/small.png'), {
        onProgress: () => {
          throw new Error('a bug in the page');
        },
      });
      check.terminate();
      return result.verdict;
    });
    expect(verdict).toBe('allow');
  });

  it('rejects checks in flight when terminated', async () => {
    const outcome = await page.evaluate(async () => {
      const { sdk, file } = window.harness;
      const check = sdk.createPreUploadCheck({ endpoint: '/match', policy: 'block' });
      const pending = check.check(await file('/files/12mp.jpg'));
      check.terminate();
      return pending.then(
        () => 'resolved',
        (error: Error) => error.name,
      );
    });
    expect(outcome).toBe('AbortError');
  });
});
