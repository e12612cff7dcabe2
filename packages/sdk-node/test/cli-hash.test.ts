// `hashguard hash` as a member runs it: the built bin in a child process.
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../dist/index.js';
import {
  CONFORMANCE_IMAGES,
  DIHEDRAL_NAMES,
  dihedralRows,
  expectedRows,
} from './helpers/conformance';
import { makeSampleSet, type SampleSet } from './helpers/sample-files';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const KEYS = ['file', 'pdq', 'quality', 'md5', 'sha1', 'sha256', 'width', 'height'];

function hashguard(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'hash', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ndjson(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let samples: SampleSet;
beforeAll(async () => {
  samples = await makeSampleSet();
});
afterAll(async () => {
  await rm(samples.dir, { recursive: true, force: true });
  await rm(`${samples.dir}-rotated.jpg`, { force: true });
});

describe('hashguard hash --json', () => {
  it('prints one object per file in input order with exactly the contract keys, exit 0', () => {
    const rows = expectedRows().slice(0, 6);
    const { status, stdout } = hashguard(
      '--json',
      '--workers',
      '2',
      ...rows.map((row) => CONFORMANCE_IMAGES + row.file),
    );
    expect(status).toBe(0);
    const lines = ndjson(stdout);
    expect(lines).toHaveLength(rows.length);
    lines.forEach((line, index) => {
      expect(Object.keys(line)).toEqual(KEYS);
      expect(line).toMatchObject({
        file: CONFORMANCE_IMAGES + rows[index]!.file,
        pdq: rows[index]!.pdq,
        quality: rows[index]!.quality,
      });
      expect(line.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(line.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(line.sha1).toMatch(/^[0-9a-f]{40}$/);
    });
  });

  it('reports failed files as {file, error:{code, message}}, the others still, exit 1', async () => {
    const inputs = [samples.good[0]!, samples.missing, samples.text, samples.good[1]!];
    const { status, stdout } = hashguard('--json', ...inputs);
    expect(status).toBe(1);
    const lines = ndjson(stdout);
    expect(lines.map((line) => line.file)).toEqual(inputs);
    expect(Object.keys(lines[1]!)).toEqual(['file', 'error']);
    expect(Object.keys(lines[1]!.error as object)).toEqual(['code', 'message']);
    expect((lines[1]!.error as { code: string }).code).toBe('E_READ_FAILED');
    expect((lines[2]!.error as { code: string }).code).toBe('E_UNSUPPORTED_FORMAT');
    const { pdq, sha256, width, height } = await hashFile(samples.good[1]!);
    expect(lines[3]).toMatchObject({ pdq, sha256, width, height });
  });

  it('walks directories recursively in sorted order, images only', () => {
    const { stdout } = hashguard('--json', samples.dir);
    const files = ndjson(stdout).map((line) => relative(samples.dir, line.file as string));
    expect(files).toEqual([
      'good-0.png',
      'good-2.png',
      'good-4.png',
      join('nested', 'deeper', 'empty.png'),
      join('nested', 'good-1.png'),
      join('nested', 'good-3.png'),
      'notes.png',
      'truncated.png',
    ]);
  });

  it('--dihedral adds the eight reference hashes under pdqDihedral', () => {
    const row = dihedralRows()[0]!;
    const { status, stdout } = hashguard('--json', '--dihedral', CONFORMANCE_IMAGES + row.file);
    expect(status).toBe(0);
    const [line] = ndjson(stdout);
    expect(Object.keys(line!)).toEqual([...KEYS, 'pdqDihedral']);
    expect(Object.keys(line!.pdqDihedral as object)).toEqual([...DIHEDRAL_NAMES]);
    expect(line!.pdqDihedral).toEqual(row.hashes);
  });

  it('--mode full-resolution hashes a large image differently from reference', () => {
    const file = CONFORMANCE_IMAGES + 'png-bridge-1000x700.png';
    const [reference] = ndjson(hashguard('--json', file).stdout);
    const [full] = ndjson(hashguard('--json', '--mode', 'full-resolution', file).stdout);
    expect(full!.pdq).toMatch(/^[0-9a-f]{64}$/);
    expect(full!.pdq).not.toBe(reference!.pdq);
  });
});

describe('hashguard hash --exif-orientation', () => {
  it('applies the EXIF orientation only when asked', async () => {
    const path = `${samples.dir}-rotated.jpg`; // Outside the folder the walk test lists.
    const upright = await sharp(await readFile(samples.good[0]!))
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    await writeFile(path, upright);
    const [stored] = ndjson(hashguard('--json', path).stdout);
    const [oriented] = ndjson(hashguard('--json', '--exif-orientation', path).stdout);
    expect([stored!.width, stored!.height]).toEqual([1200, 900]);
    expect([oriented!.width, oriented!.height]).toEqual([900, 1200]);
    expect(oriented!.pdq).not.toBe(stored!.pdq);
    expect(oriented!.sha256).toBe(stored!.sha256); // Digests are of the file's bytes.
  });
});

describe('hashguard hash (table)', () => {
  it('prints a readable table with a summary', () => {
    const { status, stdout } = hashguard(samples.good[0]!, samples.text);
    expect(status).toBe(1);
    expect(stdout).toMatch(/^FILE\s+SIZE\s+QUALITY\s+PDQ\s+SHA-256/);
    expect(stdout).toContain('1200×900');
    expect(stdout).toContain('E_UNSUPPORTED_FORMAT');
    expect(stdout).toContain('1 hashed, 1 failed');
  });
});

describe('hashguard hash usage errors exit 2', () => {
  it.each([
    ['no paths', []],
    ['an unknown mode', ['--mode', 'fast', 'x.png']],
    ['zero workers', ['--workers', '0', 'x.png']],
    ['an unknown option', ['--colour', 'x.png']],
  ])('%s', (_name, args) => {
    const { status, stderr } = hashguard(...args);
    expect(status).toBe(2);
    expect(stderr).toMatch(/error/i);
  });
});
