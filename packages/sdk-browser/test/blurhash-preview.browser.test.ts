import { decodeBlurhashPreview } from '@hashguard/sdk-core';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HarnessServer, startHarnessServer } from './support/harness-server';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';
import { syntheticJpeg } from './support/synthetic-images';

let server: HarnessServer;
let chromium: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  server = await startHarnessServer();
  server.files.set('photo.jpg', await syntheticJpeg(900, 600));
  server.files.set('photo-orientation-6.jpg', await syntheticJpeg(900, 600, { orientation: 6 }));
  server.files.set('notes.txt', new TextEncoder().encode('not an image'));
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

function previewInPage(path: string) {
  return page.evaluate(async (path) => {
    const { sdk, file } = window.harness;
    try {
      return { ok: true as const, preview: await sdk.createBlurhashFromBlob(await file(path)) };
    } catch (error) {
      return { ok: false as const, code: (error as { code?: string }).code };
    }
  }, path);
}

/** Mean absolute difference per channel of two blurhashes rendered at 32×32. */
function renderedDifference(a: string, b: string): number {
  const x = decodeBlurhashPreview(a, 32, 32).data;
  const y = decodeBlurhashPreview(b, 32, 32).data;
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += Math.abs(x[i]! - y[i]!);
  return sum / x.length;
}

describe('createBlurhashFromBlob in Chromium', () => {
  it('looks like the Node preview of the same file (different resamplers, same blur)', async () => {
    const outcome = await previewInPage('/files/photo.jpg');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.preview).toMatchObject({
      width: 900,
      height: 600,
      componentsX: 4,
      componentsY: 3,
    });
    const { createBlurhashPreview } = await import('@hashguard/sdk-core');
    const { data, info } = await sharp(server.files.get('photo.jpg')!)
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const node = createBlurhashPreview({
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(data),
    });
    expect(renderedDifference(outcome.preview.blurhash, node.blurhash)).toBeLessThan(6);
    // …and clearly unlike the preview of a different picture.
    const flipped = await sharp(server.files.get('photo.jpg')!)
      .flip()
      .flop()
      .resize(64, 64, { fit: 'inside' })
      .raw()
      .toBuffer();
    const other = createBlurhashPreview({
      width: info.width,
      height: info.height,
      channels: 3,
      data: new Uint8Array(flipped),
    });
    expect(renderedDifference(outcome.preview.blurhash, other.blurhash)).toBeGreaterThan(10);
  });

  it('applies EXIF orientation, so the placeholder matches the displayed picture', async () => {
    const outcome = await previewInPage('/files/photo-orientation-6.jpg');
    expect(outcome.ok && { width: outcome.preview.width, height: outcome.preview.height }).toEqual({
      width: 600,
      height: 900,
    });
  });

  it('refuses a file that is not an image with E_UNSUPPORTED_FORMAT', async () => {
    expect(await previewInPage('/files/notes.txt')).toEqual({
      ok: false,
      code: 'E_UNSUPPORTED_FORMAT',
    });
  });
});
