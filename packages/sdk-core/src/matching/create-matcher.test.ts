import { describe, expect, it } from 'vitest';
import { pdqBytesToHex, pdqHexToBytes } from '../hashing/pdq-hash';
import { createMatcher } from './create-matcher';
import { createHashList, packHashLists } from './hash-list';
import type { PhotoDnaPort } from './photodna-port';
import { encodeSnapshot } from './snapshot/encode-snapshot';

const BRIDGE = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
/** `hex` with the first `bits` bits flipped. */
function flip(hex: string, bits: number): string {
  const bytes = pdqHexToBytes(hex);
  for (let bit = 0; bit < bits; bit++) bytes[bit >> 3]! ^= 1 << (bit & 7);
  return pdqBytesToHex(bytes);
}
const photoDna = (seed: number) =>
  Array.from({ length: 144 }, (_, i) => (i + seed) % 256).join(',');

const lists = [
  createHashList({
    listId: 'iwf',
    version: '1',
    source: 'iwf',
    entries: [
      { algorithm: 'md5', value: 'ab'.repeat(16), category: 'A', entryId: 'iwf-md5' },
      { algorithm: 'pdq', value: flip(BRIDGE, 10), category: 'B', entryId: 'iwf-pdq-10' },
      { algorithm: 'pdq', value: flip(BRIDGE, 40), category: 'C', entryId: 'iwf-pdq-40' },
    ],
  }),
  createHashList({
    listId: 'ncmec',
    version: '9',
    source: 'ncmec',
    entries: [
      { algorithm: 'md5', value: 'AB'.repeat(16), category: 'A1', entryId: 'n-md5' },
      { algorithm: 'sha256', value: 'cd'.repeat(32), category: 'A2', entryId: 'n-sha256' },
      { algorithm: 'pdq', value: flip(BRIDGE, 20), category: 'B1', entryId: 'n-pdq-20' },
      { algorithm: 'photodna', value: photoDna(0), category: 'A1', entryId: 'n-pdna' },
    ],
  }),
];

describe('createMatcher', () => {
  const matcher = createMatcher(lists);

  it('matches exact digests on every list that has them, with distance 0 and the source category', () => {
    expect(
      matcher.match({ md5: 'AB'.repeat(16), sha256: 'cd'.repeat(32), sha1: 'ef'.repeat(20) }),
    ).toEqual([
      { listId: 'iwf', entryId: 'iwf-md5', algorithm: 'md5', distance: 0, category: 'A' },
      { listId: 'ncmec', entryId: 'n-md5', algorithm: 'md5', distance: 0, category: 'A1' },
      { listId: 'ncmec', entryId: 'n-sha256', algorithm: 'sha256', distance: 0, category: 'A2' },
    ]);
  });

  it('matches PDQ within the threshold, closest first', () => {
    expect(matcher.match({ pdq: BRIDGE }).map((m) => `${m.entryId}@${m.distance}`)).toEqual([
      'iwf-pdq-10@10',
      'n-pdq-20@20',
    ]);
    expect(matcher.match({ pdq: BRIDGE }, { pdqThreshold: 45 })).toHaveLength(3);
    expect(matcher.match({ pdq: BRIDGE }, { pdqThreshold: 5 })).toEqual([]);
  });

  it('applies per-list PDQ thresholds', () => {
    const strict = createMatcher(lists, { pdqThresholdByList: { ncmec: 15, iwf: 45 } });
    expect(strict.match({ pdq: BRIDGE }).map((m) => m.entryId)).toEqual([
      'iwf-pdq-10',
      'iwf-pdq-40',
    ]);
  });

  it('tries dihedral variants unless told not to', () => {
    const rotated = flip(BRIDGE, 200);
    expect(matcher.match({ pdq: rotated })).toEqual([]);
    const query = { pdq: rotated, pdqDihedral: [BRIDGE] };
    expect(matcher.match(query).map((m) => m.entryId)).toEqual(['iwf-pdq-10', 'n-pdq-20']);
    expect(matcher.match(query, { dihedral: false })).toEqual([]);
  });

  it('matches PhotoDNA only through a member port', () => {
    expect(matcher.match({ photodna: photoDna(0) })).toEqual([]);
    const port: PhotoDnaPort = {
      threshold: 10,
      distance: (a, b) => a.reduce((sum, value, i) => sum + Math.abs(value - b[i]!), 0),
    };
    const licensed = createMatcher(lists, { photoDna: port });
    expect(licensed.match({ photodna: photoDna(0) })).toEqual([
      { listId: 'ncmec', entryId: 'n-pdna', algorithm: 'photodna', distance: 0, category: 'A1' },
    ]);
    expect(licensed.match({ photodna: photoDna(1) })).toEqual([]);
  });

  it('gives the same answers from snapshot bytes as from the lists', () => {
    const fromSnapshot = createMatcher(encodeSnapshot(packHashLists(lists)));
    const queries = [{ md5: 'ab'.repeat(16), pdq: BRIDGE }, { sha256: 'cd'.repeat(32) }, {}];
    expect(fromSnapshot.matchAll(queries)).toEqual(matcher.matchAll(queries));
    expect(fromSnapshot.lists.map((l) => [l.listId, l.version, l.entryCount])).toEqual([
      ['iwf', '1', 3],
      ['ncmec', '9', 4],
    ]);
  });

  it('rejects an invalid threshold and an invalid PDQ query', () => {
    expect(() => createMatcher(lists, { pdqThreshold: 300 })).toThrow(/threshold/);
    expect(() => matcher.match({ pdq: 'nope' })).toThrow(/PDQ/);
  });
});
