import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExampleServer, startExampleServer } from '../src/example-server.ts';

const DEMO = fileURLToPath(new URL('../demo/', import.meta.url));
/** Where the screenshot is written, for a person to look at (git-ignored). */
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));

/** Debian's Chromium, kept off the network; see packages/sdk-browser/test/support/launch-chromium.ts. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: ExampleServer;
let profile: string;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startExampleServer();
  profile = await mkdtemp(join(tmpdir(), 'hashguard-example-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.HASHGUARD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 820, height: 760 },
  });
  page = await context.newPage();
}, 120_000);

afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
  await server?.close();
});

/** Loads the page fresh, picks a demo file as a user would, and waits for the result. */
async function pick(
  name: string,
): Promise<{ verdict: string; resultClass: string; progress: number; sent: string }> {
  await page.goto(server.url);
  await page.setInputFiles('#file', join(DEMO, name));
  await page.waitForSelector('body[data-checked]');
  return page.evaluate(() => ({
    verdict: document.getElementById('verdict')!.textContent ?? '',
    resultClass: document.getElementById('result')!.className,
    progress: (document.getElementById('progress') as HTMLProgressElement).value,
    sent: document.getElementById('hashes')!.textContent ?? '',
  }));
}

describe('examples/browser-pre-upload', () => {
  it('blocks the listed demo picture with a generic message, having sent hashes only', async () => {
    const shown = await pick('listed-demo.png');
    expect(shown).toMatchObject({
      verdict: "This file can't be uploaded.",
      resultClass: 'result block',
      progress: 1,
    });
    const body = JSON.parse(server.endpoint.bodies.at(-1)!) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['md5', 'pdq', 'quality', 'sha1', 'sha256']);
    // The page shows what was sent, and it is the same body.
    expect(JSON.parse(shown.sent)).toEqual(body);
  });

  it('blocks a re-encoded copy of it too (PDQ within the threshold, digests differ)', async () => {
    expect(await pick('listed-demo-recompressed.jpg')).toMatchObject({
      resultClass: 'result block',
    });
  });

  it('lets an unlisted picture through', async () => {
    expect(await pick('unlisted-demo.png')).toMatchObject({
      verdict: 'Check passed. The upload would start now.',
      resultClass: 'result allow',
    });
  });

  it('screenshot after checking a file shows the progress bar full and the red result box', async () => {
    await pick('listed-demo.png');
    await mkdir(RESULTS, { recursive: true });
    const path = join(RESULTS, 'after-check.png');
    await page.screenshot({ path, fullPage: true });
    // Read the screenshot back and check the result box is painted in its
    // "block" colours where the page says it is.
    const box = (await page.locator('#result').boundingBox())!;
    const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => {
      const i = (Math.round(y) * info.width + Math.round(x)) * info.channels;
      return [data[i]!, data[i + 1]!, data[i + 2]!];
    };
    expect(at(box.x + box.width - 6, box.y + box.height / 2)).toEqual([0xfd, 0xe8, 0xe8]);
    expect(info.width).toBe(820);
  });
});
