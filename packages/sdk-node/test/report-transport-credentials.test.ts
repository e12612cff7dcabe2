import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { isHashguardError } from '@hashguard/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKyTransport } from '../src/lists/ky-transport';
import { createReportTransport } from '../src/reporting/index';

// A failed request's error is logged by members (`console.error(err)`): it must never
// carry the request, whose headers hold the hotline credentials.

const authorization = `Basic ${Buffer.from('ncmec-user:S3cr3t-PW').toString('base64')}`;

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url?.startsWith('/hang')) return; // never answers: a timeout
    request.socket.destroy(); // drops the connection: a network error
    void response;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );
}

describe('transport errors never carry the credentials', () => {
  it.each([
    ['a timeout', '/hang', 'E_TIMEOUT'],
    ['a network error', '/drop', 'E_NETWORK'],
  ])('reporting: %s', async (_name, path, code) => {
    const error = await caught(
      createReportTransport().send({
        method: 'POST',
        url: `${base}${path}`,
        headers: { authorization },
        body: { kind: 'text', contentType: 'text/xml', text: '<report/>' },
        timeoutMs: 300,
      }),
    );
    expect(isHashguardError(error, code)).toBe(true);
    const printed = inspect(error, { depth: 10 });
    expect(printed).not.toContain(authorization.slice('Basic '.length));
    expect(printed.toLowerCase()).not.toContain('authorization');
    // The cause is plain data, still saying what happened.
    expect((error as Error).cause).toEqual(
      expect.objectContaining({ name: expect.any(String), message: expect.any(String) }),
    );
    expect((error as Error).cause).not.toBeInstanceOf(Error);
  });

  it.each([
    ['a timeout', '/hang'],
    ['a network error', '/drop'],
  ])('list sync: %s', async (_name, path) => {
    const error = await caught(
      createKyTransport({ timeoutMs: 300, retries: 0 }).send({
        method: 'GET',
        url: `${base}${path}`,
        headers: { authorization },
      }),
    );
    expect(isHashguardError(error)).toBe(true);
    const printed = inspect(error, { depth: 10 });
    expect(printed).not.toContain(authorization.slice('Basic '.length));
    expect(printed.toLowerCase()).not.toContain('authorization');
  });
});
