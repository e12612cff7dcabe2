// `hashguard check-url` and `hashguard check-text` as a member runs them: the
// built bin in a child process, against synthetic lists in a temp directory.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

let dir: string;
let urls: string;
let moreUrls: string;
let keywords: string;
let malformed: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-cli-url-'));
  urls = join(dir, 'urls.txt');
  moreUrls = join(dir, 'more.csv');
  keywords = join(dir, 'terms.csv');
  malformed = join(dir, 'broken.txt');
  await writeFile(urls, '# synthetic\nhttps://bad.example/gallery\nfiles.bad.example/dir prefix\n');
  await writeFile(moreUrls, 'algorithm,hash,category,id\nurl,https://grey.example/p,B,g-1\n');
  await writeFile(
    keywords,
    'algorithm,hash,category,id\nkeyword,zorblat,x,k-1\nkeyword,quimfex drab,x,k-2\n',
  );
  await writeFile(malformed, 'https://ok.example/\n\nftp://nope.example/x\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hashguard check-url', () => {
  it('prints one NDJSON object per URL with the contract keys, in input order, exit 0', () => {
    const { status, stdout } = hashguard([
      'check-url',
      '--list',
      urls,
      '--list',
      moreUrls,
      '--json',
      'HXXPS://WWW.bad[.]example/gallery/#x',
      'files.bad.example/dir/a/../b.jpg',
      'http://grey.example:80/p?utm=1',
      'https://files.bad.example/dirt',
    ]);
    expect(status).toBe(0);
    const lines = ndjson(stdout);
    expect(lines.map((line) => Object.keys(line))).toEqual(
      Array(4).fill(['url', 'verdict', 'matches']),
    );
    expect(lines).toEqual([
      {
        url: 'HXXPS://WWW.bad[.]example/gallery/#x',
        verdict: 'block',
        matches: [{ listId: 'urls', entryId: 'line:2' }],
      },
      {
        url: 'files.bad.example/dir/a/../b.jpg',
        verdict: 'block',
        matches: [{ listId: 'urls', entryId: 'line:3' }],
      },
      {
        url: 'http://grey.example:80/p?utm=1',
        verdict: 'block',
        matches: [{ listId: 'more', entryId: 'g-1' }],
      },
      { url: 'https://files.bad.example/dirt', verdict: 'allow', matches: [] },
    ]);
  });

  it('reports a non-web URL argument on its line, checks the rest, and exits 2', () => {
    const { status, stdout } = hashguard([
      'check-url',
      '--list',
      urls,
      '--json',
      'mailto:x@bad.example',
      'bad.example/gallery',
    ]);
    expect(status).toBe(2);
    const [invalid, valid] = ndjson(stdout);
    expect(invalid).toMatchObject({
      url: 'mailto:x@bad.example',
      error: { code: 'E_INVALID_URL' },
    });
    expect(valid).toMatchObject({ verdict: 'block' });
  });

  it('prints a readable table without --json', () => {
    const { status, stdout } = hashguard([
      'check-url',
      '--list',
      urls,
      'bad.example/gallery',
      'x.example',
    ]);
    expect(status).toBe(0);
    expect(stdout.split('\n').map((line) => line.split(/\s+/).slice(0, 2))).toEqual([
      ['url', 'verdict'],
      ['bad.example/gallery', 'block'],
      ['x.example', 'allow'],
      [''],
    ]);
  });

  it('exits 1 on an unreadable list and on a malformed one, naming the line', () => {
    const missing = hashguard(['check-url', '--list', join(dir, 'absent.txt'), 'x.example']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Cannot read list file');
    const broken = hashguard(['check-url', '--list', malformed, 'x.example']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('line 3');
  });

  it('exits 2 without --list or without URLs', () => {
    expect(hashguard(['check-url', 'x.example']).status).toBe(2);
    expect(hashguard(['check-url', '--list', urls]).status).toBe(2);
  });
});

describe('hashguard check-text', () => {
  it('checks stdin line by line as NDJSON and never prints a term, exit 0', () => {
    const { status, stdout } = hashguard(
      ['check-text', '--list', keywords, '--json'],
      'nothing to see\nsearch z.o.r.b.l.a.t\n\nQuimfex-Dr4b and zorblat\n',
    );
    expect(status).toBe(0);
    expect(ndjson(stdout)).toEqual([
      { line: 1, verdict: 'allow', matches: [] },
      {
        line: 2,
        verdict: 'block-search',
        matches: [{ listId: 'terms', entryId: 'k-1', action: 'block-search' }],
      },
      { line: 3, verdict: 'allow', matches: [] },
      {
        line: 4,
        verdict: 'block-search',
        matches: [
          { listId: 'terms', entryId: 'k-2', action: 'block-search' },
          { listId: 'terms', entryId: 'k-1', action: 'block-search' },
        ],
      },
    ]);
    expect(stdout).not.toMatch(/zorblat|quimfex/i);
  });

  it('prints a readable table without --json', () => {
    const { status, stdout } = hashguard(['check-text', '--list', keywords], 'zorblat\nok\n');
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^line\s+verdict\s+matches\n1\s+block-search\s+terms\/k-1\n2\s+allow\n$/,
    );
  });

  it('exits 1 on an unreadable list, 2 without --list', () => {
    expect(hashguard(['check-text', '--list', join(dir, 'absent.txt')], '').status).toBe(1);
    expect(hashguard(['check-text'], '').status).toBe(2);
  });
});
