import type { Transport } from '@hashguard/sdk-core';
import { TransportError } from '@hashguard/sdk-core';
import { createTransportOverKy, type TransportFailure } from '../transport/ky-transport-core';

export interface ReportTransportOptions {
  /** Per-request timeout when the request gives none. Default 30 s. */
  timeoutMs?: number;
  /** The fetch to use (tests may pass msw's patched global fetch; default: `globalThis.fetch`). */
  fetch?: typeof fetch;
}

/** Error codes of Node's fetch (undici) meaning no connection was made, so nothing was sent. */
const NOT_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * The `Transport` port over ky (fetch) for hotline reporting: the same
 * transport as list sync's `createKyTransport`, set up differently. This one
 * never retries: retrying is the outbox's decision, because a blind retry of
 * CyberTipline `/submit` opens a second report. Every HTTP status is returned
 * with its body (CyberTipline explains errors there). Failures become
 * `TransportError`s whose codes say whether the request may have reached the
 * server.
 */
export function createReportTransport(options: ReportTransportOptions = {}): Transport {
  return createTransportOverKy({
    attemptTimeoutMs: options.timeoutMs ?? 30_000,
    requestTimeoutBoundsAttempt: true,
    totalTimeoutMs: undefined,
    requestTimeoutBoundsTotal: false,
    retry: 0,
    httpErrors: 'return',
    maxBodyBytes: undefined,
    bodyIdleMs: undefined,
    fetch: options.fetch,
    toError: toTransportError,
  });
}

/** The failure's cause is already a plain summary: no ky error (whose request holds the credentials) is kept. */
function toTransportError(failure: TransportFailure): TransportError {
  const options = failure.cause ? { cause: failure.cause } : undefined;
  switch (failure.kind) {
    case 'timeout':
      return new TransportError('E_TIMEOUT', failure.message, options);
    case 'aborted':
      return new TransportError('E_ABORTED', failure.message, options);
    default: {
      const code = failure.cause?.code;
      if (code && NOT_CONNECTED.has(code)) {
        return new TransportError(
          'E_CONNECT_FAILED',
          `${failure.where}: could not connect (${code}).`,
          options,
        );
      }
      return new TransportError(
        'E_NETWORK',
        `${failure.where} failed on the network${code ? ` (${code})` : ''}.`,
        options,
      );
    }
  }
}
