import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { createMatchEndpointDouble, type MatchEndpointDouble } from './match-endpoint-double.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

export interface ExampleServer {
  url: string;
  endpoint: MatchEndpointDouble;
  close(): Promise<void>;
}

/**
 * Builds the page with Vite (no configuration file: the SDK needs none) and
 * serves it on loopback, with the match endpoint double at POST /api/match
 * and the demo pictures under /demo/.
 */
export async function startExampleServer(port = 0): Promise<ExampleServer> {
  // logLevel 'error': Vite warns that the inlined worker chunk is over 500 kB; it is loaded on first use.
  await build({ root: ROOT, logLevel: 'error', build: { outDir: DIST, emptyOutDir: true } });
  const endpoint = await createMatchEndpointDouble(
    new URL('../demo/demo-list.json', import.meta.url),
  );
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/api/match' && request.method === 'POST')
      return endpoint.handle(request, response);
    const base = path.startsWith('/demo/') ? ROOT : DIST;
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base)) return void response.writeHead(404).end();
    readFile(file).then(
      (bytes) =>
        response
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    endpoint,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
