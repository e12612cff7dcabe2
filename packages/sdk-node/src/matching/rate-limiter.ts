import type { Clock } from '@hashguard/sdk-core';

export interface RateLimitOptions {
  /** Requests a client may make at once after being idle. Default 60. */
  burst?: number;
  /** Sustained requests per second per client. Default 20. */
  perSecond?: number;
  /**
   * Clients tracked. Past this the least recently seen client is forgotten
   * (it starts again with a full bucket). Default 100 000.
   */
  maxClients?: number;
}

export interface RateLimiter {
  /** Takes one token; `retryAfterMs` is how long until one is available when refused. */
  take(clientId: string): { allowed: true } | { allowed: false; retryAfterMs: number };
  /** Clients tracked right now; never more than `maxClients`. */
  readonly size: number;
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
  // In least- to most-recently-used order: a client seen again moves to the end.
  const buckets = new Map<string, Bucket>();

  return {
    get size() {
      return buckets.size;
    },
    take(clientId) {
      const now = clock.now();
      let bucket = buckets.get(clientId);
      if (bucket) {
        buckets.delete(clientId);
        bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
        bucket.at = now;
      } else {
        bucket = { tokens: burst, at: now };
      }
      buckets.set(clientId, bucket);
      if (buckets.size > maxClients) {
        // O(1): the first key is the client seen longest ago.
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
    },
  };
}
