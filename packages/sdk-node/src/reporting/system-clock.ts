import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '@hashguard/sdk-core';

/** The `Clock` port on Node's wall clock and timers (tests inject a fake one instead). */
export function createSystemClock(): Clock {
  return {
    now: () => Date.now(),
    sleep: (ms, signal) => sleep(ms, undefined, signal ? { signal } : undefined),
  };
}
