import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Digest, InputError } from '@hashguard/sdk-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeDigest } from './node-digest';
import { readInput } from './read-input';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-read-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Counts the bytes the digests are fed, to prove what was (not) read. */
function countingDigest(): { digest: Digest; fed: () => number } {
  let fed = 0;
  const inner = createNodeDigest();
  return {
    fed: () => fed,
    digest: {
      create(algorithm) {
        const state = inner.create(algorithm);
        return {
          update(chunk) {
            if (algorithm === 'sha256') fed += chunk.byteLength;
            state.update(chunk);
          },
          hex: () => state.hex(),
        };
      },
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).code;
}

describe('readInput', () => {
  const data = randomBytes(3 * 1024 * 1024 + 5); // Several read chunks.
  const options = { maxBytes: 10 * 1024 * 1024, digest: createNodeDigest() };

  it('reads a path, a buffer and a stream to the same bytes and digests', async () => {
    const path = join(dir, 'data.bin');
    await writeFile(path, data);
    const stream = Readable.from(
      Array.from({ length: 7 }, (_, i) => data.subarray(i * 500_000, (i + 1) * 500_000)),
    );
    for (const input of [path, new Uint8Array(data), stream]) {
      const { bytes, digests } = await readInput(input, options);
      expect(Buffer.from(bytes).equals(data)).toBe(true);
      expect(digests.sha256).toBe(sha256(data));
      expect(digests.md5).toBe(createHash('md5').update(data).digest('hex'));
    }
  });

  it('refuses a file over maxBytes from its size, reading none of it', async () => {
    const path = join(dir, 'sparse.bin');
    await writeFile(path, '');
    await truncate(path, 2048 + 1); // Sparse: the size says too big.
    const counting = countingDigest();
    const read = readInput(path, { maxBytes: 2048, digest: counting.digest });
    expect(await codeOf(read)).toBe('E_INPUT_TOO_LARGE');
    expect(counting.fed()).toBe(0);
  });

  it('stops reading a stream as soon as it passes maxBytes', async () => {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield Buffer.alloc(1024);
        }
      })(),
    );
    expect(
      await codeOf(readInput(stream, { maxBytes: 10 * 1024, digest: createNodeDigest() })),
    ).toBe('E_INPUT_TOO_LARGE');
    expect(pulled).toBeLessThan(100);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses a buffer over maxBytes', async () => {
    expect(
      await codeOf(readInput(new Uint8Array(11), { maxBytes: 10, digest: createNodeDigest() })),
    ).toBe('E_INPUT_TOO_LARGE');
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.png')],
    ['a directory', () => dir],
  ])('reports %s as E_READ_FAILED', async (_name, path) => {
    expect(await codeOf(readInput(path(), options))).toBe('E_READ_FAILED');
  });

  it('reports a failing stream as E_READ_FAILED with the cause', async () => {
    const stream = new Readable({
      read() {
        this.destroy(new Error('disk on fire'));
      },
    });
    const error = await readInput(stream, options).catch((caught: unknown) => caught);
    expect((error as InputError).code).toBe('E_READ_FAILED');
    expect(((error as InputError).cause as Error).message).toBe('disk on fire');
  });
});
