import { ConfigError, SyncError, type Transport } from '@hashguard/sdk-core';
import { createTransportOverKy, type TransportFailure } from '../transport/ky-transport-core';

export interface KyTransportOptions {
  /** Per-attempt time to get response headers. Default 30 s. */
  timeoutMs?: number;
  /** Whole operation including retries and reading the body. Default 10 min (lists are large). */
  totalTimeoutMs?: number;
  /** Retries of idempotent GETs on network errors, timeouts, 408/429/5xx. Default 3. */
  retries?: number;
  /** Backoff before retry n (from 1): default 500 ms · 2^(n-1), capped at 30 s, with jitter. */
  retryDelayMs?: (attempt: number) => number;
  /** Largest response body accepted. Default 2 GiB. */
  maxBodyBytes?: number;
  /** The fetch to use; msw in tests patches the global one. */
  fetch?: typeof fetch;
}

/**
 * The default `Transport` for list sync, over ky. Only GET is retried: a list
 * pull is idempotent, anything else might not be. Bodies are read with a cap,
 * so a hostile or broken source cannot exhaust memory. Failures are
 * `SyncError`s. (Reporting uses the same transport through
 * `createReportTransport`, without retries and with `TransportError`s.)
 */
export function createKyTransport(options: KyTransportOptions = {}): Transport {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 600_000;
  const maxBodyBytes = options.maxBodyBytes ?? 2 ** 31;
  const retries = options.retries ?? 3;
  if (!(timeoutMs > 0 && totalTimeoutMs > 0 && maxBodyBytes > 0 && retries >= 0)) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      'Transport timeouts, maxBodyBytes and retries must be positive.',
    );
  }
  return createTransportOverKy({
    attemptTimeoutMs: timeoutMs,
    requestTimeoutBoundsAttempt: false,
    totalTimeoutMs,
    requestTimeoutBoundsTotal: true,
    retry: {
      limit: retries,
      methods: ['get'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      retryOnTimeout: true,
      delay: options.retryDelayMs ?? ((attempt) => 500 * 2 ** (attempt - 1)),
      backoffLimit: 30_000,
      jitter: options.retryDelayMs ? undefined : true,
      maxRetryAfter: 60_000,
    },
    httpErrors: 'retry',
    maxBodyBytes,
    bodyIdleMs: timeoutMs,
    fetch: options.fetch,
    toError: toSyncError,
  });
}

function toSyncError(failure: TransportFailure): SyncError {
  switch (failure.kind) {
    case 'timeout':
      return new SyncError('E_SYNC_TIMEOUT', failure.message, causeOf(failure));
    case 'body':
      return new SyncError('E_SYNC_INCOMPLETE', failure.message, causeOf(failure));
    case 'aborted':
      return new SyncError(
        'E_SYNC_HTTP',
        `${failure.where} failed: ${failure.cause?.message ?? 'aborted'}`,
        causeOf(failure),
      );
    case 'network':
      return new SyncError('E_SYNC_HTTP', failure.message, causeOf(failure));
  }
}

/** Stall, size and cut-off failures have no underlying error, as before. */
function causeOf(failure: TransportFailure): { cause: unknown } | undefined {
  return failure.cause === undefined ? undefined : { cause: failure.cause };
}
