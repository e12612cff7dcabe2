interface SchedulerWithYield {
  yield(): Promise<void>;
}

/**
 * Gives the browser a chance to paint and handle input. `scheduler.yield()`
 * where available (Chromium 129+); otherwise a MessageChannel round trip,
 * which unlike `setTimeout(0)` is not clamped to 4 ms after a few nestings.
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<SchedulerWithYield> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
