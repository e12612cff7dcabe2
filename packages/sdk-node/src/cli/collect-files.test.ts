import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFiles } from './collect-files';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-collect-'));
  await mkdir(join(dir, 'b', 'c'), { recursive: true });
  for (const name of ['z.JPG', 'a.png', 'readme.txt', 'b/c/deep.webp', 'b/A.gif', 'b/x.tiff']) {
    await writeFile(join(dir, name), '');
  }
  await symlink(dir, join(dir, 'b', 'loop')); // A cycle, if symlinked folders were followed.
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('collectFiles', () => {
  it('walks folders recursively, images only, sorted by code point', async () => {
    expect(await collectFiles([dir])).toEqual(
      ['a.png', 'b/A.gif', 'b/c/deep.webp', 'b/x.tiff', 'z.JPG'].map((name) => join(dir, name)),
    );
  });

  it('keeps named files whatever their extension, and missing paths, in argument order', async () => {
    const named = [join(dir, 'readme.txt'), join(dir, 'missing.png'), join(dir, 'a.png')];
    expect(await collectFiles(named)).toEqual(named);
  });
});
