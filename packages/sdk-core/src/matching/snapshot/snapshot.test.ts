import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../../errors/is-hashguard-error';
import { decodeUtf8, encodeUtf8 } from '../formats/utf8';
import { createHashList, packHashLists } from '../hash-list';
import { listSetEntries } from '../list-set';
import { crc32 } from './crc32';
import { decodeSnapshot } from './decode-snapshot';
import { encodeSnapshot } from './encode-snapshot';
import { SNAPSHOT_HEADER_BYTES } from './snapshot-layout';

const PHOTODNA = Array.from({ length: 144 }, (_, i) => i).join(',');
const set = packHashLists([
  createHashList({
    listId: 'iwf',
    version: '2024-05-01',
    source: 'iwf',
    syncedAt: '2024-05-01T12:00:00.000Z',
    entries: [
      { algorithm: 'md5', value: 'A'.repeat(32), category: 'A', entryId: 'i-1' },
      {
        algorithm: 'pdq',
        value: '0f'.repeat(32),
        category: 'B',
        entryId: 'i-2',
        addedAt: '2024-04-01T00:00:00Z',
      },
      { algorithm: 'sha256', value: '1'.repeat(64), entryId: 'ünïcode-id' },
    ],
  }),
  createHashList({
    listId: 'ncmec',
    version: '7',
    source: 'ncmec:industry',
    cursor: '2024-05-01T00:00:00Z',
    entries: [
      { algorithm: 'pdq', value: 'f0'.repeat(32), category: 'A1', entryId: 'n-1' },
      { algorithm: 'sha1', value: '2'.repeat(40), category: 'A2', entryId: 'n-2' },
      { algorithm: 'photodna', value: PHOTODNA, category: 'A1', entryId: 'n-3' },
    ],
  }),
]);

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isHashguardError(error) ? error.code : `not a HashguardError: ${String(error)}`;
  }
  return 'no error';
};

describe('snapshot', () => {
  const bytes = encodeSnapshot(set);

  it('round-trips lists, metadata and every entry', () => {
    const decoded = decodeSnapshot(bytes);
    expect(decoded.lists).toEqual(set.lists);
    expect(decoded.lists.map((list) => list.entryCount)).toEqual([3, 3]);
    expect([...listSetEntries(decoded)]).toEqual([...listSetEntries(set)]);
    expect([...listSetEntries(decoded)]).toContainEqual({
      algorithm: 'photodna',
      value: PHOTODNA,
      category: 'A1',
      listId: 'ncmec',
      entryId: 'n-3',
    });
  });

  it('packs PDQ hashes 32 bytes each in one contiguous block, viewed in place', () => {
    const decoded = decodeSnapshot(bytes);
    const pdq = decoded.columns.pdq!;
    expect(pdq.values.length).toBe(64);
    expect(pdq.values.buffer).toBe(bytes.buffer);
  });

  it('decodes a snapshot that is not 8-byte aligned in its buffer', () => {
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect([...listSetEntries(decodeSnapshot(shifted.subarray(3)))]).toEqual([
      ...listSetEntries(set),
    ]);
  });

  it('refuses a snapshot with any single byte flipped', () => {
    for (let at = 0; at < bytes.length; at++) {
      const damaged = bytes.slice();
      damaged[at]! ^= 0x40;
      const code = codeOf(() => decodeSnapshot(damaged));
      // Bytes 8..11 hold the version: a flip there reads as another version.
      expect([
        at >= 8 && at < 12 ? 'E_SNAPSHOT_VERSION' : 'E_SNAPSHOT_CORRUPT',
        'E_SNAPSHOT_CORRUPT',
      ]).toContain(code);
    }
  });

  it('refuses truncated and extended snapshots', () => {
    for (const length of [
      0,
      7,
      SNAPSHOT_HEADER_BYTES - 1,
      SNAPSHOT_HEADER_BYTES,
      bytes.length - 1,
    ]) {
      expect(codeOf(() => decodeSnapshot(bytes.subarray(0, length)))).toBe('E_SNAPSHOT_CORRUPT');
    }
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    expect(codeOf(() => decodeSnapshot(longer))).toBe('E_SNAPSHOT_CORRUPT');
  });

  it('refuses another format version with E_SNAPSHOT_VERSION', () => {
    const future = bytes.slice();
    const view = new DataView(future.buffer);
    view.setUint32(8, 2, true);
    view.setUint32(28, crc32(future.subarray(0, 28)), true);
    expect(codeOf(() => decodeSnapshot(future))).toBe('E_SNAPSHOT_VERSION');
  });

  it('refuses a checksummed body whose structure is inconsistent', () => {
    // Re-sign a snapshot whose manifest claims one more PDQ row than it holds.
    const text = decodeUtf8(bytes);
    const count = text.indexOf('"algorithm":"pdq","count":2');
    expect(count).toBeGreaterThan(0);
    const forged = bytes.slice();
    forged[count + '"algorithm":"pdq","count":'.length] = '3'.charCodeAt(0);
    const view = new DataView(forged.buffer);
    view.setUint32(24, crc32(forged.subarray(SNAPSHOT_HEADER_BYTES)), true);
    // The header CRC covers the body CRC: without this the header check refuses it first.
    view.setUint32(28, crc32(forged.subarray(0, 28)), true);
    expect(codeOf(() => decodeSnapshot(forged))).toBe('E_SNAPSHOT_CORRUPT');
    expect(() => decodeSnapshot(forged)).toThrow(/section is out of bounds/);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(encodeUtf8('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    const data = encodeUtf8('The quick brown fox jumps over the lazy dog');
    expect(crc32(data)).toBe(0x414fa339);
    expect(crc32(data.subarray(13), crc32(data.subarray(0, 13)))).toBe(0x414fa339);
  });
});
