import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FIXTURE_HASHES } from '../fixtures/fixture-hashes.generated';
import { buildHashList, defaultHashList } from './build-lists';
import { hashguardListV1Schema } from './hashguard-list-v1';

describe('defaultHashList', () => {
  const list = defaultHashList();

  it('is a valid hashguard-list-v1 whose sha256 covers its entries', () => {
    expect(hashguardListV1Schema.parse(list)).toEqual(list);
    expect(createHash('sha256').update(JSON.stringify(list.entries)).digest('hex')).toBe(
      list.sha256,
    );
  });

  it('lists every recorded hash of every fixture image', () => {
    const expected = Object.values(FIXTURE_HASHES).flatMap((hashes) => Object.values(hashes));
    expect(list.entries.map((entry) => entry.value).sort()).toEqual(expected.sort());
  });
});

describe('hashguardListV1Schema', () => {
  it('rejects a value of the wrong length or case for its algorithm', () => {
    const bad = buildHashList({
      listId: 'l',
      version: 1,
      generatedAt: '2026-01-01T00:00:00Z',
      entries: [{ algorithm: 'md5', value: 'ABC', entryId: 'e' }],
    });
    expect(hashguardListV1Schema.safeParse(bad).success).toBe(false);
  });
});
