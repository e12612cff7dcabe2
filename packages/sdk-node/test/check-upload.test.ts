import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CheckEventMap,
  createEventEmitter,
  createHashList,
  encodeSnapshot,
  packHashLists,
  pdqHammingBytes,
  pdqHexToBytes,
  type UploadCheckedEvent,
} from '@hashguard/sdk-core';
import { createUploadChecker, hashFile } from '@hashguard/sdk-node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Benign conformance images (bridges, synthetic patterns) shipped with sdk-core.
const IMAGES = new URL('../../sdk-core/test/fixtures/pdq-conformance/images/', import.meta.url)
  .pathname;
const image = (name: string) => join(IMAGES, name);

const LISTED_EXACT = 'png-synth-rings-700x900.png';
const LISTED_PDQ = 'jpeg-bridge-1-original.jpg';
const ROTATED = 'jpeg-bridge-2-rotate-90.jpg';
const UNLISTED = [
  'png-synth-checker-700x900.png',
  'png-synth-noise-700x900.png',
  'png-synth-grad-320x240.png',
];

let dir: string;
let resizedCopy: Uint8Array;
let list: ReturnType<typeof createHashList>;
const distance = (a: string, b: string) => pdqHammingBytes(pdqHexToBytes(a), pdqHexToBytes(b));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hashguard-check-'));
  const exact = await hashFile(image(LISTED_EXACT));
  const bridge = await hashFile(image(LISTED_PDQ));
  // Built from some of the images: one by its MD5 (an exact copy), one by its PDQ only.
  list = createHashList({
    listId: 'benign-test-list',
    version: '7',
    source: 'test',
    entries: [
      { algorithm: 'md5', value: exact.md5, entryId: 'rings', category: 'A' },
      { algorithm: 'pdq', value: bridge.pdq, entryId: 'bridge', category: 'B' },
    ],
  });
  // A resized, re-encoded copy of the listed bridge: no digest in common, PDQ close.
  resizedCopy = new Uint8Array(
    await sharp(await readFile(image(LISTED_PDQ)))
      .resize(480)
      .jpeg({ quality: 70 })
      .toBuffer(),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function checkerWithEvents(options: Parameters<typeof createUploadChecker>[0]) {
  const events = createEventEmitter<CheckEventMap>();
  const seen: UploadCheckedEvent[] = [];
  events.on('upload:checked', (event) => seen.push(event));
  return { checker: createUploadChecker({ ...options, events }), seen };
}

describe('checkUpload on benign images', () => {
  it('blocks an exact copy of a listed file by its digest', async () => {
    const { checker, seen } = checkerWithEvents({ lists: [list] });
    const result = await checker.checkUpload(image(LISTED_EXACT), { uploadId: 'u-1' });
    expect(result.verdict).toBe('block');
    expect(result.matches).toEqual([
      {
        listId: 'benign-test-list',
        entryId: 'rings',
        algorithm: 'md5',
        distance: 0,
        category: 'A',
      },
    ]);
    expect(seen[0]).toMatchObject({
      context: { uploadId: 'u-1' },
      verdict: 'block',
      listVersions: [{ listId: 'benign-test-list', version: '7' }],
    });
    expect(seen[0]!.timings.hashMs).toBeGreaterThan(0);
  });

  it('sends a resized, re-encoded copy to review by PDQ', async () => {
    const { checker } = checkerWithEvents({ lists: [list] });
    const result = await checker.checkUpload(resizedCopy);
    expect(result.verdict).toBe('review');
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]).toMatchObject({ entryId: 'bridge', algorithm: 'pdq', category: 'B' });
    expect(result.matches[0]!.distance).toBeLessThanOrEqual(31);
  });

  it.each(UNLISTED)('allows %s, which is on no list', async (name) => {
    const { checker } = checkerWithEvents({ lists: [list] });
    const result = await checker.checkUpload(image(name));
    expect(result).toMatchObject({ verdict: 'allow', reason: 'no-match', matches: [] });
    const bridgePdq = list.entries[1]!.value;
    expect(distance(result.hashes.pdq!, bridgePdq)).toBeGreaterThan(31);
  });

  it('matches a rotated copy only with dihedral hashing on', async () => {
    const plain = createUploadChecker({ lists: [list] });
    const dihedral = createUploadChecker({ lists: [list], hash: { dihedral: true } });
    expect((await plain.checkUpload(image(ROTATED))).verdict).toBe('allow');
    const result = await dihedral.checkUpload(image(ROTATED));
    expect(result.verdict).toBe('review');
    expect(result.matches[0]).toMatchObject({ entryId: 'bridge', algorithm: 'pdq' });
  });

  it('fails closed on input that cannot be decoded, recording the error', async () => {
    const { checker, seen } = checkerWithEvents({ lists: [list] });
    const result = await checker.checkUpload(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), {
      uploadId: 'bad',
    });
    expect(result.verdict).toBe('review');
    expect(result.reason).toBe('error');
    expect(result.error?.code).toMatch(/^E_/);
    expect(seen[0]).toMatchObject({ context: { uploadId: 'bad' }, reason: 'error' });
  });

  it('fails open on undecodable input when the policy says so', async () => {
    const checker = createUploadChecker({ lists: [list], policy: { failMode: 'open' } });
    expect((await checker.checkUpload(new Uint8Array([9, 9, 9]))).verdict).toBe('allow');
  });

  it('loads lists from a snapshot file', async () => {
    const path = join(dir, 'lists.hgsnap');
    await writeFile(path, encodeSnapshot(packHashLists([list])));
    const checker = createUploadChecker({ snapshotPath: path });
    await checker.ready();
    expect((await checker.checkUpload(image(LISTED_EXACT))).verdict).toBe('block');
    expect((await checker.checkUpload(resizedCopy)).verdict).toBe('review');
  });

  it('fails closed, never open, when the snapshot is corrupt', async () => {
    const path = join(dir, 'corrupt.hgsnap');
    const bytes = encodeSnapshot(packHashLists([list]));
    bytes[bytes.length - 3]! ^= 0x5a;
    await writeFile(path, bytes);
    const checker = createUploadChecker({ snapshotPath: path });
    await expect(checker.ready()).rejects.toMatchObject({
      code: expect.stringMatching(/^E_SNAPSHOT/),
    });
    const result = await checker.checkUpload(image(UNLISTED[0]!));
    expect(result).toMatchObject({ verdict: 'review', reason: 'error' });
  });

  it('needs exactly one source of lists', () => {
    expect(() => createUploadChecker({})).toThrow(/exactly one/);
    expect(() => createUploadChecker({ lists: [list], snapshotPath: 'x' })).toThrow(/exactly one/);
  });
});
