/** `performance.now()` where the runtime has it (every browser, worker and Node), else `Date.now()`. */
export const performanceNow = (): number =>
  (globalThis as { performance?: { now(): number } }).performance?.now() ?? Date.now();
