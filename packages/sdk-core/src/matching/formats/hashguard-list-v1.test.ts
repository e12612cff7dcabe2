import { describe, expect, it } from 'vitest';
import type { Digest } from '../../ports/digest';
import { crc32 } from '../snapshot/crc32';
import { parseHashguardListV1 } from './hashguard-list-v1';
import { everySplit, rejection } from './test-chunks';
import { encodeUtf8 } from './utf8';

// A test double of the digest port: sdk-core has no SHA-256 (sdk-node plugs
// in node:crypto). What we test is that the port's answer is compared with
// the document over exactly the UTF-8 of JSON.stringify(entries).
const fakeSha256 = (bytes: Uint8Array) => crc32(bytes).toString(16).padStart(8, '0').repeat(8);
const nodeDigest: Digest = {
  create: () => {
    const parts: Uint8Array[] = [];
    return {
      update: (chunk) => void parts.push(chunk.slice()),
      hex: () => fakeSha256(Uint8Array.from(parts.flatMap((part) => [...part]))),
    };
  },
};

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const entries = [
  {
    algorithm: 'pdq',
    value: PDQ,
    category: 'test',
    entryId: 'bridge-pdq',
    addedAt: '2026-01-01T00:00:00Z',
  },
  { algorithm: 'md5', value: 'a'.repeat(32), entryId: 'ünï-md5' },
];
const documentOf = (list: unknown[], sha256 = fakeSha256(encodeUtf8(JSON.stringify(list)))) =>
  JSON.stringify({
    format: 'hashguard-list-v1',
    listId: 'hashguard-fixtures',
    version: 3,
    generatedAt: '2026-01-01T00:00:00Z',
    entries: list,
    sha256,
  });

describe('parseHashguardListV1', () => {
  it('parses and verifies the document at every split position', async () => {
    const body = documentOf(entries);
    for (const chunks of everySplit(body)) {
      const list = await parseHashguardListV1(chunks, { digest: nodeDigest });
      expect(list).toMatchObject({
        listId: 'hashguard-fixtures',
        version: '3',
        checksumVerified: true,
      });
      expect(list.entries).toEqual([
        {
          algorithm: 'pdq',
          value: PDQ,
          category: 'test',
          entryId: 'bridge-pdq',
          listId: 'hashguard-fixtures',
          addedAt: '2026-01-01T00:00:00.000Z',
        },
        {
          algorithm: 'md5',
          value: 'a'.repeat(32),
          entryId: 'ünï-md5',
          listId: 'hashguard-fixtures',
        },
      ]);
    }
  });

  it('refuses a checksum that does not match the entries', async () => {
    const body = documentOf(entries, 'b'.repeat(64));
    expect(await rejection(parseHashguardListV1([body], { digest: nodeDigest }))).toMatchObject({
      code: 'E_LIST_CHECKSUM',
    });
    expect((await parseHashguardListV1([body])).checksumVerified).toBe(false);
  });

  it.each([
    ['not JSON', '{"format":'],
    [
      'a missing listId',
      JSON.stringify({
        format: 'hashguard-list-v1',
        version: 1,
        generatedAt: '2026-01-01T00:00:00Z',
        entries: [],
        sha256: 'a'.repeat(64),
      }),
    ],
    ['an uppercase hash', documentOf([{ algorithm: 'md5', value: 'A'.repeat(32), entryId: 'x' }])],
    ['a bad photodna value', documentOf([{ algorithm: 'photodna', value: '1,2,3', entryId: 'x' }])],
  ])('rejects %s as malformed', async (_name, body) => {
    expect(await rejection(parseHashguardListV1([body]))).toMatchObject({
      code: 'E_LIST_MALFORMED',
    });
  });

  it('names the bad entry, and refuses another format as unsupported', async () => {
    const bad = documentOf([entries[0], { algorithm: 'sha1', value: 'f', entryId: 'x' }]);
    expect(await rejection(parseHashguardListV1([bad]))).toMatchObject({
      message: expect.stringContaining('entries[1]'),
    });
    expect(
      await rejection(parseHashguardListV1([JSON.stringify({ format: 'hashguard-url-list-v1' })])),
    ).toMatchObject({
      code: 'E_LIST_UNSUPPORTED',
    });
  });
});
