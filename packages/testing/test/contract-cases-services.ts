import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { fixtureImage } from '../src/fixtures/fixture-images';
import { feedbackReasonsFor } from '../src/hash-sharing/feedback-reasons';
import { hashguardListV1Schema } from '../src/lists/hashguard-list-v1';
import { keywordListV1Schema, urlListV1Schema } from '../src/lists/term-lists';
import type { ContractCase } from './contract-cases';
import { basic, type Transport, textAt, xml } from './transport';

async function get(t: Transport, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${t.urls.hashSharing}${path}`, {
    headers: { authorization: basic(), ...headers },
  });
  return { status: response.status, body: await response.text() };
}

export const hashSharingCases: ContractCase[] = [
  {
    name: 'GET /v2/status names the member in the v2 namespace',
    run: async (t) => {
      const result = await get(t, '/v2/status');
      const root = xml(result.body);
      expect(root.attributes.xmlns).toBe('https://hashsharing.ncmec.org/hashsharing/v2');
      expect(root.children.find((c) => c.name === 'member')?.attributes.id).toBe('1001');
      return result;
    },
  },
  {
    name: 'GET /v2/entries pages 1 000 entries at a time, not in time order, until next is absent',
    run: async (t) => {
      let next: string | undefined =
        '/v2/entries?from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z';
      const pages: number[] = [];
      const timestamps: number[] = [];
      while (next) {
        const result = await get(t, next);
        expect(result.status).toBe(200);
        const root = xml(result.body);
        const entries = root.children
          .filter((c) => c.name === 'images' || c.name === 'videos')
          .flatMap((group) => {
            expect(Number(group.attributes.count)).toBe(group.children.length);
            expect(group.attributes.maxTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
            return group.children;
          });
        pages.push(entries.length);
        for (const entry of entries) timestamps.push(Date.parse(textAt(entry, 'timestamp')!));
        next = textAt(root, 'paging/next');
      }
      expect(pages).toEqual([1000, 1000, 300]);
      const sorted = [...timestamps].sort((a, b) => a - b);
      expect(timestamps).not.toEqual(sorted);
      return pages;
    },
  },
  {
    name: 'GET /v2/entries with an unparseable from answers 400',
    run: async (t) => {
      const result = await get(t, '/v2/entries?from=yesterday&to=2030-01-01T00:00:00Z');
      expect(result.status).toBe(400);
      return result.status;
    },
  },
  {
    name: 'GET /v2/entries without credentials answers 401',
    run: async (t) => {
      const response = await fetch(`${t.urls.hashSharing}/v2/entries`);
      expect(response.status).toBe(401);
      return response.status;
    },
  },
  {
    name: 'feedback: reasons are listed, negative feedback is recorded and shows on the entry',
    run: async (t) => {
      const reasons = await get(t, '/v2/feedback/MD5/reasons');
      const guid = xml(reasons.body).children[0]?.children[0]?.attributes.guid;
      expect(guid).toBe(feedbackReasonsFor('MD5')[0]?.guid);
      const entry = t.hotline.hashSharingEntries().find((e) => !e.deleted);
      const path = `/v2/entries/${entry!.member.id}/${entry!.id}/MD5/feedback`;
      const body = `<feedbackSubmission xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><negative><reasonIds><guid>${guid}</guid></reasonIds></negative></feedbackSubmission>`;
      const put = await fetch(`${t.urls.hashSharing}${path}`, {
        method: 'PUT',
        headers: { authorization: basic(), 'content-type': 'application/xml; charset=utf-8' },
        body,
      });
      expect(put.status).toBe(200);
      expect(t.hotline.feedback()).toMatchObject([
        { entryId: entry!.id, affirmative: false, reasonIds: [guid] },
      ]);
      const badGuid = await fetch(`${t.urls.hashSharing}${path}`, {
        method: 'PUT',
        headers: { authorization: basic() },
        body: body.replace(guid!, 'not-a-reason'),
      });
      expect(badGuid.status).toBe(400);
      const page = await get(t, '/v2/entries?from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z');
      expect(page.body).toContain('<negativeFeedback type="MD5">');
      return [reasons.body, put.status, badGuid.status];
    },
  },
];

export const listCases: ContractCase[] = [
  {
    name: 'hash list: JSON with a verifiable sha256, ETag and 304 on If-None-Match',
    run: async (t) => {
      const first = await fetch(`${t.urls.lists}/hashes.json`);
      expect(first.status).toBe(200);
      const text = await first.text();
      const list = hashguardListV1Schema.parse(JSON.parse(text));
      expect(createHash('sha256').update(JSON.stringify(list.entries)).digest('hex')).toBe(
        list.sha256,
      );
      const digest = createHash('sha256').update(text).digest('base64');
      expect(first.headers.get('repr-digest')).toBe(`sha-256=:${digest}:`);
      expect(list.entries.map((e) => e.value)).toContain(
        fixtureImage('checkerboard-64').hashes.md5,
      );
      const etag = first.headers.get('etag')!;
      const again = await fetch(`${t.urls.lists}/hashes.json`, {
        headers: { 'if-none-match': etag },
      });
      expect(again.status).toBe(304);
      const stale = await fetch(`${t.urls.lists}/hashes.json`, {
        headers: { 'if-none-match': '"v0-old"' },
      });
      expect(stale.status).toBe(200);
      await stale.arrayBuffer();
      return [text, etag, again.status];
    },
  },
  {
    name: 'URL and keyword lists parse against their schemas',
    run: async (t) => {
      const urls = urlListV1Schema.parse(await (await fetch(`${t.urls.lists}/urls.json`)).json());
      const words = keywordListV1Schema.parse(
        await (await fetch(`${t.urls.lists}/keywords.json`)).json(),
      );
      expect(urls.entries.every((e) => new URL(e.url).hostname.endsWith('.example'))).toBe(true);
      return [urls, words];
    },
  },
  {
    name: 'PhotoDNA-like match: configured image matches, others do not, a missing key is 401',
    run: async (t) => {
      const ask = (bytes: Uint8Array, key = 'mock-subscription-key') =>
        fetch(`${t.urls.photoDna}/v1.0/Match`, {
          method: 'POST',
          headers: { 'ocp-apim-subscription-key': key, 'content-type': 'application/json' },
          body: JSON.stringify({
            DataRepresentation: 'inline',
            Value: Buffer.from(bytes).toString('base64'),
          }),
        });
      const hit = await (await ask(fixtureImage('checkerboard-64').bytes())).json();
      const miss = await (await ask(fixtureImage('gradient-64').bytes())).json();
      const denied = await ask(new Uint8Array([1]), 'wrong');
      expect([hit.Status.Code, hit.IsMatch, miss.IsMatch, denied.status]).toEqual([
        3000,
        true,
        false,
        401,
      ]);
      return [hit, miss, denied.status];
    },
  },
];
