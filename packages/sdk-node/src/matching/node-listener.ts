import type { IncomingMessage, ServerResponse } from 'node:http';

export interface NodeListenerOptions {
  /**
   * Bodies larger than this are refused with 413 before the handler runs (the
   * handler's own, usually smaller, limit still applies). Default 1 MiB.
   */
  maxBodyBytes?: number;
}

const TOO_LARGE = JSON.stringify({
  error: { code: 'E_PAYLOAD_TOO_LARGE', message: 'Body too large.' },
});
const INTERNAL = JSON.stringify({ error: { code: 'E_INTERNAL', message: 'Internal error.' } });

/**
 * Adapts a fetch-style handler to `node:http` (and Express, which passes the
 * same objects). The body is collected with Node's own events up to a cap and
 * handed over as bytes: wrapping the socket in a web stream per request
 * costs more than the whole match (measured in bench/match-endpoint).
 */
export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBodyBytes = options.maxBodyBytes ?? 1 << 20;
  return (req, res) => {
    const refuse = () => {
      // Close rather than drain: the rest of an oversized body is never read.
      res.writeHead(413, { 'content-type': 'application/json', connection: 'close' });
      res.end(TOO_LARGE, () => req.destroy());
    };
    if (Number(req.headers['content-length']) > maxBodyBytes) return refuse();
    const chunks: Buffer[] = [];
    let total = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      total += chunk.length;
      if (total > maxBodyBytes) {
        refused = true;
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => {
      refused = true;
      res.destroy();
    });
    req.on('end', () => {
      if (refused) return;
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      }
      let request: Request;
      try {
        request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
          method: req.method,
          headers,
          body: hasBody ? Buffer.concat(chunks, total) : undefined,
        });
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { code: 'E_BAD_REQUEST', message: 'Malformed request.' } }),
        );
        return;
      }
      handler(request)
        .then(async (response) => {
          const out: Record<string, string> = {};
          response.headers.forEach((value, name) => {
            out[name] = value;
          });
          const body = Buffer.from(await response.arrayBuffer());
          res.writeHead(response.status, out);
          res.end(body);
        })
        .catch(() => {
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
          res.end(INTERNAL);
        });
    });
  };
}
