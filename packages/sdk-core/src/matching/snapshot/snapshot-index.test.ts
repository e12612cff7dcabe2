import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../../errors/is-hashguard-error';
import { pdqBytesToHex } from '../../hashing/pdq-hash';
import { createMatcher } from '../create-matcher';
import { createListSetBuilder } from '../list-set-builder';
import { crc32 } from './crc32';
import { decodeSnapshot } from './decode-snapshot';
import { encodeSnapshot } from './encode-snapshot';
import { SNAPSHOT_HEADER_BYTES } from './snapshot-layout';

function pdqSet(rows: number) {
  const builder = createListSetBuilder();
  builder.addList({ listId: 'bank', version: '1', source: 'test' });
  let state = 99;
  for (let row = 0; row < rows; row++) {
    const bytes = new Uint8Array(32);
    for (let i = 0; i < 32; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      bytes[i] = state & 0xff;
    }
    builder.add({
      algorithm: 'pdq',
      value: pdqBytesToHex(bytes),
      listId: 'bank',
      entryId: `r${row}`,
    });
  }
  return builder.build();
}

describe('snapshot with stored PDQ index tables', () => {
  const set = pdqSet(3_000);
  const bytes = encodeSnapshot(set, { pdqIndex: 'always' });

  it('stores the tables, and a matcher over them answers as one that builds its own', () => {
    const decoded = decodeSnapshot(bytes);
    expect(decoded.pdqIndexTables?.ids.length).toBeGreaterThan(0);
    expect(decoded.pdqIndexTables?.ids[0]?.buffer).toBe(bytes.buffer);
    const stored = createMatcher(decoded);
    const built = createMatcher(set);
    const queries = Array.from({ length: 50 }, (_, q) => {
      const value = set.columns.pdq!.values.slice(q * 32, q * 32 + 32);
      value[q % 32]! ^= 0xff;
      return { pdq: pdqBytesToHex(value) };
    });
    expect(stored.matchAll(queries, { pdqThreshold: 40 })).toEqual(
      built.matchAll(queries, { pdqThreshold: 40 }),
    );
    expect(stored.matchAll(queries).flat().length).toBeGreaterThanOrEqual(50);
  });

  it('leaves the tables out when asked, or for small sets by default', () => {
    expect(
      decodeSnapshot(encodeSnapshot(set, { pdqIndex: 'never' })).pdqIndexTables,
    ).toBeUndefined();
    expect(decodeSnapshot(encodeSnapshot(set)).pdqIndexTables).toBeUndefined();
  });

  it('refuses tables that name rows that do not exist, even with a valid checksum', () => {
    const decoded = decodeSnapshot(bytes);
    const ids = decoded.pdqIndexTables!.ids[0]!;
    const forged = bytes.slice();
    const offset = ids.byteOffset - bytes.byteOffset;
    new DataView(forged.buffer).setUint32(offset, 1_000_000, true);
    new DataView(forged.buffer).setUint32(24, crc32(forged.subarray(SNAPSHOT_HEADER_BYTES)), true);
    // The header CRC covers the body CRC: without this the header check refuses it first.
    new DataView(forged.buffer).setUint32(28, crc32(forged.subarray(0, 28)), true);
    expect(() => decodeSnapshot(forged)).not.toThrow();
    try {
      createMatcher(decodeSnapshot(forged));
      expect.unreachable('a forged index must be refused');
    } catch (error) {
      expect(isHashguardError(error) && error.code).toBe('E_SNAPSHOT_CORRUPT');
    }
  });
});
