import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CheckEventMap, createEventEmitter } from '@hashguard/sdk-core';
import { createMatchHandler, createUploadChecker, toNodeListener } from '@hashguard/sdk-node';
import { build } from 'vite';
import { type AuditRecord, formatAuditRecord, toAuditRecord } from './audit-log.ts';
import { loadDemoList } from './demo-list.ts';
import { createDemoSessions } from './demo-sessions.ts';
import { createUploadRoute, type ReceivedUploads } from './upload-route.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
};

/** The platform's choice of what a matched upload does; the page gets it from `/api/config`. */
export type ExamplePolicy = 'block' | 'upload-for-review';

export interface ExampleServerOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default `'block'`. */
  policy?: ExamplePolicy;
  /** Build the page with Vite first. Default true; false reuses `dist/` from an earlier start. */
  buildPage?: boolean;
  /** Where audit lines go. Default `console.log`. */
  log?: (line: string) => void;
  /**
   * Sees the raw body of every match request as it reached the server (the
   * test asserts it is hashes only; Chromium does not expose the body of a
   * streamed request to playwright).
   */
  onMatchRequest?: (rawBody: string) => void;
}

export interface ExampleServer {
  url: string;
  policy: ExamplePolicy;
  /** Every `upload:checked`, as the audit log records it (ids and verdicts only). */
  readonly audit: readonly AuditRecord[];
  readonly uploads: ReceivedUploads;
  close(): Promise<void>;
}

/**
 * Builds the page with Vite (no configuration file: the SDK needs none) and
 * serves it on loopback, with sdk-node's `createMatchHandler` at
 * `POST /api/match`, the platform's upload route at `POST /api/upload`, and
 * the demo pictures under `/demo/`. Both routes share one upload checker,
 * loaded with the benign demo list, whose `upload:checked` events are the
 * audit log.
 */
export async function startExampleServer(
  options: ExampleServerOptions = {},
): Promise<ExampleServer> {
  const {
    port = 0,
    policy = 'block',
    buildPage = true,
    log = console.log,
    onMatchRequest,
  } = options;
  if (buildPage) {
    // logLevel 'error': Vite warns that the inlined worker chunk is over 500 kB; it is loaded on first use.
    await build({ root: ROOT, logLevel: 'error', build: { outDir: DIST, emptyOutDir: true } });
  }

  const audit: AuditRecord[] = [];
  const events = createEventEmitter<CheckEventMap>();
  events.on('upload:checked', (event) => {
    const record = toAuditRecord(event);
    audit.push(record);
    log(formatAuditRecord(record));
  });
  const checker = createUploadChecker({
    lists: [await loadDemoList()],
    // The defaults, spelled out: an exact digest blocks, PDQ within 31 bits goes to review.
    policy: { exactAction: 'block', pdqAction: 'review', pdqThreshold: 31 },
    events,
  });
  const sessions = createDemoSessions();
  const matchHandler = createMatchHandler({
    core: checker.core,
    authenticate: (request) => sessions.authenticate(request.headers.get('cookie')),
    // Under 'upload-for-review' the page must not learn that a file matched, and neither
    // may anyone calling this endpoint with the same session: answer `allow` to everything
    // and let checkUpload quarantine the file when it arrives. The audit log still gets
    // the real verdict.
    answer: policy === 'block' ? 'verdict' : 'always-allow',
  });
  const match = toNodeListener(async (request) => {
    onMatchRequest?.(await request.clone().text());
    return matchHandler(request);
  });
  const upload = createUploadRoute(checker, sessions);

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (request.method === 'POST' && path === '/api/match') return match(request, response);
    if (request.method === 'POST' && path === '/api/upload') return upload.route(request, response);
    if (path === '/api/config') {
      return void response
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ policy }));
    }
    // Loading the page stands in for logging in: it starts a demo session.
    const headers: Record<string, string> =
      path === '/' || path === '/index.html' ? { 'set-cookie': sessions.start() } : {};
    const base = path.startsWith('/demo/') ? ROOT : DIST;
    const file = normalize(join(base, path === '/' ? 'index.html' : path));
    if (!file.startsWith(base)) return void response.writeHead(404).end();
    readFile(file).then(
      (bytes) =>
        response
          .writeHead(200, {
            ...headers,
            'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          })
          .end(bytes),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    policy,
    audit,
    uploads: upload.received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
