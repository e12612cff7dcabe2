import type {
  Transport,
  TransportBody,
  TransportRequest,
  TransportResponse,
} from '@hashguard/sdk-core';
import ky, { isHTTPError, isTimeoutError, type RetryOptions } from 'ky';
import { readCappedStream } from './read-capped-stream';

/**
 * Why a request failed, before it is turned into the caller's error type
 * (`SyncError` for list sync, `TransportError` for reporting).
 * - `timeout`: a per-attempt timeout, the whole-call deadline or a stalled body.
 * - `aborted`: the caller's `signal` fired.
 * - `network`: fetch failed (no connection, reset, DNS, ...).
 * - `body`: the response started but its body could not be read whole
 *   (cut off, over the size cap, or the stream failed).
 */
export interface TransportFailure {
  kind: 'timeout' | 'aborted' | 'network' | 'body';
  /** `GET https://…`, or the URL alone for body failures. */
  where: string;
  message: string;
  /**
   * What the underlying error was, as plain data. Never ky's error itself: its
   * `.request` carries the request headers, `Authorization` included, and a
   * `console.error(err)` of the caller's error would print them.
   */
  cause?: ErrorSummary;
}

/** A plain, credential-free summary of an underlying error. */
export interface ErrorSummary {
  name: string;
  message: string;
  /** The first `E…` code on the error or its `cause` chain (e.g. undici's `ECONNREFUSED`). */
  code?: string;
}

/** Summarises an error without keeping a reference to it (or its request). */
export function summariseError(error: unknown): ErrorSummary {
  const code = causeCode(error);
  return {
    name: error instanceof Error ? error.name : typeof error,
    message: describe(error),
    ...(code ? { code } : {}),
  };
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

/** Complete, normalised settings of one ky-based transport; the public factories fill them. */
export interface KyTransportConfig {
  /** Time to response headers per attempt when the request gives no `timeoutMs`. */
  attemptTimeoutMs: number;
  /** Whether a request's own `timeoutMs` also replaces the per-attempt timeout. */
  requestTimeoutBoundsAttempt: boolean;
  /** Deadline of the whole call (attempts and body) when the request gives no `timeoutMs`; undefined: none. */
  totalTimeoutMs: number | undefined;
  /** Whether a request's own `timeoutMs` sets the whole-call deadline. */
  requestTimeoutBoundsTotal: boolean;
  /** ky retry settings; `0` never retries. */
  retry: RetryOptions | 0;
  /**
   * `'return'`: every HTTP status is an answer, returned with its body.
   * `'retry'`: statuses other than 304 are errors ky may retry; the last one
   * is returned with an empty body.
   */
  httpErrors: 'return' | 'retry';
  /** Largest body accepted, and how long it may stall between chunks; undefined: no limit. */
  maxBodyBytes: number | undefined;
  bodyIdleMs: number | undefined;
  fetch: typeof fetch | undefined;
  /** The caller's error for a failure (the request is there for its signal, method and URL). */
  toError(failure: TransportFailure, request: TransportRequest): Error;
}

/** The one `Transport` over ky (fetch): list sync and reporting differ only in their config. */
export function createTransportOverKy(config: KyTransportConfig): Transport {
  const client = ky.create({
    timeout: config.attemptTimeoutMs,
    ...(config.totalTimeoutMs !== undefined ? { totalTimeout: config.totalTimeoutMs } : {}),
    retry: config.retry,
    // 304 is an answer (list unchanged), not an error to retry.
    throwHttpErrors: config.httpErrors === 'retry' ? (status) => status !== 304 : false,
    // Resolved per call, so a fetch patched later (msw in tests, an APM agent) is honoured.
    fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  });

  return {
    async send(request: TransportRequest): Promise<TransportResponse> {
      const where = `${request.method} ${request.url}`;
      const totalMs = config.requestTimeoutBoundsTotal
        ? (request.timeoutMs ?? config.totalTimeoutMs)
        : config.totalTimeoutMs;
      const deadline = totalMs === undefined ? undefined : AbortSignal.timeout(totalMs);
      const signals = [request.signal, deadline].filter((s): s is AbortSignal => s !== undefined);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      const attemptTimeoutMs =
        config.requestTimeoutBoundsAttempt && request.timeoutMs !== undefined
          ? request.timeoutMs
          : config.attemptTimeoutMs;
      let response: Response;
      try {
        response = await client(request.url, {
          method: request.method,
          headers: headersWithContentType(request),
          timeout: attemptTimeoutMs,
          ...(signal ? { signal } : {}),
          ...bodyOf(request.body),
        });
      } catch (error) {
        if (isHTTPError(error)) {
          return {
            status: error.response.status,
            headers: headersOf(error.response),
            body: new Uint8Array(0),
          };
        }
        throw config.toError(requestFailure(error, where, request, deadline), request);
      }
      try {
        const body = await readBody(response, config.maxBodyBytes, config.bodyIdleMs, request.url);
        return { status: response.status, headers: headersOf(response), body };
      } catch (error) {
        if (error instanceof BodyFailure) throw config.toError(error.failure, request);
        throw config.toError(
          {
            kind: deadline?.aborted ? 'timeout' : 'body',
            where: request.url,
            message: `Reading ${request.url} failed: ${describe(error)}`,
            cause: summariseError(error),
          },
          request,
        );
      }
    },
  };
}

function requestFailure(
  error: unknown,
  where: string,
  request: TransportRequest,
  deadline: AbortSignal | undefined,
): TransportFailure {
  const cause = summariseError(error);
  if (isTimeoutError(error) || deadline?.aborted) {
    return { kind: 'timeout', where, message: `${where} timed out.`, cause };
  }
  if (request.signal?.aborted || (error instanceof Error && error.name === 'AbortError')) {
    return { kind: 'aborted', where, message: `${where} was aborted.`, cause };
  }
  return { kind: 'network', where, message: `${where} failed: ${describe(error)}`, cause };
}

function headersWithContentType(request: TransportRequest): Record<string, string> {
  const headers: Record<string, string> = { ...request.headers };
  const body = request.body;
  if (body && (body.kind === 'text' || body.kind === 'bytes')) {
    headers['content-type'] = body.contentType;
  }
  return headers;
}

function bodyOf(body: TransportBody | undefined): { body?: RequestInit['body'] } {
  if (!body) return {};
  switch (body.kind) {
    case 'text':
      return { body: body.text };
    case 'bytes':
      return { body: new Blob([body.bytes as Uint8Array<ArrayBuffer>]) };
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

function headersOf(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return out;
}

/** A body failure already classified (stall, over the cap, cut off). */
class BodyFailure extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message);
  }
}

