import { createHash } from 'node:crypto';
import { type ListSet, listSetEntries, type Matcher } from '@hashguard/sdk-core';
import type { ListSync } from '@hashguard/sdk-node';
import { delay, HttpResponse, http } from 'msw';

/**
 * Minimal hotline endpoints for the sync tests: our JSON list (ETag, 304,
 * Repr-Digest, document sha256) and NCMEC hash-sharing v2 pages, each with
 * a switchable fault. Kept here so the tests state exactly what goes wrong.
 */
export type Fault =
  | 'none'
  | 'truncate'
  | 'truncate-declared'
  | 'bad-checksum'
  | 'bad-repr-digest'
  | 'status-500'
  | 'slow'
  | { failTimes: number };

export interface JsonEntry {
  algorithm: string;
  value: string;
  entryId: string;
  category?: string;
}

export const hex = (seed: string, length: number) => {
  let out = '';
  for (let i = 0; out.length < length; i++)
    out += createHash('sha256').update(`${seed}:${i}`).digest('hex');
  return out.slice(0, length);
};

export function createJsonListServer(url: string) {
  const state = {
    version: 1,
    entries: [] as JsonEntry[],
    fault: 'none' as Fault,
    requests: [] as { ifNoneMatch: string | null }[],
  };
  const handler = http.get(url, async ({ request }) => {
    state.requests.push({ ifNoneMatch: request.headers.get('if-none-match') });
    const fault = state.fault;
    if (fault === 'status-500') return new HttpResponse('boom', { status: 500 });
    if (typeof fault === 'object' && fault.failTimes > 0) {
      fault.failTimes--;
      return new HttpResponse('busy', { status: 503 });
    }
    if (fault === 'slow') await delay(2_000);
    const entriesJson = JSON.stringify(state.entries);
    const sha256 = createHash('sha256')
      .update(fault === 'bad-checksum' ? `${entriesJson} ` : entriesJson)
      .digest('hex');
    const body = JSON.stringify({
      format: 'hashguard-list-v1',
      listId: 'hg-test',
      version: state.version,
      generatedAt: '2026-11-25T12:00:00.000Z',
      entries: state.entries,
      sha256,
    });
    const digest = createHash('sha256')
      .update(fault === 'bad-repr-digest' ? `${body}x` : body)
      .digest();
    const etag = `"v${state.version}-${digest.subarray(0, 4).toString('hex')}"`;
    const headers: Record<string, string> = {
      etag,
      'repr-digest': `sha-256=:${digest.toString('base64')}:`,
      'content-type': 'application/json',
    };
    if (request.headers.get('if-none-match') === etag)
      return new HttpResponse(null, { status: 304, headers });
    if (fault === 'truncate') {
      // Cut mid-document, no length declared: only parsing and checksums can tell.
      delete headers['repr-digest'];
      return new HttpResponse(body.slice(0, Math.floor(body.length / 2)), { headers });
    }
    if (fault === 'truncate-declared') {
      const bytes = new TextEncoder().encode(body);
      return new HttpResponse(bytes.slice(0, bytes.length - 10), {
        headers: { ...headers, 'content-length': String(bytes.length) },
      });
    }
    return new HttpResponse(body, { headers });
  });
  return { state, handler };
}

export interface NcmecItem {
  id: string;
  timestamp: string;
  deleted?: boolean;
  md5?: string;
  pdq?: string;
  classification?: string;
}

export function createNcmecServer(base: string) {
  const state = {
    /** Items NCMEC would answer for the next window, in the (unordered) order it pages them. */
    window: [] as NcmecItem[],
    pageSize: 2,
    /** Page index (0-based) to cut off mid-XML. */
    truncatePage: undefined as number | undefined,
    /** Absolute origin+path put before `paging/next` (a hostile or misconfigured server). */
    nextPrefix: undefined as string | undefined,
    requests: [] as URLSearchParams[],
  };
  const handler = http.get(`${base}v2/entries`, ({ request }) => {
    const params = new URL(request.url).searchParams;
    state.requests.push(params);
    const start = Number(params.get('start') ?? 0);
    const items = state.window.slice(start, start + state.pageSize);
    const more = start + state.pageSize < state.window.length;
    const next = more
      ? `${state.nextPrefix ?? ''}/v2/entries?from=${params.get('from') ?? ''}&amp;to=${params.get('to')}&amp;start=${start + state.pageSize}&amp;size=${state.pageSize}&amp;max=${state.window.length}`
      : undefined;
    let xml = ncmecPage(items, next);
    if (state.truncatePage === start / state.pageSize)
      xml = xml.slice(0, Math.floor(xml.length * 0.6));
    return new HttpResponse(xml, { headers: { 'content-type': 'application/xml' } });
  });
  return { state, handler };
}

function ncmecPage(items: NcmecItem[], next: string | undefined): string {
  const body = items
    .map((item) => {
      if (item.deleted) {
        return `<deletedImage><id>${item.id}</id><timestamp>${item.timestamp}</timestamp></deletedImage>`;
      }
      const fingerprints = [
        item.md5 ? `<md5>${item.md5}</md5>` : '',
        item.pdq ? `<pdq>${item.pdq}</pdq>` : '',
      ].join('');
      return (
        `<image><id>${item.id}</id><member id="42">Test ESP</member><timestamp>${item.timestamp}</timestamp>` +
        `<classification>${item.classification ?? 'A1'}</classification><fingerprints>${fingerprints}</fingerprints></image>`
      );
    })
    .join('\n    ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">
  <images count="${items.length}" maxTimestamp="2026-11-25T12:00:00Z">
    ${body}
  </images>
  ${next ? `<paging><next>${next}</next></paging>` : ''}
</queryResult>`;
}

/** Every served entry as `entryId:algorithm:value`, sorted: what a check can match right now. */
export function served(sync: ListSync): string[] {
  const active = sync.active();
  if (!active) return [];
  return describeSet((active.matcher as Matcher).set);
}

export function describeSet(set: ListSet): string[] {
  return [...listSetEntries(set)]
    .map((e) => `${e.listId}/${e.entryId}:${e.algorithm}:${e.value}`)
    .sort();
}
