import type { Clock } from '@hashguard/sdk-core';

/** The mock only reads the time (report expiry, timestamps); it never sleeps on this clock. */
export type MockClock = Pick<Clock, 'now'>;

export const systemClock: MockClock = { now: () => Date.now() };

/** A clock tests move by hand, so expiry is tested without waiting. */
export interface ManualClock extends MockClock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function createManualClock(startEpochMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startEpochMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (epochMs) => {
      current = epochMs;
    },
  };
}
