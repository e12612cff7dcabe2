import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CheckEventMap,
  type CheckMatch,
  createCheckCore,
  createEventEmitter,
  type PolicyMatcher,
  type UploadCheckedEvent,
} from '@hashguard/sdk-core';
import { createMatchHandler, type MatchHandlerOptions, toNodeListener } from '@hashguard/sdk-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Distinctive list data: if any of it shows up in a response body, the endpoint leaks.
const LISTED_MD5 = '5f4dcc3b5aa765d61d8327deb882cf99';
const LISTED_PDQ = 'f'.repeat(64);
const LEAKY = ['entry-secret-7731', 'category-secret-A1', 'list-secret-iwf'];

const listed: CheckMatch[] = [
  {
    listId: 'list-secret-iwf',
    entryId: 'entry-secret-7731',
    algorithm: 'md5',
    distance: 0,
    category: 'category-secret-A1',
  },
];
const matcher: PolicyMatcher = {
  match(query) {
    const out: CheckMatch[] = [];
    if (query.md5 === LISTED_MD5) out.push(listed[0]!);
    if (query.pdq === LISTED_PDQ) {
      out.push({
        listId: 'list-secret-iwf',
        entryId: 'entry-secret-7731',
        algorithm: 'pdq',
        distance: 7,
        category: 'category-secret-A1',
      });
    }
    return out;
  },
};

