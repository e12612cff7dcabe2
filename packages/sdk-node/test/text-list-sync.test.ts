// URL and keyword list sync against @hashguard/testing's mock list endpoints
// (msw): conditional pulls, new versions, and faults that must leave the
// previous lists served, in memory and on disk.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventEmitter } from '@hashguard/sdk-core';
import {
  createFileListStore,
  createJsonKeywordListSource,
  createJsonListSource,
  createJsonUrlListSource,
  createKyTransport,
  createListSync,
  createTextListSync,
  type ListSyncEventMap,
  type TextListSync,
  textListSnapshotName,
} from '@hashguard/sdk-node';
import {
  createHotlineHandlers,
  defaultUrlList,
  type FaultRule,
  type KeywordListV1,
  type UrlListV1,
} from '@hashguard/testing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const LISTS = 'https://lists.hashguard.example/lists';
const hotline = createHotlineHandlers();
const server = setupServer(...hotline.handlers);
// msw 3 renamed onUnhandledRequest to onUnhandledFrame: any request without a handler fails the test.
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-text-sync-'));
  hotline.reset();
  hotline.faults.clear();
});
afterEach(async () => {
  server.resetHandlers();
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Version 2 of the default URL list: u3 removed, u4 added (made-up .example hosts). */
function urlListV2(): UrlListV1 {
  const v1 = defaultUrlList();
  const entries: UrlListV1['entries'] = [
    ...v1.entries.filter((entry) => entry.entryId !== 'u3'),
    { entryId: 'u4', url: 'https://new.example/post/77?b=2&a=1', match: 'exact' },
  ];
  return { ...v1, version: 2, entries, sha256: sha256(JSON.stringify(entries)) };
}

/** Serves other list documents from now on, through a second mock whose faults are `faults`. */
function serve(lists: { urlList?: UrlListV1; keywordList?: KeywordListV1 }, faults?: FaultRule[]) {
  const next = createHotlineHandlers({ lists, faults });
  server.use(...next.handlers);
  return next;
}

function setup() {
  const events = createEventEmitter<ListSyncEventMap>();
  const failed: string[] = [];
  const synced: ListSyncEventMap['list:synced'][] = [];
  events.on('list:sync-failed', (event) => failed.push(`${event.listId}:${event.error.code}`));
  events.on('list:synced', (event) => synced.push(event));
  const sync = createTextListSync({
    sources: [
      createJsonUrlListSource({ listId: 'hashguard-url-fixtures', url: `${LISTS}/urls.json` }),
      createJsonKeywordListSource({
        listId: 'hashguard-keyword-fixtures',
        url: `${LISTS}/keywords.json`,
        action: 'warn',
      }),
    ],
    store: createFileListStore({ dir }),
    maxAgeMs: 3_600_000,
    transport: createKyTransport({ retries: 1, retryDelayMs: () => 5, timeoutMs: 1_000 }),
    events,
  });
  return { sync, failed, synced };
}

const URL_PROBES = [
  'https://blocked.example/gallery/2026/x.jpg', // u1 prefix
  'http://MIRROR.blocked.example/any/page?x=1', // u2 domain
  'files.example/item/12345', // u3 exact (v1 only)
  'HTTPS://new.example:443/post/./77?b=2&a=1#top', // u4 (v2 only)
  'https://files.example/item/123456',
  'https://blocked.example/galleryx',
];

/** What the served checkers answer right now, as `probe → entry ids`. */
function answers(sync: TextListSync) {
  const active = sync.active();
  return {
    urls: URL_PROBES.map((url) =>
      (active?.urls?.checkUrl(url).matches ?? []).map((m) => m.entryId).join(','),
    ),
    text: ['looking for z0rblax test term', 'a QUÏNDLE -- vesp?', 'nothing here'].map((text) =>
      (active?.keywords?.checkText(text).matches ?? []).map((m) => m.entryId).join(','),
    ),
  };
}

const V1_ANSWERS = {
  urls: ['u1', 'u2', 'u3', '', '', ''],
  text: ['k1', 'k2', ''],
};

const listRequests = () => hotline.requests().filter((r) => r.route.startsWith('lists.'));

describe('createTextListSync against @hashguard/testing', () => {
  it('pulls both lists, serves checkers over them, then revalidates with 304s', async () => {
    const { sync, failed, synced } = setup();
    await sync.sync();
    expect(failed).toEqual([]);
    expect(answers(sync)).toEqual(V1_ANSWERS);
    const active = sync.active()!;
    expect(active.keywords!.checkText('quindle vesp').action).toBe('warn');
    expect(active.urls!.checkUrl('blocked.example/gallery').verdict).toBe('block');
    expect(active.listVersions.map((v) => `${v.listId}@${v.version}`).sort()).toEqual([
      'hashguard-keyword-fixtures@1',
      'hashguard-url-fixtures@1',
    ]);

    await sync.sync();
    expect(failed).toEqual([]);
    expect(listRequests().map((r) => r.route)).toEqual([
      'lists.urls',
      'lists.keywords',
      'lists.urls',
      'lists.keywords',
    ]);
    expect(synced.map((event) => event.changed)).toEqual([true, true, false, false]);
    // Not rebuilt: the same checkers serve the unchanged versions.
    expect(sync.active()!.urls).toBe(active.urls);
    expect(sync.active()!.keywords).toBe(active.keywords);
  });

  it('swaps in a new version and rebuilds only the checker of that kind', async () => {
    const { sync, failed, synced } = setup();
    await sync.sync();
    const before = sync.active()!;
    serve({ urlList: urlListV2() });
    await sync.sync();
    expect(failed).toEqual([]);
    expect(answers(sync)).toEqual({ urls: ['u1', 'u2', '', 'u4', '', ''], text: V1_ANSWERS.text });
    expect(sync.active()!.urls).not.toBe(before.urls);
    expect(sync.active()!.keywords).toBe(before.keywords);
    expect(synced.at(-2)).toMatchObject({
      listId: 'hashguard-url-fixtures',
      version: '2',
      previousVersion: '1',
      changed: true,
      entryCount: 3,
    });
  });

  it.each([
    ['a truncated body', [{ kind: 'truncate', route: 'lists.urls' }], /E_SYNC_INCOMPLETE/],
    ['malformed JSON', [{ kind: 'malformed', route: 'lists.urls' }], /E_LIST_(CHECKSUM|MALFORMED)/],
    ['500s', [{ kind: 'server-error', status: 500, route: 'lists.urls' }], /E_SYNC_HTTP/],
    ['a dropped connection', [{ kind: 'reset', route: 'lists.urls' }], /E_SYNC_HTTP/],
  ] as [string, FaultRule[], RegExp][])(
    'keeps serving the previous lists through %s, in memory and after a restart',
    async (_name, faults, code) => {
      const { sync, failed } = setup();
      await sync.sync();
      const snapshot = await createFileListStore({ dir }).read(
        textListSnapshotName('hashguard-url-fixtures'),
      );
      // A new version is published, but every pull of it fails.
      const faulty = serve({ urlList: urlListV2() }, faults);
      await sync.sync();
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatch(new RegExp(`^hashguard-url-fixtures:${code.source}$`));
      expect(answers(sync)).toEqual(V1_ANSWERS);
      expect(
        await createFileListStore({ dir }).read(textListSnapshotName('hashguard-url-fixtures')),
      ).toEqual(snapshot);
      const restarted = setup();
      await restarted.sync.load();
      expect(answers(restarted.sync)).toEqual(V1_ANSWERS);
      // Once the source recovers, the new version is served.
      faulty.faults.clear();
      await sync.sync();
      expect(answers(sync).urls).toEqual(['u1', 'u2', '', 'u4', '', '']);
    },
  );

  it('refuses a document whose entries do not match its sha256', async () => {
    const { sync, failed } = setup();
    await sync.sync();
    const tampered = urlListV2();
    tampered.entries.push({ entryId: 'u9', url: 'https://files.example/', match: 'domain' });
    serve({ urlList: tampered });
    await sync.sync();
    expect(failed).toEqual(['hashguard-url-fixtures:E_LIST_CHECKSUM']);
    expect(answers(sync)).toEqual(V1_ANSWERS);
  });

  it('refuses a list that goes back to an older version', async () => {
    const { sync, failed } = setup();
    serve({ urlList: urlListV2() });
    await sync.sync();
    server.resetHandlers();
    await sync.sync();
    expect(failed).toEqual(['hashguard-url-fixtures:E_SYNC_FAILED']);
    expect(sync.status().find((s) => s.listId === 'hashguard-url-fixtures')?.version).toBe('2');
  });

  it('loads stored lists without network, and never serves a corrupt snapshot', async () => {
    await setup().sync.sync();
    const requests = listRequests().length;
    const store = createFileListStore({ dir });
    const name = textListSnapshotName('hashguard-keyword-fixtures');
    const bytes = (await store.read(name))!;
    bytes[bytes.length - 1]! ^= 0xff;
    await writeFile(join(dir, name), bytes);

    const { sync, failed } = setup();
    await sync.load();
    expect(listRequests()).toHaveLength(requests);
    expect(failed).toEqual(['hashguard-keyword-fixtures:E_SNAPSHOT_CORRUPT']);
    expect(answers(sync)).toEqual({ urls: V1_ANSWERS.urls, text: ['', '', ''] });
    expect(sync.active()!.keywords).toBeUndefined();
    // The next pull replaces it (unconditionally: a corrupt snapshot's ETag is not used).
    await sync.sync();
    expect(answers(sync)).toEqual(V1_ANSWERS);
    expect((await readdir(dir)).sort()).toEqual([
      'text-hashguard-keyword-fixtures.hgtxt',
      'text-hashguard-url-fixtures.hgtxt',
      'text-sync-state.json',
    ]);
  });

  it('shares a store with the hash-list sync without either losing its state', async () => {
    const hashSync = () =>
      createListSync({
        sources: [
          createJsonListSource({ listId: 'hashguard-fixtures', url: `${LISTS}/hashes.json` }),
        ],
        store: createFileListStore({ dir }),
        maxAgeMs: 3_600_000,
        transport: createKyTransport({ retries: 0 }),
      });
    const hashes = hashSync();
    const text = setup().sync;
    await hashes.sync();
    await text.sync();
    expect(hashes.status()[0]).toMatchObject({ version: '1', stale: false });
    expect((await readdir(dir)).sort()).toEqual([
      'list-hashguard-fixtures.hgsnap',
      'sync-state.json',
      'text-hashguard-keyword-fixtures.hgtxt',
      'text-hashguard-url-fixtures.hgtxt',
      'text-sync-state.json',
    ]);
    const requests = hotline.requests().length;
    const [hashesAgain, textAgain] = [hashSync(), setup().sync];
    const [hashStatus, textStatus] = [await hashesAgain.load(), await textAgain.load()];
    expect(hotline.requests()).toHaveLength(requests);
    expect([...hashStatus, ...textStatus].map((list) => [list.listId, list.stale])).toEqual([
      ['hashguard-fixtures', false],
      ['hashguard-url-fixtures', false],
      ['hashguard-keyword-fixtures', false],
    ]);
    expect(answers(textAgain)).toEqual(V1_ANSWERS);
  });
});
