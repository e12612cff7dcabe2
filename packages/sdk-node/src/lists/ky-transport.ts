import {
  ConfigError,
  SyncError,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from '@hashguard/sdk-core';
import ky, { isHTTPError, isTimeoutError } from 'ky';

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
 * so a hostile or broken source cannot exhaust memory.
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
  const client = ky.create({
    timeout: timeoutMs,
    totalTimeout: totalTimeoutMs,
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
    // 304 is an answer (list unchanged), not an error to retry.
    throwHttpErrors: (status) => status !== 304,
    // Resolved per call, so a fetch patched later (msw in tests, an APM agent) is honoured.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });

  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const deadline = AbortSignal.timeout(request.timeoutMs ?? totalTimeoutMs);
      const signal = request.signal ? AbortSignal.any([request.signal, deadline]) : deadline;
      let response: Response;
      try {
        response = await client(request.url, {
          method: request.method.toLowerCase(),
          headers: request.headers,
          signal,
          ...bodyOf(request),
        });
      } catch (error) {
        if (isHTTPError(error)) {
          return {
            status: error.response.status,
            headers: headersOf(error.response),
            body: new Uint8Array(0),
          };
        }
        if (isTimeoutError(error) || deadline.aborted) {
          throw new SyncError('E_SYNC_TIMEOUT', `${request.method} ${request.url} timed out.`, {
            cause: error,
          });
        }
        throw new SyncError(
          'E_SYNC_HTTP',
          `${request.method} ${request.url} failed: ${describe(error)}`,
          {
            cause: error,
          },
        );
      }
      try {
        const body = await readCapped(response, maxBodyBytes, timeoutMs, request.url);
        return { status: response.status, headers: headersOf(response), body };
      } catch (error) {
        if (error instanceof SyncError) throw error;
        const code = deadline.aborted ? 'E_SYNC_TIMEOUT' : 'E_SYNC_INCOMPLETE';
        throw new SyncError(code, `Reading ${request.url} failed: ${describe(error)}`, {
          cause: error,
        });
      }
    },
  };
}

function bodyOf(request: TransportRequest): { body?: RequestInit['body'] } {
  const body = request.body;
  if (!body) return {};
  if (body.kind === 'text') return { body: body.text };
  if (body.kind === 'bytes') return { body: body.bytes };
  if (body.kind === 'form') return { body: new URLSearchParams(body.fields) };
  const form = new FormData();
  for (const part of body.parts) {
    if ('filename' in part)
      form.append(part.name, new Blob([part.data], { type: part.contentType }), part.filename);
    else form.append(part.name, part.value);
  }
  return { body: form };
}

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

async function readCapped(
  response: Response,
  maxBytes: number,
  idleMs: number,
  url: string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(url, maxBytes);
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await readWithin(reader, idleMs, url);
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  // A body shorter than its declared length was cut off (connection dropped mid-transfer).
  if (
    Number.isFinite(declared) &&
    total !== declared &&
    !response.headers.has('content-encoding')
  ) {
    throw new SyncError('E_SYNC_INCOMPLETE', `${url}: got ${total} of ${declared} bytes.`);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** One chunk, or E_SYNC_TIMEOUT when the body stalls longer than the per-attempt timeout. */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number,
  url: string,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject before cancelling: cancel() would settle the pending read as "done" first.
      reject(new SyncError('E_SYNC_TIMEOUT', `${url}: body stalled for ${idleMs} ms.`));
      reader.cancel().catch(() => {});
    }, idleMs);
  });
  try {
    return await Promise.race([reader.read(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(url: string, maxBytes: number): SyncError {
  return new SyncError('E_SYNC_INCOMPLETE', `${url}: body exceeds ${maxBytes} bytes.`);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
