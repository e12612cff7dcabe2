import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInPage as checkIn } from './support/check-in-page';
import { type HarnessServer, startHarnessServer } from './support/harness-server';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';
import { nodePdq } from './support/node-pdq';
import { syntheticJpeg, syntheticRgb } from './support/synthetic-images';

let server: HarnessServer;
let chromium: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  server = await startHarnessServer();
  server.files.set('12mp.jpg', await syntheticJpeg(4000, 3000));
  server.files.set(
    'small.png',
    await sharp(syntheticRgb(300, 200), { raw: { width: 300, height: 200, channels: 3 } })
      .png()
      .toBuffer(),
  );
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

const checkInPage = (path: string) => checkIn(page, path);

describe('decoding agrees with Node', () => {
  it('ignores EXIF orientation, as the reference does', async () => {
    server.files.set('orientation-6.jpg', await syntheticJpeg(640, 400, { orientation: 6 }));
    server.files.set('orientation-1.jpg', await syntheticJpeg(640, 400, { orientation: 1 }));
    const rotated = await checkInPage('/files/orientation-6.jpg');
    const upright = await checkInPage('/files/orientation-1.jpg');
    const node = await nodePdq(server.files.get('orientation-6.jpg')!);
    const nodeRotated = await nodePdq(
      await sharp(server.files.get('orientation-6.jpg')!).rotate().toBuffer(),
    );
    expect(rotated.ok && rotated.hashes.pdq).toBe(node.hash);
    expect(upright.ok && upright.hashes.pdq).toBe(node.hash);
    // Applying the tag would have given a different hash: the test can tell.
    expect(nodeRotated.hash).not.toBe(node.hash);
  });

  it('hashes a grayscale JPEG from its one channel, as Node does', async () => {
    server.files.set('gray.jpg', await syntheticJpeg(700, 500, { grayscale: true }));
    const outcome = await checkInPage('/files/gray.jpg');
    expect(outcome.ok && outcome.hashes.pdq).toBe(
      (await nodePdq(server.files.get('gray.jpg')!)).hash,
    );
    // The decode hands on one channel, as libjpeg gives it to the reference
    // (float luma of R = G = B is not always exactly the gray value).
    const decoded = await page.evaluate(async () => {
      const { sdk, file } = window.harness;
      const bytes = new Uint8Array(await (await file('/files/gray.jpg')).arrayBuffer());
      const pixels = await sdk
        .createCanvasDecoder()
        .decode(bytes, { maxPixels: 1e6, maxBytes: 1e7 });
      return { channels: pixels.channels, gray: Array.from(pixels.data) };
    });
    const node = await sharp(server.files.get('gray.jpg')!).toColourspace('b-w').raw().toBuffer();
    expect(decoded.channels).toBe(1);
    expect(Buffer.from(decoded.gray).equals(node)).toBe(true);
  });

  it('createCanvasDecoder gives the pixels sharp gives (ImageDecoder port), and refuses what it should', async () => {
    const bytes = server.files.get('small.png')!;
    const decoded = await page.evaluate(async () => {
      const { sdk, file } = window.harness;
      const decoder = sdk.createCanvasDecoder();
      const bytes = new Uint8Array(await (await file('/files/small.png')).arrayBuffer());
      const pixels = await decoder.decode(bytes, { maxPixels: 1e6, maxBytes: 1e7 });
      const refusals = await Promise.all(
        [
          () => decoder.decode(bytes, { maxPixels: 1000, maxBytes: 1e7 }),
          () => decoder.decode(bytes, { maxPixels: 1e6, maxBytes: 100 }),
          () => decoder.decode(new Uint8Array(0), { maxPixels: 1e6, maxBytes: 1e7 }),
          () => decoder.decode(new TextEncoder().encode('text'), { maxPixels: 1e6, maxBytes: 1e7 }),
        ].map((attempt) =>
          attempt().then(
            () => 'decoded',
            (error: { code?: string }) => error.code,
          ),
        ),
      );
      return {
        width: pixels.width,
        height: pixels.height,
        channels: pixels.channels,
        rgba: Array.from(pixels.data),
        refusals,
      };
    });
    const { data, info } = await sharp(bytes)
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect({ width: decoded.width, height: decoded.height, channels: decoded.channels }).toEqual({
      width: info.width,
      height: info.height,
      channels: 4,
    });
    expect(Buffer.from(decoded.rgba).equals(data)).toBe(true);
    expect(decoded.refusals).toEqual([
      'E_IMAGE_TOO_LARGE',
      'E_INPUT_TOO_LARGE',
      'E_EMPTY_INPUT',
      'E_UNSUPPORTED_FORMAT',
    ]);
  });

  it('hashes a 12-megapixel JPEG exactly as Node does', async () => {
    const outcome = await checkInPage('/files/12mp.jpg');
    const node = await nodePdq(server.files.get('12mp.jpg')!);
    expect(outcome.ok && { pdq: outcome.hashes.pdq, quality: outcome.hashes.quality }).toEqual({
      pdq: node.hash,
      quality: node.quality,
    });
  });
});
