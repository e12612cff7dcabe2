/// <reference types="node" />
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWasmDigest } from './create-wasm-digest';

const ALGORITHMS = ['md5', 'sha1', 'sha256'] as const;

describe('createWasmDigest', () => {
  it.each(ALGORITHMS)(
    '%s equals node:crypto on random data fed in random chunks',
    async (algorithm) => {
      const digest = createWasmDigest();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.uint8Array({ maxLength: 4096 }), { maxLength: 12 }),
          async (chunks) => {
            const state = await digest.create(algorithm);
            const reference = createHash(algorithm);
            for (const chunk of chunks) {
              state.update(chunk);
              reference.update(chunk);
            }
            expect(state.hex()).toBe(reference.digest('hex'));
          },
        ),
        { numRuns: 50 },
      );
    },
  );

  it('keeps concurrent states of one algorithm independent', async () => {
    const digest = createWasmDigest();
    const [a, b] = await Promise.all([digest.create('sha256'), digest.create('sha256')]);
    const dataA = randomBytes(3 * 1024 * 1024 + 17);
    const dataB = randomBytes(1000);
    for (let offset = 0; offset < dataA.length; offset += 65_536) {
      a.update(dataA.subarray(offset, offset + 65_536));
      b.update(dataB);
    }
    expect(a.hex()).toBe(createHash('sha256').update(dataA).digest('hex'));
    const chunksB = Math.ceil(dataA.length / 65_536);
    expect(b.hex()).toBe(
      createHash('sha256')
        .update(Buffer.concat(Array(chunksB).fill(dataB)))
        .digest('hex'),
    );
  });
});
