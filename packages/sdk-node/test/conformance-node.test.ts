// The Node path of the conformance data: every row of expected.csv and dihedral.csv
// through hashFile / hashFiles (read, digests, sharp decode, WASM hasher), bit for bit. Runs against the built
// dist, as a member's code would.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createHasher } from '@hashguard/sdk-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { hashFile, hashFiles } from '../dist/index.js';
import { CONFORMANCE_IMAGES, dihedralRows, expectedRows } from './helpers/conformance';

const rows = expectedRows();

describe('PDQ conformance through the Node path', () => {
  it('covers every image in the fixture folder, PNG and JPEG', () => {
    expect(rows.map((row) => row.file).sort()).toEqual(readdirSync(CONFORMANCE_IMAGES).sort());
    expect(rows.some((row) => row.file.endsWith('.png'))).toBe(true);
    expect(rows.some((row) => row.file.endsWith('.jpg'))).toBe(true);
  });

  it.each(rows)(
    'hashFile($file) gives the reference PDQ and quality',
    async ({ file, pdq, quality }) => {
      const path = CONFORMANCE_IMAGES + file;
      const result = await hashFile(path);
      expect(result.pdq).toBe(pdq);
      expect(result.quality).toBe(quality);
      const bytes = readFileSync(path);
      expect(result.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(result.md5).toBe(createHash('md5').update(bytes).digest('hex'));
      expect(result.sha1).toBe(createHash('sha1').update(bytes).digest('hex'));
      const metadata = await sharp(bytes).metadata();
      expect([result.width, result.height]).toEqual([metadata.width, metadata.height]);
    },
  );

  // Each worker's first file meets a fresh hasher, so a result must not depend on
  // what the hasher saw before (the raw-pixel path is in pdq-raw-pixels.test.ts).
  it.each(rows)(
    'hashFile($file) on a fresh hasher gives the reference',
    async ({ file, pdq, quality }) => {
      const result = await hashFile(CONFORMANCE_IMAGES + file, { hasher: createHasher() });
      expect([result.pdq, result.quality]).toEqual([pdq, quality]);
    },
  );

  it('hashFiles over every row with 2 workers gives the reference, in order', async () => {
    const outcomes = await hashFiles(
      rows.map((row) => CONFORMANCE_IMAGES + row.file),
      { workers: 2 },
    );
    expect(
      outcomes.map((outcome) => ('error' in outcome ? outcome.error.code : outcome.pdq)),
    ).toEqual(rows.map((row) => row.pdq));
  });

  it.each(dihedralRows())(
    'hashFile($file, { dihedral }) gives all eight reference hashes',
    async ({ file, quality, hashes }) => {
      const result = await hashFile(CONFORMANCE_IMAGES + file, { dihedral: true });
      expect(result.pdqDihedral).toEqual(hashes);
      expect(result.pdq).toBe(hashes.original);
      expect(result.quality).toBe(quality);
    },
  );
});
