import { describe, expect, it } from 'vitest';
import { createDigestSet } from './digest-set';

describe('createDigestSet', () => {
  const rows = 5_000;
  const values = new Uint8Array(rows * 16);
  let state = 12345;
  for (let i = 0; i < values.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    values[i] = state & 0xff;
  }
  // Rows 10 and 4000 hold the same digest: both must come back.
  values.copyWithin(4000 * 16, 10 * 16, 11 * 16);
  const hex = (row: number) =>
    [...values.subarray(row * 16, row * 16 + 16)]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  const set = createDigestSet('md5', values);

  it('finds every row by its digest, hex or bytes, including duplicates', () => {
    for (let row = 0; row < rows; row += 7) {
      expect(set.lookup(hex(row))).toContain(row);
      expect(set.lookup(values.subarray(row * 16, row * 16 + 16))).toContain(row);
    }
    expect(set.lookup(hex(10))).toEqual([10, 4000]);
  });

  it('finds nothing for absent or malformed digests', () => {
    expect(set.lookup('0'.repeat(31) + '1')).toEqual([]);
    expect(set.lookup('xyz')).toEqual([]);
    expect(set.lookup(new Uint8Array(20))).toEqual([]);
    expect(createDigestSet('sha1', new Uint8Array(0)).lookup('0'.repeat(40))).toEqual([]);
  });
});
