import type { Transport, TransportRequest } from '@hashguard/sdk-core';
import { TransportError } from '@hashguard/sdk-core';
import { isNetworkError, isTimeoutError } from 'ky';
import { createTransportOverKy } from '../transport/ky-transport-core';

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
    // Without a deadline or body limits every failure carries fetch's own error.
    toError: (failure, request) => toTransportError(failure.cause, request),
  });
}

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toTransportError(error: unknown, request: TransportRequest): TransportError {
  const where = `${request.method} ${request.url}`;
  if (isTimeoutError(error))
    return new TransportError('E_TIMEOUT', `${where} timed out.`, { cause: error });
  if (request.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new TransportError('E_ABORTED', `${where} was aborted.`, { cause: error });
  }
  const code = causeCode(error);
  if (code && NOT_CONNECTED.has(code)) {
    return new TransportError('E_CONNECT_FAILED', `${where}: could not connect (${code}).`, {
      cause: error,
    });
  }
  if (isNetworkError(error) || error instanceof TypeError) {
    return new TransportError(
      'E_NETWORK',
      `${where} failed on the network${code ? ` (${code})` : ''}.`,
      { cause: error },
    );
  }
  return new TransportError('E_NETWORK', `${where} failed: ${String(error)}`, { cause: error });
}
