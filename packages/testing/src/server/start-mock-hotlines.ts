import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { MockHotlinesOptions } from '../core/config';
import {
  createMockHotlines,
  type MockHotlines,
  type MockOutcome,
} from '../core/create-mock-hotlines';
import { LOCAL_PREFIXES } from '../core/mounts';
import type { Mount } from '../core/route';

export interface StartMockHotlinesOptions extends MockHotlinesOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback only: `127.0.0.1` (default), `::1` or `localhost`. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Share state with msw handlers created from the same core; options are then ignored. */
  hotline?: MockHotlines;
}

/** A running standalone mock, plus the shared state to inspect. */
export interface MockHotlinesServer extends MockHotlines {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** Base URLs to configure clients with. */
  urls: { cybertipline: string; hashSharing: string; lists: string; photoDna: string };
  /** Stops listening and drops open connections (including hanging ones). */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The same routes and state as the msw handlers, over plain node:http on loopback. */
export async function startMockHotlines(
  options: StartMockHotlinesOptions = {},
): Promise<MockHotlinesServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new RangeError(`the mock listens on loopback only, not ${host}`);
  const hotline = options.hotline ?? createMockHotlines(options);
  const hangTimers = new Set<NodeJS.Timeout>();
  let origin = '';

  const server = createServer((req, res) => {
    serve(req, res).catch(() => res.destroy());
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const entry = Object.entries(LOCAL_PREFIXES).find(
      ([, prefix]) => path === prefix || path.startsWith(`${prefix}/`),
    );
    if (!entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404\n');
      return;
    }
    const [service, prefix] = entry as [Mount['service'], string];
    const mount: Mount = { service, environment: 'local', baseUrl: `${origin}${prefix}` };
    const outcome = await hotline.handle(toRequest(req, origin), mount);
    await write(outcome, req, res);
  }

  async function write(
    outcome: MockOutcome,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    switch (outcome.kind) {
      case 'respond': {
        const body = Buffer.from(await outcome.response.arrayBuffer());
        const headers = Object.fromEntries(outcome.response.headers);
        if (outcome.response.status !== 304) headers['content-length'] = String(body.byteLength);
        res.writeHead(outcome.response.status, headers).end(body);
        return;
      }
      case 'drop':
        req.socket.destroy();
        return;
      case 'hang': {
        const timer = setTimeout(() => {
          hangTimers.delete(timer);
          req.socket.destroy();
        }, outcome.maxMs);
        hangTimers.add(timer);
        req.socket.once('close', () => {
          clearTimeout(timer);
          hangTimers.delete(timer);
        });
        return;
      }
      case 'truncate':
        res.writeHead(outcome.response.status, Object.fromEntries(outcome.response.headers));
        res.write(outcome.bytes, () => req.socket.destroy());
        return;
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port, family } = server.address() as AddressInfo;
  origin = `http://${family === 'IPv6' ? `[${host}]` : host}:${port}`;

  return {
    ...hotline,
    origin,
    port,
    urls: {
      cybertipline: `${origin}${LOCAL_PREFIXES.cybertipline}`,
      hashSharing: `${origin}${LOCAL_PREFIXES['hash-sharing']}`,
      lists: `${origin}${LOCAL_PREFIXES.lists}`,
      photoDna: `${origin}${LOCAL_PREFIXES.photodna}`,
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of hangTimers) clearTimeout(timer);
        hangTimers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  return new Request(`${origin}${req.url ?? '/'}`, {
    method,
    headers,
    ...(hasBody && { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' }),
  } as RequestInit);
}
