// The raw-pixel path of the PDQ conformance data: each fixture decoded once by
// sharp directly (the settings the conformance README names in step 1), the
// pixels handed to the built @hashguard/sdk-core hasher, every row of
// expected.csv and dihedral.csv compared bit for bit, with the SIMD and the
// scalar WebAssembly builds. Build sdk-core first: pnpm --filter @hashguard/sdk-core build.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHasher, DIHEDRAL_NAMES, type Hasher, type Pixels } from '@hashguard/sdk-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

const FIXTURES = fileURLToPath(
  new URL('../../sdk-core/test/fixtures/pdq-conformance/', import.meta.url),
);

function readCsv(name: string): string[][] {
  const [, ...lines] = readFileSync(FIXTURES + name, 'utf8')
    .trim()
    .split(/\r?\n/);
  return lines.map((line) => line.split(','));
}

const expected = readCsv('expected.csv').map(([file, pdq, quality]) => ({
  file: file!,
  pdq: pdq!,
  quality: Number(quality),
}));

// dihedral.csv columns: the eight hashes in DIHEDRAL_NAMES order, quality, file.
const dihedral = readCsv('dihedral.csv').map((cells) => ({
  file: cells[9]!,
  quality: Number(cells[8]),
  hashes: Object.fromEntries(DIHEDRAL_NAMES.map((name, i) => [name, cells[i]!])),
}));

/**
 * Step 1 of the conformance README: 8-bit, no EXIF rotation (sharp rotates
 * only when asked), no ICC colour management (`ignoreIcc`), gray stays one
 * channel, alpha is passed along and ignored by the hasher.
 */
async function decode(file: string): Promise<Pixels> {
  const { data, info } = await sharp(readFileSync(FIXTURES + 'images/' + file), {
    failOn: 'none',
    ignoreIcc: true,
  })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  expect([1, 3, 4]).toContain(info.channels);
  return {
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 3 | 4,
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
  };
}

describe.each([
  ['SIMD', true],
  ['scalar', false],
])('PDQ conformance on raw pixels decoded by sharp (%s build)', (_, simd) => {
  let hasher: Hasher;
  beforeAll(async () => {
    hasher = await createHasher({ simd });
    expect(hasher.simd).toBe(simd);
  });

  it('expected.csv lists every fixture image', () => {
    expect(expected.map((row) => row.file).sort()).toEqual(readdirSync(FIXTURES + 'images').sort());
  });

  it.each(expected)(
    '$file hashes to the reference PDQ and quality',
    async ({ file, pdq, quality }) => {
      const result = hasher.pdq(await decode(file));
      expect(result.hash).toBe(pdq);
      expect(result.quality).toBe(quality);
    },
  );

  it.each(dihedral)(
    '$file gives all eight reference dihedral hashes',
    async ({ file, quality, hashes }) => {
      const result = hasher.pdqDihedral(await decode(file));
      expect(result.hashes).toEqual(hashes);
      expect(result.quality).toBe(quality);
    },
  );
});
