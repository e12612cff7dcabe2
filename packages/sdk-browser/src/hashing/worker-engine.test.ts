import { describe, expect, it } from 'vitest';
import { createWorkerEngine } from './worker-engine';

/** Just enough of a Worker: events in, posted messages recorded. */
class FakeWorker extends EventTarget {
  posted: unknown[] = [];
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  terminate(): void {}
}

const settled = (promise: Promise<unknown>) =>
  Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still pending'), 0)),
  ]);

describe('createWorkerEngine', () => {
  it('fails the checks in flight when a reply cannot be deserialised (messageerror)', async () => {
    const worker = new FakeWorker();
    const engine = createWorkerEngine(() => worker as unknown as Worker, {
      maxPixels: 1_000,
      dihedral: false,
    });
    const first = engine.hash(new Blob(['a']));
    const second = engine.hash(new Blob(['b']));
    while (worker.posted.length < 2) await new Promise((resolve) => setTimeout(resolve, 0));
    worker.dispatchEvent(new Event('messageerror'));
    for (const run of [first, second]) {
      expect(await settled(run)).toMatchObject({ name: 'HashingError', code: 'E_HASH_FAILED' });
    }
  });
});
