import type { Clock } from '@hashguard/sdk-core';

export interface RateLimitOptions {
  /** Requests a client may make at once after being idle. Default 60. */
  burst?: number;
  /** Sustained requests per second per client. Default 20. */
  perSecond?: number;
  /** Clients tracked before idle (fully refilled) buckets are dropped. Default 100 000. */
  maxClients?: number;
}

export interface RateLimiter {
  /** Takes one token; `retryAfterMs` is how long until one is available when refused. */
  take(clientId: string): { allowed: true } | { allowed: false; retryAfterMs: number };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** A token bucket per client; time comes from the injected clock so tests never sleep. */
export function createRateLimiter(
  options: RateLimitOptions,
  clock: Pick<Clock, 'now'>,
): RateLimiter {
  const burst = options.burst ?? 60;
  const perMs = (options.perSecond ?? 20) / 1000;
  const maxClients = options.maxClients ?? 100_000;
  const buckets = new Map<string, Bucket>();

  function sweep(now: number): void {
    // A full bucket is indistinguishable from a new one, so dropping it loses nothing.
    for (const [clientId, bucket] of buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= burst) buckets.delete(clientId);
    }
  }

  return {
    take(clientId) {
      const now = clock.now();
      let bucket = buckets.get(clientId);
      if (!bucket) {
        if (buckets.size >= maxClients) sweep(now);
        bucket = { tokens: burst, at: now };
        buckets.set(clientId, bucket);
      } else {
        bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
        bucket.at = now;
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
    },
  };
}
