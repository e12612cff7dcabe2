import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventEmitter } from '@hashguard/sdk-core';
import {
  createFileListStore,
  createJsonListSource,
  createKyTransport,
  createListSync,
  createNcmecSource,
  type ListSyncEventMap,
} from '@hashguard/sdk-node';
import { createHotlineHandlers } from '@hashguard/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { served } from './sync-fixtures';

// The shared mock hotlines of @hashguard/testing, on their real test hosts.
const hotline = createHotlineHandlers({ hashSharing: { sampleSize: 250, pageSize: 100 } });
const server = setupServer(...hotline.handlers);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const NCMEC_BASE = 'https://exttest.cybertip.org/hashsharing';
const LIST_URL = 'https://lists.hashguard.example/lists/hashes.json';
const basic = `Basic ${btoa('hashguard-test:mock-password')}`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-mock-'));
  hotline.reset();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function setup() {
  const events = createEventEmitter<ListSyncEventMap>();
  const failed: string[] = [];
  const synced: ListSyncEventMap['list:synced'][] = [];
  events.on('list:sync-failed', (event) => failed.push(`${event.listId}:${event.error.code}`));
  events.on('list:synced', (event) => synced.push(event));
  const sync = createListSync({
    sources: [
      createNcmecSource({
        listId: 'ncmec',
        baseUrl: NCMEC_BASE,
        headers: { authorization: basic },
      }),
      createJsonListSource({ listId: 'hashguard-fixtures', url: LIST_URL }),
    ],
    store: createFileListStore({ dir }),
    maxAgeMs: 3_600_000,
    transport: createKyTransport({ retries: 2, retryDelayMs: () => 5, timeoutMs: 500 }),
    events,
  });
  return { sync, failed, synced };
}

const entryRequests = () => hotline.requests().filter((r) => r.route === 'hash-sharing.entries');

describe('createListSync against @hashguard/testing', () => {
  it('pulls every NCMEC page and our JSON list, then revalidates with 304 and an empty window', async () => {
    const { sync, failed, synced } = setup();
    await sync.sync();
    expect(failed).toEqual([]);
    expect(entryRequests()).toHaveLength(3);
    const first = served(sync);
    expect(first.some((entry) => entry.startsWith('ncmec/'))).toBe(true);
    expect(first.some((entry) => entry.startsWith('hashguard-fixtures/'))).toBe(true);
    await sync.sync();
    expect(failed).toEqual([]);
    expect(synced.slice(2).map((event) => event.changed)).toEqual([false, false]);
    expect(served(sync)).toEqual(first);
  });

  it.each([
    ['truncate', /^ncmec:E_(SYNC_INCOMPLETE|LIST_MALFORMED)$/],
    ['malformed', /^ncmec:E_LIST_MALFORMED$/],
    ['reset', /^ncmec:E_SYNC_HTTP$/],
  ] as const)(
    'keeps the previous NCMEC list whole through a %s fault mid-pull',
    async (kind, code) => {
      // Only hash sharing is faulted: the mock cannot damage a 304, which is what our
      // JSON list answers here (its faults are covered in sync-lists.test.ts).
      const { sync, failed } = setup();
      await sync.sync();
      const before = served(sync);
      hotline.faults.add({ kind, route: 'hash-sharing.entries' });
      await sync.sync();
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatch(code);
      expect(served(sync)).toEqual(before);
      // A restart serves the same lists from the store.
      const restarted = setup();
      await restarted.sync.load();
      expect(served(restarted.sync)).toEqual(before);
    },
  );

  it('retries through transient 503s', async () => {
    const { sync, failed } = setup();
    hotline.faults.add({ kind: 'server-error', status: 503, route: '*', times: 2 });
    await sync.sync();
    expect(failed).toEqual([]);
    expect(served(sync).length).toBeGreaterThan(0);
  });
});
