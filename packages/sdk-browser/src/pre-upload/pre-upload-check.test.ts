/// <reference types="node" />
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPreUploadCheck } from './pre-upload-check';

/**
 * In Node there is no Worker and no createImageBitmap: the check runs in the
 * main thread and sends digests only. That is enough to pin the policy
 * mapping for every endpoint verdict; the browser tests cover the rest.
 */
let endpointVerdict = 'allow';
const bodies: string[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      bodies.push(body);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ verdict: endpointVerdict }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/match`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const text = 'a document, not an image';
const file = new Blob([text]);

describe('createPreUploadCheck without Worker (Node)', () => {
  it('runs in the main thread and sends the digests of a non-image, nothing else', async () => {
    endpointVerdict = 'allow';
    const check = createPreUploadCheck({ endpoint, policy: 'block' });
    expect(check.runsIn).toBe('main-thread');
    const result = await check.check(file);
    const digest = (algorithm: string) => createHash(algorithm).update(text).digest('hex');
    const expected = { md5: digest('md5'), sha1: digest('sha1'), sha256: digest('sha256') };
    expect(result).toEqual({ verdict: 'allow', hashes: expected });
    expect(JSON.parse(bodies.at(-1)!)).toEqual(expected);
  });

  it.each([
    ['block', 'allow', 'allow'],
    ['block', 'review', 'block'],
    ['block', 'block', 'block'],
    ['upload-for-review', 'allow', 'allow'],
    ['upload-for-review', 'review', 'allow'],
    ['upload-for-review', 'block', 'allow'],
  ] as const)('policy %s, endpoint says %s → the page gets %s', async (policy, said, expected) => {
    endpointVerdict = said;
    const { verdict } = await createPreUploadCheck({ endpoint, policy }).check(file);
    expect(verdict).toBe(expected);
  });

  it('reports progress from 0 to 1 through the stages, in order', async () => {
    endpointVerdict = 'allow';
    const seen: string[] = [];
    let last = -1;
    await createPreUploadCheck({ endpoint, policy: 'block' }).check(file, {
      onProgress: ({ stage, fraction }) => {
        expect(fraction).toBeGreaterThanOrEqual(last);
        last = fraction;
        if (seen.at(-1) !== stage) seen.push(stage);
      },
    });
    expect(seen).toEqual(['digesting', 'decoding', 'matching', 'done']);
    expect(last).toBe(1);
  });
});
