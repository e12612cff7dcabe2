import { fileURLToPath } from 'node:url';
import { pdqHammingBytes, pdqHexToBytes } from '@hashguard/sdk-core';
import { hashFile } from '@hashguard/sdk-node';
import { describe, expect, it } from 'vitest';
import { loadDemoList } from '../src/demo-list.ts';

const pdqDistance = (a: string, b: string) => pdqHammingBytes(pdqHexToBytes(a), pdqHexToBytes(b));
const demo = (name: string) => fileURLToPath(new URL(`../demo/${name}`, import.meta.url));

// The demo list is shipped as a file, like a hotline's; these keep it honest about the pictures.
describe('demo/demo-list.json', () => {
  it('lists exactly the hashes of demo/listed-demo.png', async () => {
    const list = await loadDemoList();
    const hashed = await hashFile(demo('listed-demo.png'));
    expect(Object.fromEntries(list.entries.map((entry) => [entry.algorithm, entry.value]))).toEqual(
      { md5: hashed.md5, sha1: hashed.sha1, sha256: hashed.sha256, pdq: hashed.pdq },
    );
  });

  it('is near the re-encoded copy by PDQ only, and far from the unlisted picture', async () => {
    const list = await loadDemoList();
    const listedPdq = list.entries.find((entry) => entry.algorithm === 'pdq')!.value;
    const values = new Set(list.entries.map((entry) => entry.value));
    const copy = await hashFile(demo('listed-demo-recompressed.jpg'));
    const unlisted = await hashFile(demo('unlisted-demo.png'));
    for (const digest of [copy.md5, copy.sha1, copy.sha256]) expect(values.has(digest)).toBe(false);
    expect(copy.quality).toBeGreaterThanOrEqual(50);
    expect(pdqDistance(copy.pdq, listedPdq)).toBeLessThanOrEqual(31);
    expect(pdqDistance(unlisted.pdq, listedPdq)).toBeGreaterThan(31);
  });
});
