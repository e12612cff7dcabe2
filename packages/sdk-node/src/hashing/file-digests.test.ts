import { createHash, randomBytes } from 'node:crypto';
import type { Digest } from '@hashguard/sdk-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestChunks } from './file-digests';
import { createNodeDigest } from './node-digest';

const whole = (algorithm: string, data: Uint8Array) =>
  createHash(algorithm).update(data).digest('hex');

describe('digestChunks', () => {
  it('computes md5, sha1 and sha256 of chunked data as of the whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 2048 }), { maxLength: 10 }),
        async (chunks) => {
          const data = Buffer.concat(chunks);
          expect(await digestChunks(chunks, createNodeDigest())).toEqual({
            md5: whole('md5', data),
            sha1: whole('sha1', data),
            sha256: whole('sha256', data),
          });
        },
      ),
      { numRuns: 50 },
    );
  });

  it('feeds each chunk of an async stream to the digests as it arrives', async () => {
    const seen: Uint8Array[] = [];
    const retained: Uint8Array[] = [];
    // A digest that records what it is fed: the helper must pass each chunk on at once.
    const recording: Digest = {
      create(algorithm) {
        const inner = createNodeDigest().create(algorithm);
        return {
          update(chunk) {
            if (algorithm === 'md5') retained.push(chunk);
            inner.update(chunk);
          },
          hex: () => inner.hex(),
        };
      },
    };
    async function* source() {
      for (let i = 0; i < 5; i++) {
        const chunk = randomBytes(1000);
        seen.push(chunk);
        yield chunk;
        expect(retained.at(-1)).toBe(chunk); // Fed before the next chunk is pulled.
      }
    }
    const digests = await digestChunks(source(), recording);
    expect(digests.sha256).toBe(whole('sha256', Buffer.concat(seen)));
  });
});
