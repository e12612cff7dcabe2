// `hashguard check-url` / `check-text` with `--list` pointing at text-list
// snapshots (as createTextListSync stores them) or at a store directory.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createHashList,
  createTextListSet,
  encodeSnapshot,
  encodeTextListsSnapshot,
  packHashLists,
  parseKeywordList,
  parseUrlList,
} from '@hashguard/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function hashguard(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ndjson = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

// Synthetic lists: made-up .example hosts and made-up terms.
const meta = { version: '4', source: 'test', syncedAt: '2026-11-25T12:00:00.000Z' };
const urlSnapshot = encodeTextListsSnapshot(
  createTextListSet([
    {
      kind: 'url',
      meta,
      list: parseUrlList(
        'algorithm,hash,category,id\nurl-prefix,https://snap.example/dir,A,s-1\n',
        {
          id: 'synced-urls',
        },
      ),
    },
  ]),
);
const keywordSnapshot = encodeTextListsSnapshot(
  createTextListSet([
    {
      kind: 'keyword',
      meta,
      list: parseKeywordList('algorithm,hash,category,id\nkeyword,vornish plet,x,t-1\n', {
        id: 'synced-terms',
        action: 'review',
      }),
    },
  ]),
);

let dir: string;
let store: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-cli-txt-'));
  store = join(dir, 'store');
  await mkdir(store);
  await mkdir(join(dir, 'empty'));
  await writeFile(join(store, 'text-synced-urls.hgtxt'), urlSnapshot);
  await writeFile(join(store, 'text-synced-terms.hgtxt'), keywordSnapshot);
  await writeFile(join(store, 'text-sync-state.json'), '{"confirmedAt":{}}');
  await writeFile(join(dir, 'plain.txt'), 'https://plain.example/page\n');
  const corrupt = urlSnapshot.slice();
  corrupt[corrupt.length - 2]! ^= 0x01;
  await writeFile(join(dir, 'corrupt.hgtxt'), corrupt);
  await writeFile(
    join(dir, 'hashes.hgsnap'),
    encodeSnapshot(
      packHashLists([createHashList({ listId: 'h', version: '1', source: 't', entries: [] })]),
    ),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--list with text-list snapshots', () => {
  it('check-url reads a snapshot file beside a text list file', () => {
    const { status, stdout, stderr } = hashguard([
      'check-url',
      '--list',
      join(store, 'text-synced-urls.hgtxt'),
      '--list',
      join(dir, 'plain.txt'),
      '--json',
      'http://SNAP.example/dir/x/../y.html',
      'https://plain.example/page/',
      'https://snap.example/dirt',
    ]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(ndjson(stdout)).toEqual([
      {
        url: 'http://SNAP.example/dir/x/../y.html',
        verdict: 'block',
        matches: [{ listId: 'synced-urls', entryId: 's-1' }],
      },
      {
        url: 'https://plain.example/page/',
        verdict: 'block',
        matches: [{ listId: 'plain', entryId: 'line:1' }],
      },
      { url: 'https://snap.example/dirt', verdict: 'allow', matches: [] },
    ]);
  });

  it('check-url and check-text take a store directory and use the lists of their kind', () => {
    const urls = hashguard(['check-url', '--list', store, '--json', 'snap.example/dir']);
    expect(urls.status).toBe(0);
    expect(ndjson(urls.stdout)).toEqual([
      {
        url: 'snap.example/dir',
        verdict: 'block',
        matches: [{ listId: 'synced-urls', entryId: 's-1' }],
      },
    ]);
    const text = hashguard(
      ['check-text', '--list', store, '--json'],
      'nothing\nsome VORNISH  plet here\n',
    );
    expect(text.status).toBe(0);
    expect(ndjson(text.stdout)).toEqual([
      { line: 1, verdict: 'allow', matches: [] },
      {
        line: 2,
        verdict: 'review',
        matches: [{ listId: 'synced-terms', entryId: 't-1', action: 'review' }],
      },
    ]);
  });

  it.each([
    [
      'a corrupt snapshot',
      () => ['check-url', '--list', join(dir, 'corrupt.hgtxt'), 'a.example'],
      /corrupt/,
    ],
    [
      'a hash-list snapshot',
      () => ['check-url', '--list', join(dir, 'hashes.hgsnap'), 'a.example'],
      /hash-list snapshot/,
    ],
    [
      'a snapshot of the other kind',
      () => ['check-url', '--list', join(store, 'text-synced-terms.hgtxt'), 'a.example'],
      /holds no URL list/,
    ],
    [
      'a directory without text-list snapshots',
      () => ['check-url', '--list', join(dir, 'empty'), 'a.example'],
      /No text-list snapshots/,
    ],
  ] as [string, () => string[], RegExp][])(
    'exits 1 and says why for %s',
    (_name, args, message) => {
      const { status, stdout, stderr } = hashguard(args());
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
    },
  );
});
