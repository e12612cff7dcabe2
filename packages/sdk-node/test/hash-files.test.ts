import { readFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  ConfigError,
  createHasher,
  type ImageDecoder,
  InputError,
  isHashguardError,
} from '@hashguard/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHashPool,
  createSharpDecoder,
  type HashFileResult,
  type HashFilesOutcome,
  hashFile,
  hashFiles,
} from '../dist/index.js';
import { makeSampleSet, type SampleSet } from './helpers/sample-files';

let samples: SampleSet;
let expected: HashFileResult[];
beforeAll(async () => {
  samples = await makeSampleSet();
  // Each on a hasher of its own: a result must not depend on what was hashed before.
  expected = [];
  for (const path of samples.good) expected.push(await hashFile(path, { hasher: createHasher() }));
});
afterAll(async () => {
  await rm(samples.dir, { recursive: true, force: true });
});

function codeOf(outcome: HashFilesOutcome | undefined): string | undefined {
  if (!outcome || !('error' in outcome)) return undefined;
  expect(outcome.error).toBeInstanceOf(InputError);
  expect(isHashguardError(outcome.error)).toBe(true);
  return outcome.error.code;
}

describe('hashFiles', () => {
  it.each([1, 2])(
    'with %i worker(s) returns results in input order, errors in place',
    async (workers) => {
      const [a, b, c, d, e] = samples.good as [string, string, string, string, string];
      const inputs = [
        a,
        samples.missing,
        b,
        samples.empty,
        c,
        samples.text,
        d,
        samples.truncatedPng,
        e,
      ];
      const seen: number[] = [];
      const outcomes = await hashFiles(inputs, {
        workers,
        onResult: (_o, index) => seen.push(index),
      });
      expect(outcomes).toHaveLength(inputs.length);
      expect(outcomes[0]).toEqual(expected[0]);
      expect(codeOf(outcomes[1])).toBe('E_READ_FAILED');
      expect(outcomes[2]).toEqual(expected[1]);
      expect(codeOf(outcomes[3])).toBe('E_EMPTY_INPUT');
      expect(outcomes[4]).toEqual(expected[2]);
      expect(codeOf(outcomes[5])).toBe('E_UNSUPPORTED_FORMAT');
      expect(outcomes[6]).toEqual(expected[3]);
      expect(codeOf(outcomes[7])).toBe('E_CORRUPT_IMAGE');
      expect(outcomes[8]).toEqual(expected[4]);
      expect(seen.sort((x, y) => x - y)).toEqual(inputs.map((_, index) => index));
    },
  );

  it('hashes buffers and streams as well as paths', async () => {
    const bytes = await readFile(samples.good[2]!);
    const outcomes = await hashFiles(
      [bytes, Readable.from([bytes.subarray(0, 100), bytes.subarray(100)])],
      {
        workers: 2,
      },
    );
    expect(outcomes).toEqual([expected[2], expected[2]]);
  });

  it('passes options to the workers (dihedral, limits)', async () => {
    const path = samples.good[0]!;
    const [withDihedral] = await hashFiles([path], { workers: 1, dihedral: true });
    const [tooLarge] = await hashFiles([path], { workers: 1, limits: { maxPixels: 1000 } });
    expect(withDihedral).toEqual(await hashFile(samples.good[0]!, { dihedral: true }));
    expect(Object.keys((withDihedral as HashFileResult).pdqDihedral ?? {})).toHaveLength(8);
    expect(codeOf(tooLarge)).toBe('E_IMAGE_TOO_LARGE');
  });

  it('runs on this thread with a custom decoder, still returning per-file errors', async () => {
    const sharpDecoder = createSharpDecoder();
    let calls = 0;
    const decoder: ImageDecoder = {
      async decode(bytes, limits) {
        calls++;
        if (bytes.byteLength < 1000)
          throw new InputError('E_CORRUPT_IMAGE', 'too small for this test');
        return sharpDecoder.decode(bytes, limits);
      },
    };
    const outcomes = await hashFiles([samples.good[0]!, samples.text], { decoder, workers: 1 });
    expect(calls).toBe(2); // Ran here: a worker could not have called this closure.
    expect(outcomes[0]).toEqual(expected[0]);
    expect(codeOf(outcomes[1])).toBe('E_CORRUPT_IMAGE');
  });

  it('returns an empty list for no inputs', async () => {
    expect(await hashFiles([])).toEqual([]);
  });

  it('refuses a lone path string (iterable by character) with a ConfigError', async () => {
    const error = await hashFiles(samples.good[0]!).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses workers = %s with a ConfigError', async (workers) => {
    const error = await hashFiles([samples.good[0]!], { workers }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ConfigError);
  });
});

describe('createHashPool', () => {
  it('serves batch after batch on the same workers until destroyed', async () => {
    const pool = createHashPool({ workers: 2 });
    try {
      expect(pool.workers).toBe(2);
      expect(await pool.hashFiles([samples.good[0]!, samples.text])).toEqual([
        expected[0],
        { error: expect.any(InputError) },
      ]);
      expect(await pool.hashFiles([samples.good[3]!])).toEqual([expected[3]]);
    } finally {
      await pool.destroy();
    }
    await expect(pool.hashFiles([samples.good[0]!])).rejects.toMatchObject({
      code: 'E_HASH_FAILED',
    });
  });

  it('fails every file, without crashing or hanging, when the workers cannot start', async () => {
    const pool = createHashPool({
      workers: 1,
      workerUrl: new URL('./helpers/failing-worker.mjs', import.meta.url),
    });
    try {
      const outcomes = await pool.hashFiles(samples.good.slice(0, 4));
      expect(outcomes).toHaveLength(4);
      for (const outcome of outcomes) {
        expect(outcome).toEqual({ error: expect.objectContaining({ code: 'E_HASH_FAILED' }) });
      }
      expect((outcomes[0] as { error: Error }).error.message).toMatch(/failed to load/);
    } finally {
      await pool.destroy();
    }
  });
});
