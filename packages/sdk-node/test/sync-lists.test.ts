import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventEmitter } from '@hashguard/sdk-core';
import {
  createFileListStore,
  createJsonListSource,
  createKyTransport,
  createListSync,
  createNcmecSource,
  createUploadChecker,
  type ListSource,
  type ListSyncEventMap,
  snapshotName,
} from '@hashguard/sdk-node';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createJsonListServer, createNcmecServer, type Fault, hex, served } from './sync-fixtures';

const LIST_URL = 'http://lists.hotline.test/hashes.json';
const NCMEC_BASE = 'http://hashsharing.ncmec.test/npo/';
const json = createJsonListServer(LIST_URL);
const ncmec = createNcmecServer(NCMEC_BASE);
const elsewhere: { url: string; authorization: string | null }[] = [];
const elsewhereHandler = http.get('http://elsewhere.test/*', ({ request }) => {
  elsewhere.push({ url: request.url, authorization: request.headers.get('authorization') });
  return new HttpResponse('<queryResult/>', { headers: { 'content-type': 'application/xml' } });
});
const server = setupServer(json.handler, ncmec.handler, elsewhereHandler);

// msw 3 renamed onUnhandledRequest to onUnhandledFrame: any request without a handler fails the test.
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

let dir: string;
let now: number;
const clock = { now: () => now, sleep: () => Promise.resolve() };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-sync-'));
  now = Date.parse('2026-11-25T12:00:00Z');
  json.state.version = 1;
  json.state.fault = 'none';
  json.state.requests = [];
  json.state.entries = [
    { algorithm: 'md5', value: hex('a', 32), entryId: 'a', category: 'A' },
    { algorithm: 'pdq', value: hex('b', 64), entryId: 'b', category: 'B' },
  ];
  ncmec.state.window = [];
  ncmec.state.requests = [];
  ncmec.state.truncatePage = undefined;
  ncmec.state.nextPrefix = undefined;
  elsewhere.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function setup(sources: ListSource[], maxAgeMs = 3_600_000) {
  const events = createEventEmitter<ListSyncEventMap>();
  const seen: {
    name: keyof ListSyncEventMap;
    payload: ListSyncEventMap[keyof ListSyncEventMap];
  }[] = [];
  for (const name of ['list:synced', 'list:sync-failed', 'list:stale'] as const) {
    events.on(name, (payload) => seen.push({ name, payload }));
  }
  const store = createFileListStore({ dir });
  const transport = createKyTransport({ retries: 2, retryDelayMs: () => 5, timeoutMs: 300 });
  const sync = createListSync({ sources, store, maxAgeMs, transport, events, clock });
  const failures = () =>
    seen
      .filter((e) => e.name === 'list:sync-failed')
      .map((e) => (e.payload as ListSyncEventMap['list:sync-failed']).error.code);
  return { sync, store, seen, failures };
}

/** The same store opened by a fresh process: what survives a restart. */
async function reopened(sources: ListSource[]) {
  const sync = createListSync({
    sources,
    store: createFileListStore({ dir }),
    maxAgeMs: 3_600_000,
    clock,
  });
  await sync.load();
  return served(sync);
}

const v1 = [`hg-test/a:md5:${hex('a', 32)}`, `hg-test/b:pdq:${hex('b', 64)}`];
const v2 = [`hg-test/b:pdq:${hex('b', 64)}`, `hg-test/c:sha1:${hex('c', 40)}`];
function publishV2() {
  json.state.version = 2;
  json.state.entries = [
    { algorithm: 'pdq', value: hex('b', 64), entryId: 'b', category: 'B' },
    { algorithm: 'sha1', value: hex('c', 40), entryId: 'c' },
  ];
}

