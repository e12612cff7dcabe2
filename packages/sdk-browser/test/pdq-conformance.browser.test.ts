import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONFORMANCE_DIR,
  type HarnessServer,
  readExpectedCsv,
  startHarnessServer,
} from './support/harness-server';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';
import { nodePdq } from './support/node-pdq';

const rows = await readExpectedCsv();
const pngRows = rows.filter((row) => row.file.endsWith('.png'));
const jpegRows = rows.filter((row) => row.file.endsWith('.jpg'));

/** Hamming distance of two 64-digit hex hashes. */
function hamming(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < a.length; i += 8) {
    let x = Number.parseInt(a.slice(i, i + 8), 16) ^ Number.parseInt(b.slice(i, i + 8), 16);
    for (; x; x &= x - 1) distance++;
  }
  return distance;
}

let server: HarnessServer;
let chromium: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  server = await startHarnessServer();
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

/** Hashes one conformance image in Chromium through the public pre-upload check, in the worker and in the main-thread fallback. */
function hashInBrowser(file: string) {
  return page.evaluate(async (name) => {
    const { sdk, file } = window.harness;
    const blob = await file(`/fixtures/${name}`);
    const worker = sdk.createPreUploadCheck({ endpoint: '/match', policy: 'block' });
    const mainThread = sdk.createPreUploadCheck({
      endpoint: '/match',
      policy: 'block',
      worker: false,
    });
    try {
      const inWorker = await worker.check(blob);
      const inMainThread = await mainThread.check(blob);
      return {
        runsIn: [worker.runsIn, mainThread.runsIn],
        inWorker: inWorker.hashes,
        inMainThread: inMainThread.hashes,
      };
    } finally {
      worker.terminate();
      mainThread.terminate();
    }
  }, file);
}

/** What Node computes for the same file: digests with node:crypto, PDQ with sharp + sdk-core. */
async function inNode(file: string) {
  const bytes = await readFile(`${CONFORMANCE_DIR}images/${file}`);
  const hex = (algorithm: string) => createHash(algorithm).update(bytes).digest('hex');
  const pdq = await nodePdq(bytes);
  return {
    md5: hex('md5'),
    sha1: hex('sha1'),
    sha256: hex('sha256'),
    pdq: pdq.hash,
    quality: pdq.quality,
  };
}

describe('PDQ in Chromium agrees with the reference (expected.csv)', () => {
  it.each(pngRows)(
    '$file: exact hash and quality, in the worker and in the main thread',
    async (row) => {
      const result = await hashInBrowser(row.file);
      expect(result.runsIn).toEqual(['worker', 'main-thread']);
      for (const hashes of [result.inWorker, result.inMainThread]) {
        expect({ pdq: hashes.pdq, quality: hashes.quality }).toEqual({
          pdq: row.pdq,
          quality: row.quality,
        });
      }
    },
  );

  const jpegTable: { file: string; distance: number; quality: string }[] = [];

  it.each(jpegRows)(
    '$file: measured against the reference (Chromium decodes with its own libjpeg-turbo)',
    async (row) => {
      const result = await hashInBrowser(row.file);
      const distance = hamming(result.inWorker.pdq!, row.pdq);
      jpegTable.push({
        file: row.file,
        distance,
        quality: `${result.inWorker.quality} vs ${row.quality}`,
      });
      // The two engines share one pipeline; they must agree with each other exactly.
      expect(result.inMainThread.pdq).toBe(result.inWorker.pdq);
      // Measured exact on Chromium 156 (its decode is byte-identical to sharp's libjpeg-turbo on these files).
      expect(distance).toBe(0);
      expect(result.inWorker.quality).toBe(row.quality);
    },
  );

  it.each(rows)(
    '$file: the browser computes exactly what Node computes (digests and PDQ)',
    async (row) => {
      const result = await hashInBrowser(row.file);
      expect(result.inWorker).toEqual(await inNode(row.file));
    },
  );

  afterAll(() => {
    if (jpegTable.length === 0) return;
    const lines = jpegTable.map((r) => `| ${r.file} | ${r.distance} | ${r.quality} |`);
    console.log(
      [
        'JPEG: browser PDQ vs reference',
        '| file | Hamming distance | quality |',
        '| --- | --- | --- |',
        ...lines,
      ].join('\n'),
    );
  });
});
