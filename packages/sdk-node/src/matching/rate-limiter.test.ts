import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';

describe('createRateLimiter', () => {
  // Time stands still, so no bucket ever refills: only eviction can reset one.
  const clock = { now: () => 1_000 };

  it('tracks at most maxClients, forgetting the least recently seen client first', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1, maxClients: 3 }, clock);
    for (const id of ['a', 'b', 'c']) expect(limiter.take(id).allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(false); // b is now the most recent
    expect(limiter.take('d').allowed).toBe(true); // forgets a
    expect(limiter.take('a').allowed).toBe(true); // a fresh full bucket; forgets c
    expect(limiter.take('b').allowed).toBe(false); // b, recently seen, is still limited
    expect(limiter.take('c').allowed).toBe(true); // forgotten too
    expect(limiter.size).toBe(3);
  });

  it('stays bounded by maxClients however many clients drain their buckets', () => {
    const limiter = createRateLimiter({ burst: 2, perSecond: 1, maxClients: 100 }, clock);
    for (let i = 0; i < 10_000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBe(100);
  });
});
