import type { Clock } from '@hashguard/sdk-core';

/** Wall-clock time and timers; a sync schedule must not keep the member's process alive on its own. */
export const nodeClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      timer.unref?.();
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
};
