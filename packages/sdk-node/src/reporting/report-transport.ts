import type {
  Transport,
  TransportBody,
  TransportRequest,
  TransportResponse,
} from '@hashguard/sdk-core';
import { TransportError } from '@hashguard/sdk-core';
import ky, { isNetworkError, isTimeoutError } from 'ky';

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

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toBody(body: TransportBody | undefined): {
  body?: RequestInit['body'];
  contentType?: string;
} {
  if (!body) return {};
  switch (body.kind) {
    case 'text':
      return { body: body.text, contentType: body.contentType };
    case 'bytes':
      return {
        body: new Blob([body.bytes as Uint8Array<ArrayBuffer>]),
        contentType: body.contentType,
      };
    case 'form':
      return { body: new URLSearchParams(body.fields) };
    case 'multipart': {
      const form = new FormData();
      for (const part of body.parts) {
        if ('data' in part) {
          form.append(
            part.name,
            new Blob([part.data as Uint8Array<ArrayBuffer>], { type: part.contentType }),
            part.filename,
          );
        } else {
          form.append(part.name, part.value);
        }
      }
      // fetch sets multipart/form-data with its boundary.
      return { body: form };
    }
  }
}

/**
 * The `Transport` port over ky (fetch) for hotline reporting. (List sync has
 * its own `createKyTransport`, which retries GETs and reports `SyncError`s.)
 * This one never retries: retrying is the
 * outbox's decision, because a blind retry of CyberTipline `/submit` opens a
 * second report. Failures become `TransportError`s whose codes say whether
 * the request may have reached the server.
 */
export function createReportTransport(options: ReportTransportOptions = {}): Transport {
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const client = ky.create({
    retry: 0,
    throwHttpErrors: false,
    // Resolved per call, so a fetch patched later (msw in tests) is honoured.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });
  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const { body, contentType } = toBody(request.body);
      const headers: Record<string, string> = { ...request.headers };
      if (contentType) headers['content-type'] = contentType;
      try {
        const response = await client(request.url, {
          method: request.method,
          headers,
          body,
          timeout: request.timeoutMs ?? defaultTimeoutMs,
          signal: request.signal,
        });
        const bytes = new Uint8Array(await response.arrayBuffer());
        return {
          status: response.status,
          headers: Object.fromEntries(
            [...response.headers].map(([name, value]) => [name.toLowerCase(), value]),
          ),
          body: bytes,
        };
      } catch (error) {
        throw toTransportError(error, request);
      }
    },
  };
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
