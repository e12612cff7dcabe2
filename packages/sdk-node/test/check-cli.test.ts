import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { hashFile } from '@hashguard/sdk-node';
import { startMockHotlines } from '@hashguard/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built CLI, run as a member would: `./run test` builds first.
const CLI = new URL('../dist/cli.js', import.meta.url).pathname;
const IMAGES = new URL('../../sdk-core/test/fixtures/pdq-conformance/images/', import.meta.url)
  .pathname;
const image = (name: string) => join(IMAGES, name);

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

let dir: string;
let csv: string;
let snapshot: string;
let resized: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-cli-'));
  const rings = await hashFile(image('png-synth-rings-700x900.png'));
  const bridge = await hashFile(image('jpeg-bridge-1-original.jpg'));
  csv = join(dir, 'benign.csv');
  await writeFile(
    csv,
    `algorithm,hash,category,id\nmd5,${rings.md5},A,rings\npdq,${bridge.pdq},B,bridge\n`,
  );
  snapshot = join(dir, 'lists.hgsnap');
  resized = join(dir, 'bridge-copy.jpg');
  await sharp(image('jpeg-bridge-1-original.jpg'))
    .resize(480)
    .jpeg({ quality: 70 })
    .toFile(resized);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('hashguard list and check (built CLI)', () => {
  it('imports a CSV list into a snapshot and describes it', async () => {
    const imported = await run(['list', 'import', csv, '--out', snapshot]);
    expect(imported.code).toBe(0);
    expect(lines(imported.stdout)).toMatchObject([{ listId: 'benign', entries: 2 }]);
    const info = await run(['list', 'info', '--json', snapshot]);
    expect(info.code).toBe(0);
    expect(lines(info.stdout)).toMatchObject([
      { listId: 'benign', entries: 2, algorithms: { md5: 1, pdq: 1 } },
    ]);
  });

  it('prints one NDJSON verdict per file, in order, and exits 0 whatever the verdicts', async () => {
    await run(['list', 'import', csv, '--out', snapshot]);
    const files = [
      image('png-synth-rings-700x900.png'),
      resized,
      image('png-synth-noise-700x900.png'),
    ];
    const result = await run(['check', '--list', snapshot, '--json', ...files]);
    expect(result.code).toBe(0);
    const out = lines(result.stdout);
    expect(out.map((line) => [line.file, line.verdict])).toEqual([
      [files[0], 'block'],
      [files[1], 'review'],
      [files[2], 'allow'],
    ]);
    expect(Object.keys(out[0])).toEqual(['file', 'verdict', 'matches']);
    expect(out[0].matches).toEqual([
      { listId: 'benign', entryId: 'rings', algorithm: 'md5', distance: 0, category: 'A' },
    ]);
    expect(Object.keys(out[1].matches[0])).toEqual([
      'listId',
      'entryId',
      'algorithm',
      'distance',
      'category',
    ]);
  });

  it('accepts a list file directly, and --threshold narrows PDQ matching', async () => {
    const strict = await run(['check', '--list', csv, '--threshold', '0', '--json', resized]);
    expect(strict.code).toBe(0);
    expect(lines(strict.stdout)[0]).toMatchObject({ verdict: 'allow', matches: [] });
  });

  it('matches a rotated copy with --dihedral', async () => {
    const rotated = image('jpeg-bridge-2-rotate-90.jpg');
    const plain = await run(['check', '--list', csv, '--json', rotated]);
    const dihedral = await run(['check', '--list', csv, '--dihedral', '--json', rotated]);
    expect(lines(plain.stdout)[0].verdict).toBe('allow');
    expect(lines(dihedral.stdout)[0].verdict).toBe('review');
  });

  it('reports a file that cannot be hashed as an error line and exits 1', async () => {
    const broken = join(dir, 'broken.png');
    await writeFile(broken, 'not an image');
    const result = await run(['check', '--list', csv, '--json', broken, resized]);
    expect(result.code).toBe(1);
    const out = lines(result.stdout);
    expect(out[0]).toMatchObject({ file: broken, error: { code: expect.stringMatching(/^E_/) } });
    expect(out[1]).toMatchObject({ file: resized, verdict: 'review' });
  });

  it.each([
    ['no --list', ['check', '--json', 'x.png']],
    ['a bad threshold', ['check', '--list', 'a.csv', '--threshold', '300', 'x.png']],
    ['a list that cannot be read', ['check', '--list', '/nonexistent/list.csv', 'x.png']],
  ])('exits 2 on %s', async (_name, args) => {
    expect((await run(args)).code).toBe(2);
  });
});

describe('hashguard list sync (built CLI, against the loopback mock hotlines)', () => {
  it('pulls both sources into a snapshot directory, then revalidates; info reads the directory', async () => {
    const mock = await startMockHotlines({ hashSharing: { sampleSize: 150, pageSize: 100 } });
    try {
      const store = join(dir, 'store');
      const args = [
        'list',
        'sync',
        '--dir',
        store,
        '--json-list',
        `hashguard-fixtures=${mock.urls.lists}/hashes.json`,
        '--ncmec',
        `ncmec=${mock.urls.hashSharing}`,
        '--header',
        `authorization: Basic ${btoa('hashguard-test:mock-password')}`,
      ];
      const first = await run(args);
      expect(first.code).toBe(0);
      expect(lines(first.stdout).map((line) => [line.event, line.listId, line.changed])).toEqual([
        ['list:synced', 'hashguard-fixtures', true],
        ['list:synced', 'ncmec', true],
      ]);
      const second = await run(args);
      expect(second.code).toBe(0);
      expect(lines(second.stdout).map((line) => line.changed)).toEqual([false, false]);
      const info = await run(['list', 'info', '--json', store]);
      expect(
        lines(info.stdout)
          .map((line) => line.listId)
          .sort(),
      ).toEqual(['hashguard-fixtures', 'ncmec']);

      // The synced directory is a list for `check`: the fixture list names these images.
      const fixtures = new URL('../../testing/fixtures/images/', import.meta.url).pathname;
      const checked = await run(['check', '--list', store, '--json', fixtures]);
      expect(checked.code).toBe(0);
      const verdicts = lines(checked.stdout).map((line) => line.verdict);
      expect(verdicts.length).toBeGreaterThan(0);
      expect(verdicts).toContain('block');

      mock.faults.add({ kind: 'server-error', status: 500, route: '*' });
      const failing = await run([...args.slice(0, 4), '--ncmec', `ncmec=${mock.urls.hashSharing}`]);
      expect(failing.code).toBe(1);
      expect(lines(failing.stdout)[0]).toMatchObject({
        event: 'list:sync-failed',
        listId: 'ncmec',
      });
    } finally {
      await mock.close();
    }
  });
});