function setup(overrides: Partial<MatchHandlerOptions> = {}) {
  let now = 1_000_000;
  const clock = { now: () => now };
  const events = createEventEmitter<CheckEventMap>();
  const checked: UploadCheckedEvent[] = [];
  events.on('upload:checked', (event) => checked.push(event));
  const core = createCheckCore({
    matcher,
    listVersions: [{ listId: 'list-secret-iwf', version: '1', updatedAt: now }],
    events,
    clock,
  });
  const handler = createMatchHandler({
    core,
    authenticate: (request) => {
      const token = request.headers.get('authorization');
      return token?.startsWith('Bearer ') ? { clientId: token.slice(7) } : undefined;
    },
    rateLimit: { burst: 3, perSecond: 1 },
    clock,
    ...overrides,
  });
  const post = (
    body: string,
    headers: Record<string, string> = { authorization: 'Bearer client-1' },
  ) =>
    handler(new Request('http://member.test/hashguard/match', { method: 'POST', body, headers }));
  return { handler, post, checked, advance: (ms: number) => (now += ms) };
}

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('createMatchHandler', () => {
  it('refuses a caller authenticate does not identify with 401', async () => {
    const { post, checked } = setup();
    const response = await post(JSON.stringify({ md5: LISTED_MD5 }), {});
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('E_UNAUTHENTICATED');
    expect(checked).toHaveLength(0);
  });

  it('cannot be created without authenticate unless anonymous access is explicit', () => {
    expect(() => createMatchHandler({ core: createCheckCore({ matcher }) })).toThrow(
      /allowAnonymous/,
    );
    const anonymous = createMatchHandler({
      core: createCheckCore({ matcher }),
      allowAnonymous: true,
    });
    expect(typeof anonymous).toBe('function');
  });

  it('accepts anonymous callers only with allowAnonymous', async () => {
    const { post } = setup({ authenticate: undefined, allowAnonymous: true });
    const response = await post(JSON.stringify({ md5: '0'.repeat(32) }), {});
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ verdict: 'allow' });
  });

  it('records a device model flag in the audit context, never in the hashes or the answer', async () => {
    const { post, checked } = setup();
    const flagged = await post(JSON.stringify({ md5: '0'.repeat(32), modelFlagged: true }));
    expect(await flagged.json()).toEqual({ verdict: 'allow' });
    expect(checked[0]?.context).toMatchObject({ modelFlaggedOnDevice: true });
    expect(checked[0]?.hashes).not.toHaveProperty('modelFlagged');
    const plain = await post(JSON.stringify({ md5: '0'.repeat(32) }));
    expect(await plain.json()).toEqual({ verdict: 'allow' });
    expect(checked[1]?.context).not.toHaveProperty('modelFlaggedOnDevice');
  });

  it('refuses a body over the limit with 413, by declared length or by streaming', async () => {
    const { handler, post } = setup({ maxBodyBytes: 256 });
    const big = JSON.stringify({ md5: LISTED_MD5, padding: 'x'.repeat(1000) });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe('E_PAYLOAD_TOO_LARGE');

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 100) controller.enqueue(bytes.slice(i, i + 100));
        controller.close();
      },
    });
    const streamed = await handler(
      new Request('http://member.test/m', {
        method: 'POST',
        body: stream,
        headers: { authorization: 'Bearer client-2' },
        duplex: 'half',
      }),
    );
    expect(streamed.status).toBe(413);
  });

  it.each([
    ['not JSON', '{md5:'],
    ['no hash at all', '{}'],
    ['a malformed digest', JSON.stringify({ md5: 'xyz' })],
    ['a PDQ hash without quality', JSON.stringify({ pdq: LISTED_PDQ })],
    ['a field other than hashes', JSON.stringify({ md5: LISTED_MD5, filename: 'a.jpg' })],
    ['an array', '[]'],
  ])('answers %s with 400 E_BAD_REQUEST', async (_name, body) => {
    const { post, checked } = setup();
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('E_BAD_REQUEST');
    expect(checked).toHaveLength(0);
  });

  it('rate-limits per client with 429 and Retry-After, refilling with the clock', async () => {
    const { post, advance } = setup();
    const body = JSON.stringify({ md5: '0'.repeat(32) });
    for (let i = 0; i < 3; i++) expect((await post(body)).status).toBe(200);
    const limited = await post(body);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await errorCode(limited)).toBe('E_RATE_LIMITED');
    // Another client has its own bucket.
    expect((await post(body, { authorization: 'Bearer client-9' })).status).toBe(200);
    advance(1000);
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(429);
  });

  it('answers the verdict only; the full match is recorded server-side', async () => {
    const { post, checked } = setup();
    for (const body of [
      { md5: LISTED_MD5 },
      { pdq: LISTED_PDQ, quality: 90 },
      { md5: '0'.repeat(32) },
    ]) {
      const response = await post(JSON.stringify(body));
      const raw = await response.text();
      expect(response.status).toBe(200);
      for (const secret of LEAKY) expect(raw).not.toContain(secret);
      expect(raw).not.toMatch(/distance|entryId|category|listId/);
      expect(Object.keys(JSON.parse(raw))).toEqual(['verdict']);
    }
    expect(checked.map((event) => event.verdict)).toEqual(['block', 'review', 'allow']);
    expect(checked[0]).toMatchObject({
      context: { clientId: 'client-1', via: 'match-endpoint' },
      matches: [{ entryId: 'entry-secret-7731', category: 'category-secret-A1' }],
    });
  });

  describe("answer: 'always-allow' (pages whose matched uploads proceed to review)", () => {
    const bodies = [
      { md5: LISTED_MD5 }, // exact → block
      { pdq: LISTED_PDQ, quality: 90 }, // near → review
      { md5: '0'.repeat(32) }, // unlisted → allow
    ];

    it('answers the same bytes whatever matched, while upload:checked carries the real verdict', async () => {
      const { post, checked } = setup({ answer: 'always-allow' });
      const answered: { status: number; raw: string; headers: string }[] = [];
      for (const body of bodies) {
        const response = await post(JSON.stringify(body));
        answered.push({
          status: response.status,
          raw: await response.text(),
          headers: JSON.stringify([...response.headers]),
        });
      }
      // Status, headers and body identical for block, review and allow: nothing to tell them apart.
      expect(new Set(answered.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(answered[0]).toMatchObject({ status: 200, raw: '{"verdict":"allow"}' });
      for (const { raw } of answered) {
        for (const secret of LEAKY) expect(raw).not.toContain(secret);
        expect(raw).not.toMatch(/block|review|distance|entryId|category|listId/);
      }
      expect(checked.map((event) => event.verdict)).toEqual(['block', 'review', 'allow']);
      expect(checked[0]).toMatchObject({
        reason: 'match',
        context: { clientId: 'client-1', via: 'match-endpoint', answer: 'always-allow' },
        matches: [{ entryId: 'entry-secret-7731', category: 'category-secret-A1' }],
      });
      expect(checked[1]?.matches).toMatchObject([{ algorithm: 'pdq', distance: 7 }]);
    });

    it('answers the same bytes when the check throws only for listed hashes', async () => {
      // A Node-style emitter passes a listener's error on; let the core itself throw too.
      const events = {
        emit(_name: string, event: UploadCheckedEvent) {
          if (event.verdict !== 'allow') throw new Error('review queue down');
        },
      };
      const core = createCheckCore({ matcher, events });
      const throwing = {
        check: (...args: Parameters<typeof core.check>) => {
          const result = core.check(...args);
          if (result.verdict !== 'allow') throw new Error('core failed for a listed hash');
          return result;
        },
      };
      for (const coreUnderTest of [core, throwing]) {
        const errors: unknown[] = [];
        const handler = createMatchHandler({
          core: coreUnderTest,
          answer: 'always-allow',
          allowAnonymous: true,
          rateLimit: false,
          onError: (error) => errors.push(error),
        });
        const answered: string[] = [];
        for (const body of bodies) {
          const response = await handler(
            new Request('http://member.test/hashguard/match', {
              method: 'POST',
              body: JSON.stringify(body),
            }),
          );
          answered.push(
            JSON.stringify([response.status, [...response.headers], await response.text()]),
          );
        }
        expect(new Set(answered).size).toBe(1);
        expect(JSON.parse(answered[0]!)).toEqual([200, expect.anything(), '{"verdict":"allow"}']);
        expect(errors).toHaveLength(coreUnderTest === throwing ? 2 : 0);
      }
    });

    it('still refuses unauthenticated, malformed and rate-limited requests', async () => {
      const { post, checked } = setup({ answer: 'always-allow' });
      expect((await post(JSON.stringify({ md5: LISTED_MD5 }), {})).status).toBe(401);
      expect((await post('{}')).status).toBe(400); // takes one of the 3 tokens
      const body = JSON.stringify({ md5: LISTED_MD5 });
      for (let i = 0; i < 2; i++) expect((await post(body)).status).toBe(200);
      expect((await post(body)).status).toBe(429);
      expect(checked).toHaveLength(2);
    });

    it("records the mode: 'verdict' by default", async () => {
      const { post, checked } = setup();
      await post(JSON.stringify({ md5: LISTED_MD5 }));
      expect(checked[0]?.context).toMatchObject({ answer: 'verdict' });
    });

    it('refuses an unknown answer mode at creation', () => {
      expect(() =>
        createMatchHandler({
          core: createCheckCore({ matcher }),
          allowAnonymous: true,
          answer: 'allow' as never,
        }),
      ).toThrow(/answer must be 'verdict' or 'always-allow'/);
    });
  });

  it('refuses other methods with 405', async () => {
    const { handler } = setup();
    const response = await handler(new Request('http://member.test/m', { method: 'GET' }));
    expect(response.status).toBe(405);
  });
});

describe('toNodeListener', () => {
  const { handler, checked } = setup();
  const server = createServer(toNodeListener(handler, { maxBodyBytes: 8192 }));
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/match`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the handler over node:http with status, headers and body intact', async () => {
    const ok = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer node-1', 'content-type': 'application/json' },
      body: JSON.stringify({ md5: LISTED_MD5 }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toEqual({ verdict: 'block' });
    const unauthenticated = await fetch(url, { method: 'POST', body: '{}' });
    expect(unauthenticated.status).toBe(401);
    const oversized = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer node-2' },
      body: 'x'.repeat(5_000), // over the handler's 4096, under the adapter's cap
    });
    expect(oversized.status).toBe(413);
  });

  it('refuses a body over its own cap with 413 before the handler runs', async () => {
    const before = checked.length;
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer node-3' },
      body: JSON.stringify({ md5: LISTED_MD5, padding: 'x'.repeat(20_000) }),
    });
    expect(response.status).toBe(413);
    expect(checked.length).toBe(before);
  });
});