describe('createListSync with our JSON list', () => {
  const source = () => createJsonListSource({ listId: 'hg-test', url: LIST_URL });

  it('pulls the full list, then answers an unchanged list with a 304 and keeps it', async () => {
    const { sync, seen } = setup([source()]);
    await sync.sync();
    expect(served(sync)).toEqual(v1);
    now += 60_000;
    await sync.sync();
    expect(json.state.requests.map((r) => r.ifNoneMatch === null)).toEqual([true, false]);
    expect(served(sync)).toEqual(v1);
    const synced = seen.filter((e) => e.name === 'list:synced').map((e) => e.payload);
    expect(synced).toMatchObject([
      { changed: true, version: '1', entryCount: 2 },
      { changed: false, version: '1' },
    ]);
    expect(sync.status()[0]).toMatchObject({ version: '1', confirmedAt: now, stale: false });
  });

  it('swaps to a new version completely: removed entries are gone, new ones served', async () => {
    const { sync } = setup([source()]);
    await sync.sync();
    publishV2();
    await sync.sync();
    expect(served(sync)).toEqual(v2);
    expect(await reopened([source()])).toEqual(v2);
  });

  const faults: Array<[string, Fault, string]> = [
    ['a truncated body', 'truncate', 'E_LIST_MALFORMED'],
    // The connection stays open with bytes missing: the per-attempt timeout bounds the wait.
    ['a body that stops short of its Content-Length', 'truncate-declared', 'E_SYNC_TIMEOUT'],
    ['a document whose entries fail its sha256', 'bad-checksum', 'E_LIST_CHECKSUM'],
    ['a body failing its Repr-Digest', 'bad-repr-digest', 'E_LIST_CHECKSUM'],
    ['persistent 500s', 'status-500', 'E_SYNC_HTTP'],
    ['a response slower than the timeout', 'slow', 'E_SYNC_TIMEOUT'],
  ];
  it.each(faults)(
    'keeps serving the previous complete list after %s',
    async (_name, fault, code) => {
      const { sync, failures } = setup([source()]);
      await sync.sync();
      publishV2();
      json.state.fault = fault;
      await sync.sync();
      expect(failures()).toEqual([code]);
      expect(served(sync)).toEqual(v1);
      expect(await reopened([source()])).toEqual(v1);
      // The fault clears: the next pull serves the new version whole.
      json.state.fault = 'none';
      await sync.sync();
      expect(served(sync)).toEqual(v2);
    },
  );

  it('retries an idempotent GET after 503s and then serves the new list', async () => {
    const { sync, failures } = setup([source()]);
    publishV2();
    json.state.fault = { failTimes: 2 };
    await sync.sync();
    expect(failures()).toEqual([]);
    expect(json.state.requests).toHaveLength(3);
    expect(served(sync)).toEqual(v2);
  });

  it('serves nothing rather than a first download that failed', async () => {
    const { sync, failures } = setup([source()]);
    json.state.fault = 'bad-checksum';
    await sync.sync();
    expect(failures()).toEqual(['E_LIST_CHECKSUM']);
    expect(sync.active()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it('never serves a snapshot corrupted on disk, and replaces it on the next pull', async () => {
    const first = setup([source()]);
    await first.sync.sync();
    const path = join(dir, snapshotName('hg-test'));
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path);
    bytes[bytes.length - 5]! ^= 0xff;
    await writeFile(path, bytes);
    const second = setup([source()]);
    await second.sync.load();
    expect(second.failures()).toEqual(['E_SNAPSHOT_CORRUPT']);
    expect(second.sync.active()).toBeUndefined();
    await second.sync.sync();
    expect(served(second.sync)).toEqual(v1);
  });

  it('serves the stored snapshots to an upload checker after a restart, before any pull', async () => {
    await setup([source()]).sync.sync();
    const restarted = createListSync({
      sources: [source()],
      store: createFileListStore({ dir }),
      maxAgeMs: 3_600_000,
      clock,
    });
    const checker = createUploadChecker({ listSync: restarted, clock });
    await checker.ready();
    expect(checker.checkHashes({ md5: hex('a', 32) }).verdict).toBe('block');
    expect(json.state.requests).toHaveLength(1);
  });

  it('reports a stale list, and checks then fail closed to review', async () => {
    const { sync, seen } = setup([source()], 10 * 60_000);
    await sync.sync();
    const checker = createUploadChecker({ listSync: sync, clock });
    const unlisted = { md5: hex('zz', 32) };
    expect(checker.checkHashes(unlisted).verdict).toBe('allow');
    json.state.fault = 'status-500';
    now += 11 * 60_000;
    await sync.sync();
    expect(seen.filter((e) => e.name === 'list:stale').map((e) => e.payload)).toMatchObject([
      { listId: 'hg-test', version: '1', ageMs: 11 * 60_000, maxAgeMs: 10 * 60_000 },
    ]);
    expect(checker.checkHashes(unlisted)).toMatchObject({
      verdict: 'review',
      reason: 'stale-lists',
      staleLists: ['hg-test'],
    });
    expect(checker.checkHashes({ md5: hex('a', 32) }).verdict).toBe('block');
  });
});

describe('createListSync with NCMEC hash sharing', () => {
  const source = () =>
    createNcmecSource({
      listId: 'ncmec',
      baseUrl: NCMEC_BASE,
      headers: { authorization: 'Basic dGVzdDp0ZXN0' },
    });
  const item = (id: string, minute: number, extra: Partial<{ deleted: boolean }> = {}) => ({
    id,
    timestamp: `2026-11-25T11:${String(minute).padStart(2, '0')}:00Z`,
    md5: hex(id, 32),
    pdq: hex(`pdq-${id}`, 64),
    ...extra,
  });
  const entriesOf = (...ids: string[]) =>
    ids
      .flatMap((id) => [
        `ncmec/${id}:md5:${hex(id, 32)}`,
        `ncmec/${id}:pdq:${hex(`pdq-${id}`, 64)}`,
      ])
      .sort();

  it('pulls every page, then only the window since the last pull, applying deletions', async () => {
    const { sync, seen } = setup([source()]);
    ncmec.state.window = [item('n3', 3), item('n1', 1), item('n2', 2)];
    await sync.sync();
    expect(served(sync)).toEqual(entriesOf('n1', 'n2', 'n3'));
    const firstTo = ncmec.state.requests[0]!.get('to');
    expect(ncmec.state.requests[0]!.has('from')).toBe(false);
    expect(ncmec.state.requests.map((r) => r.get('start'))).toEqual([null, '2']);

    now += 60_000;
    ncmec.state.requests = [];
    ncmec.state.window = [
      item('n4', 4),
      { id: 'n1', timestamp: '2026-11-25T11:05:00Z', deleted: true },
      item('n5', 5),
    ];
    await sync.sync();
    expect(ncmec.state.requests[0]!.get('from')).toBe(firstTo);
    expect(served(sync)).toEqual(entriesOf('n2', 'n3', 'n4', 'n5'));
    expect(await reopened([source()])).toEqual(entriesOf('n2', 'n3', 'n4', 'n5'));
    const synced = seen.filter((e) => e.name === 'list:synced').map((e) => e.payload);
    expect(synced[1]).toMatchObject({ incremental: true, added: 4, removed: 1, entryCount: 8 });
  });

  it('applies nothing from a pull whose later page is cut off', async () => {
    const { sync, failures } = setup([source()]);
    ncmec.state.window = [item('n1', 1)];
    await sync.sync();
    ncmec.state.window = [
      { id: 'n1', timestamp: '2026-11-25T11:09:00Z', deleted: true },
      item('n6', 6),
      item('n7', 7),
    ];
    ncmec.state.truncatePage = 1;
    await sync.sync();
    expect(failures()).toEqual(['E_LIST_MALFORMED']);
    expect(served(sync)).toEqual(entriesOf('n1'));
    expect(await reopened([source()])).toEqual(entriesOf('n1'));
  });

  it('refuses a paging/next on another origin: no request goes there, the old snapshot stays', async () => {
    const { sync, failures } = setup([source()]);
    ncmec.state.window = [item('n1', 1)];
    await sync.sync();
    ncmec.state.window = [item('n2', 2), item('n3', 3), item('n4', 4)];
    ncmec.state.nextPrefix = 'http://elsewhere.test/npo';
    await sync.sync();
    expect(failures()).toEqual(['E_SYNC_FAILED']);
    expect(elsewhere).toEqual([]);
    expect(served(sync)).toEqual(entriesOf('n1'));
    expect(await reopened([source()])).toEqual(entriesOf('n1'));
  });

  it('keeps one list when another fails, each list whole', async () => {
    const { sync, failures } = setup([
      source(),
      createJsonListSource({ listId: 'hg-test', url: LIST_URL }),
    ]);
    ncmec.state.window = [item('n1', 1)];
    await sync.sync();
    publishV2();
    json.state.fault = 'truncate';
    ncmec.state.window = [item('n2', 2)];
    await sync.sync();
    expect(failures()).toEqual(['E_LIST_MALFORMED']);
    expect(served(sync)).toEqual([...entriesOf('n1', 'n2'), ...v1].sort());
  });
});

describe('createListSync schedule', () => {
  it('pulls at start, again after each interval on the injected clock, and stops', async () => {
    const sleeps: { ms: number; wake: () => void }[] = [];
    const manual = {
      now: () => now,
      sleep: (ms: number, signal?: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          sleeps.push({ ms, wake: resolve });
          signal?.addEventListener('abort', () => reject(signal.reason));
        }),
    };
    const sync = createListSync({
      sources: [createJsonListSource({ listId: 'hg-test', url: LIST_URL })],
      store: createFileListStore({ dir }),
      maxAgeMs: 3_600_000,
      schedule: { intervalMs: 60_000 },
      transport: createKyTransport({ retries: 0 }),
      clock: manual,
    });
    const settled = async () => {
      for (let i = 0; i < 50 && sleeps.length === 0; i++)
        await new Promise((r) => setTimeout(r, 10));
    };
    sync.start();
    await settled();
    expect(json.state.requests).toHaveLength(1);
    expect(sleeps.map((s) => s.ms)).toEqual([60_000]);
    sleeps.shift()!.wake();
    await settled();
    expect(json.state.requests).toHaveLength(2);
    sync.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(json.state.requests).toHaveLength(2);
    expect(served(sync)).toEqual(v1);
  });
});

describe('createFileListStore', () => {
  it('writes atomically: no temporary file is left or listed, and a rewrite replaces whole', async () => {
    const store = createFileListStore({ dir: join(dir, 'nested') });
    await store.write('one.hgsnap', new Uint8Array([1, 2, 3]));
    await store.write('one.hgsnap', new Uint8Array([4, 5]));
    expect(await store.read('one.hgsnap')).toEqual(new Uint8Array([4, 5]));
    expect(await readdir(join(dir, 'nested'))).toEqual(['one.hgsnap']);
    expect(await store.list()).toEqual(['one.hgsnap']);
    expect(await store.read('missing')).toBeUndefined();
    await store.remove('one.hgsnap');
    expect(await store.list()).toEqual([]);
  });

  it('refuses names that could leave its directory', async () => {
    const store = createFileListStore({ dir });
    await expect(store.write('../escape', new Uint8Array([1]))).rejects.toMatchObject({
      code: 'E_INVALID_OPTIONS',
    });
  });
});
