import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isHashguardError } from '@hashguard/sdk-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKyTransport } from '../lists/ky-transport';
import { createReportTransport } from '../reporting/report-transport';

// One transport, two set-ups: these pin down where list sync and reporting differ.

interface Seen {
  method: string;
  contentType: string | undefined;
  body: string;
}

let server: Server;
let base: string;
let seen: Seen[] = [];
/** Status per path; `/flaky` answers 503 once, then 200. */
const statuses: Record<string, number> = { '/ok': 200, '/fail': 500 };

beforeAll(async () => {
  server = createServer(async (request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    seen.push({
      method: request.method ?? '',
      contentType: request.headers['content-type'],
      body: Buffer.concat(chunks).toString(),
    });
    const path = request.url ?? '';
    const status = path === '/flaky' ? (seen.length === 1 ? 503 : 200) : (statuses[path] ?? 404);
    response.writeHead(status, { 'content-type': 'text/plain' }).end(`answer ${status}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const text = (body: Uint8Array) => new TextDecoder().decode(body);

async function failure(promise: Promise<unknown>): Promise<{ name: string; code: string }> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isHashguardError(error)) throw new Error(`expected a HashguardError, got ${String(error)}`);
  return { name: error.name, code: error.code };
}

describe('createReportTransport', () => {
  it('sends a failing request once and returns the status with its body', async () => {
    const response = await createReportTransport().send({ method: 'POST', url: `${base}/fail` });
    expect(response.status).toBe(500);
    expect(text(response.body)).toBe('answer 500');
    expect(seen).toHaveLength(1);
  });

  it('does not retry a GET either: retrying is the outbox’s decision', async () => {
    const response = await createReportTransport().send({ method: 'GET', url: `${base}/flaky` });
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('sends a text body with its declared content type', async () => {
    await createReportTransport().send({
      method: 'POST',
      url: `${base}/ok`,
      body: { kind: 'text', contentType: 'application/xml; charset=utf-8', text: '<report/>' },
    });
    expect(seen[0]).toEqual({
      method: 'POST',
      contentType: 'application/xml; charset=utf-8',
      body: '<report/>',
    });
  });

  it('says a refused connection was never made (TransportError E_CONNECT_FAILED)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failure(createReportTransport().send({ method: 'POST', url }))).toEqual({
      name: 'TransportError',
      code: 'E_CONNECT_FAILED',
    });
  });
});

describe('createKyTransport', () => {
  it('retries a GET answered 503 and returns the body of the retry', async () => {
    const transport = createKyTransport({ retries: 2, retryDelayMs: () => 1 });
    const response = await transport.send({ method: 'GET', url: `${base}/flaky` });
    expect(response.status).toBe(200);
    expect(text(response.body)).toBe('answer 200');
    expect(seen).toHaveLength(2);
  });

  it('returns a final error status without its body', async () => {
    const transport = createKyTransport({ retries: 1, retryDelayMs: () => 1 });
    const response = await transport.send({ method: 'GET', url: `${base}/fail` });
    expect(response.status).toBe(500);
    expect(response.body.byteLength).toBe(0);
    expect(seen).toHaveLength(2);
  });

  it('reports a refused connection as a SyncError E_SYNC_HTTP', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const transport = createKyTransport({ retries: 0 });
    expect(await failure(transport.send({ method: 'GET', url }))).toEqual({
      name: 'SyncError',
      code: 'E_SYNC_HTTP',
    });
  });

  it('refuses a body over maxBodyBytes (SyncError E_SYNC_INCOMPLETE)', async () => {
    const transport = createKyTransport({ retries: 0, maxBodyBytes: 4 });
    expect(await failure(transport.send({ method: 'GET', url: `${base}/ok` }))).toEqual({
      name: 'SyncError',
      code: 'E_SYNC_INCOMPLETE',
    });
  });
});
