import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A TEST DOUBLE of the member's match endpoint (hashes in, generic verdict
 * out). It records each request body as received and answers from a list of
 * blocked hash values, or with scripted statuses. The real endpoint is
 * sdk-node's `createMatchHandler`; this stands in for it in the browser tests.
 */
export interface RecordedMatchRequest {
  method: string;
  contentType: string | undefined;
  /** The body exactly as it arrived, before any parsing. */
  rawBody: string;
}

export interface MatchEndpointDouble {
  readonly requests: RecordedMatchRequest[];
  /** Hash values (any algorithm, lowercase hex) that get `block`. */
  blocked: Set<string>;
  /** Statuses to answer with, one per request, before answering normally (e.g. `[503]`). */
  failNext: number[];
  /** Milliseconds to wait before answering (for abort and timeout tests). */
  delayMs: number;
  handle(request: IncomingMessage, response: ServerResponse): void;
}

export function createMatchEndpointDouble(): MatchEndpointDouble {
  const double: MatchEndpointDouble = {
    requests: [],
    blocked: new Set(),
    failNext: [],
    delayMs: 0,
    handle(request, response) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        double.requests.push({
          method: request.method ?? '',
          contentType: request.headers['content-type'],
          rawBody,
        });
        setTimeout(() => {
          const status = double.failNext.shift();
          if (status !== undefined) {
            response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
            return;
          }
          let verdict = 'allow';
          try {
            // The body is the hashes themselves (sdk-core's CheckHashes).
            const hashes = JSON.parse(rawBody) as Record<string, unknown>;
            const values = Object.values(hashes).flat();
            if (values.some((value) => double.blocked.has(String(value)))) verdict = 'block';
          } catch {
            response.writeHead(400).end();
            return;
          }
          response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ verdict }));
        }, double.delayMs);
      });
    },
  };
  return double;
}
