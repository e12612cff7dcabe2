import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isHashguardError } from '@hashguard/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestVerdict } from './match-request';
import { normalisePreUploadOptions } from './pre-upload-options';

/** Loopback stand-in for the match endpoint that answers whatever the test scripts. */
let answer: { status: number; body: string; type?: string } = { status: 200, body: '{}' };
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((_, response) => {
    response
      .writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' })
      .end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/match`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const hashes = { md5: 'a'.repeat(32), sha1: 'b'.repeat(40), sha256: 'c'.repeat(64) };
const config = () => normalisePreUploadOptions({ endpoint, policy: 'block', retryLimit: 0 });

describe('requestVerdict', () => {
  it.each(['allow', 'review', 'block'])(
    'passes the endpoint verdict %s through',
    async (verdict) => {
      answer = { status: 200, body: JSON.stringify({ verdict }) };
      expect(await requestVerdict(config(), hashes)).toBe(verdict);
    },
  );

  it.each([
    ['no verdict', { status: 200, body: '{"result":"ok"}' }, 'E_RESPONSE_MALFORMED'],
    ['an unknown verdict', { status: 200, body: '{"verdict":"csam"}' }, 'E_RESPONSE_MALFORMED'],
    ['HTML', { status: 200, body: '<html>', type: 'text/html' }, 'E_RESPONSE_MALFORMED'],
    ['403', { status: 403, body: '{}' }, 'E_UNAUTHENTICATED'],
    ['413', { status: 413, body: '{}' }, 'E_PAYLOAD_TOO_LARGE'],
    ['422', { status: 422, body: '{}' }, 'E_BAD_REQUEST'],
    ['429', { status: 429, body: '{}' }, 'E_RATE_LIMITED'],
    ['502', { status: 502, body: '{}' }, 'E_HTTP_STATUS'],
  ])('refuses %s with %s', async (_, scripted, code) => {
    answer = scripted;
    const error = await requestVerdict(config(), hashes).catch((e: unknown) => e);
    expect(isHashguardError(error, code)).toBe(true);
  });

  it('reports an unreachable endpoint as E_NETWORK', async () => {
    const closed = normalisePreUploadOptions({
      endpoint: 'http://127.0.0.1:9/match',
      policy: 'block',
      retryLimit: 0,
    });
    const error = await requestVerdict(closed, hashes).catch((e: unknown) => e);
    expect(isHashguardError(error, 'E_NETWORK')).toBe(true);
  });
});
