/**
 * Runs in Chromium. Exposes the built SDK and small helpers on `window` for
 * the tests, which drive it with `page.evaluate` and assert in Node.
 */
import * as sdk from '../../dist/index.js';

export interface Harness {
  sdk: typeof sdk;
  /** A conformance image (or a generated file under /files/) as a Blob, as a file picker would give it. */
  file(path: string): Promise<Blob>;
  /** Long tasks (> 50 ms by definition) seen on this page since `startLongTaskLog`. */
  longTasks: { name: string; duration: number; startTime: number }[];
  startLongTaskLog(): void;
}

declare global {
  interface Window {
    harness: Harness;
  }
}

const longTasks: Harness['longTasks'] = [];

window.harness = {
  sdk,
  async file(path: string): Promise<Blob> {
    const response = await fetch(path);
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    return response.blob();
  },
  longTasks,
  startLongTaskLog() {
    longTasks.length = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        longTasks.push({ name: entry.name, duration: entry.duration, startTime: entry.startTime });
      }
    }).observe({ type: 'longtask' });
  },
};
document.body.dataset.ready = 'true';