async function readBody(
  response: Response,
  maxBytes: number | undefined,
  idleMs: number | undefined,
  url: string,
): Promise<Uint8Array> {
  if (maxBytes === undefined && idleMs === undefined) {
    return new Uint8Array(await response.arrayBuffer());
  }
  const limit = maxBytes ?? Number.POSITIVE_INFINITY;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(url, limit);
  if (!response.body) return new Uint8Array(0);
  const body = await readCappedStream(
    response.body,
    limit,
    () => tooLarge(url, limit),
    (reader) => readWithin(reader, idleMs, url),
  );
  const total = body.byteLength;
  // A body shorter than its declared length was cut off (connection dropped mid-transfer).
  if (
    Number.isFinite(declared) &&
    total !== declared &&
    !response.headers.has('content-encoding')
  ) {
    throw new BodyFailure({
      kind: 'body',
      where: url,
      message: `${url}: got ${total} of ${declared} bytes.`,
    });
  }
  return body;
}

/** One chunk, or a timeout failure when the body stalls longer than `idleMs`. */
async function readWithin(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  idleMs: number | undefined,
  url: string,
): Promise<Awaited<ReturnType<ReadableStreamDefaultReader<Uint8Array>['read']>>> {
  if (idleMs === undefined) return reader.read();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Reject before cancelling: cancel() would settle the pending read as "done" first.
      reject(
        new BodyFailure({
          kind: 'timeout',
          where: url,
          message: `${url}: body stalled for ${idleMs} ms.`,
        }),
      );
      reader.cancel().catch(() => {});
    }, idleMs);
  });
  try {
    return await Promise.race([reader.read(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(url: string, maxBytes: number): BodyFailure {
  return new BodyFailure({
    kind: 'body',
    where: url,
    message: `${url}: body exceeds ${maxBytes} bytes.`,
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
