import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HarnessServer, startHarnessServer } from './support/harness-server';
import { type LaunchedChromium, launchChromium } from './support/launch-chromium';
import { syntheticJpeg } from './support/synthetic-images';

let server: HarnessServer;
let chromium: LaunchedChromium;
let page: Page;

beforeAll(async () => {
  server = await startHarnessServer();
  server.files.set('12mp.jpg', await syntheticJpeg(4000, 3000));
  server.files.set('1mp.jpg', await syntheticJpeg(1200, 840));
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready]');
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

interface Timed {
  verdict: string;
  runsIn: string;
  msToVerdict: number;
  longTasks: number[];
}

/**
 * Checks a served file while a PerformanceObserver records the page's long
 * tasks (the browser reports every main-thread task over 50 ms). The file is
 * fetched before observing starts, as a file picker would already hold it.
 * Chromium queues a long-task entry when the task ends; one more task later
 * (`setTimeout(0)`, measured) `takeRecords()` returns it, so nothing is missed.
 */
function timedCheck(path: string, worker: boolean): Promise<Timed> {
  return page.evaluate(
    async ({ path, worker }) => {
      const { sdk, file } = window.harness;
      const blob = await file(path);
      // One check per mode for the page's lifetime, as a page would keep it:
      // the first call pays for starting the worker and compiling the WASM.
      const cache = window as unknown as {
        checks?: Record<string, ReturnType<typeof sdk.createPreUploadCheck>>;
      };
      cache.checks ??= {};
      cache.checks[String(worker)] ??= sdk.createPreUploadCheck({
        endpoint: '/match',
        policy: 'block',
        worker,
      });
      const check = cache.checks[String(worker)]!;
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const started = performance.now();
      const result = await check.check(blob);
      const msToVerdict = performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
      observer.disconnect();
      return { verdict: result.verdict, msToVerdict, longTasks, runsIn: check.runsIn };
    },
    { path, worker },
  );
}

describe('hashing stays off the main thread', () => {
  const report: string[] = [];

  it('no long task over 50 ms on the main thread while a 12-megapixel JPEG is checked in the worker', async () => {
    // The first check also starts the worker and compiles the WASM; the second reuses them.
    const cold = await timedCheck('/files/12mp.jpg', true);
    const warm = await timedCheck('/files/12mp.jpg', true);
    report.push(
      `12 MP, worker, first check of the page (worker start + WASM compile): ${cold.msToVerdict.toFixed(0)} ms to verdict`,
    );
    expect(cold).toMatchObject({ verdict: 'allow', runsIn: 'worker' });
    expect(cold.longTasks).toEqual([]);
    expect(warm.longTasks).toEqual([]);
  });

  it('the observer does see long tasks when the page itself is busy (the measurement works)', async () => {
    const seen = await page.evaluate(async () => {
      const longTasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      // A real task (a timer callback) that keeps the main thread busy for
      // 120 ms, as hashing in the page without a worker would.
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          const until = performance.now() + 120;
          while (performance.now() < until) {
            // busy
          }
          resolve();
        }, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const entry of observer.takeRecords()) longTasks.push(entry.duration);
      observer.disconnect();
      return longTasks;
    });
    expect(seen.some((duration) => duration > 100)).toBe(true);
  });

  it('records time to verdict for 1 MP and 12 MP, worker and main-thread fallback', async () => {
    for (const [label, path] of [
      ['1 MP', '/files/1mp.jpg'],
      ['12 MP', '/files/12mp.jpg'],
    ] as const) {
      for (const worker of [true, false]) {
        await timedCheck(path, worker); // warm-up: worker started, WASM compiled
        const timed = await timedCheck(path, worker);
        expect(timed.verdict).toBe('allow');
        const where = worker ? 'worker' : 'main thread';
        const longest = Math.max(0, ...timed.longTasks);
        report.push(
          `${label}, ${where}: ${timed.msToVerdict.toFixed(0)} ms to verdict, ${timed.longTasks.length} long tasks (longest ${longest.toFixed(0)} ms)`,
        );
      }
    }
  });

  afterAll(() => {
    console.log(
      ['Time to verdict (Chromium, loopback endpoint):', ...report.map((line) => `  ${line}`)].join(
        '\n',
      ),
    );
  });
});
