import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../../errors/is-hashguard-error';
import { createKeywordChecker } from '../../keywords/create-keyword-checker';
import { parseKeywordList } from '../../keywords/keyword-list';
import { createUrlChecker } from '../../urls/create-url-checker';
import { hashUrlEntry } from '../../urls/hash-url-entry';
import { parseUrlList } from '../../urls/url-list';
import { decodeUtf8, encodeUtf8 } from '../formats/utf8';
import { createHashList, packHashLists } from '../hash-list';
import { crc32 } from '../snapshot/crc32';
import { decodeSnapshot } from '../snapshot/decode-snapshot';
import { encodeSnapshot } from '../snapshot/encode-snapshot';
import { SNAPSHOT_HEADER_BYTES } from '../snapshot/snapshot-header';
import { decodeTextListsSnapshot } from './decode-text-lists-snapshot';
import { encodeTextListsSnapshot } from './encode-text-lists-snapshot';
import { createTextListSet, keywordListsOf, urlListsOf } from './text-list-set';

// Synthetic lists only: made-up .example hosts and made-up terms.
const urls = parseUrlList(
  [
    'algorithm,hash,category,id,flags',
    'url,https://bad.example/gallery/a,A,u-1,',
    'url-prefix,https://files.bad.example/dir,B,u-2,',
    'url,https://q.example/v?b=2&a=1,,u-3,query-unordered',
    `url-sha256,${hashUrlEntry('https://hidden.example/x')},A,u-4,`,
    `url-sha256,${hashUrlEntry('https://hidden.example/tree', { match: 'prefix' })},A,u-5,prefix`,
    'url,https://ünïcode.example/päth,Ä,ü-6,',
  ].join('\n'),
  { id: 'iwf-urls', action: 'block' },
);
const keywords = parseKeywordList(
  'algorithm,hash,category,id\nkeyword,zorblat,x,k-1\nkeyword,"quimfex, drab",y,k-2\nkeyword,猫咪屋,,k-3\n',
  { id: 'terms', action: 'warn' },
);
const set = createTextListSet([
  {
    kind: 'url',
    meta: { version: '7', source: 'test', syncedAt: '2026-11-25T12:00:00.000Z', cursor: '"v7"' },
    list: urls,
  },
  { kind: 'keyword', meta: { version: '3', source: 'test' }, list: keywords },
]);

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isHashguardError(error) ? error.code : `not a HashguardError: ${String(error)}`;
  }
  return 'no error';
};

/** Where `needle` starts in `haystack` (string indexes would be off: the header is not UTF-8). */
function byteIndexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let at = 0; at + needle.length <= haystack.length; at++) {
    for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) continue outer;
    return at;
  }
  throw new Error('pattern not found');
}

/** Re-signs a forged body: body CRC, then the header CRC (which covers the body CRC). */
function resign(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  view.setUint32(24, crc32(bytes.subarray(SNAPSHOT_HEADER_BYTES)), true);
  view.setUint32(28, crc32(bytes.subarray(0, 28)), true);
  return bytes;
}

describe('text-list snapshot', () => {
  const bytes = encodeTextListsSnapshot(set);

  it('round-trips every list, its metadata and every entry', () => {
    const decoded = decodeTextListsSnapshot(bytes);
    expect(decoded).toEqual(set);
    expect(decoded.lists.map((list) => list.info.entryCount)).toEqual([6, 3]);
    expect(urlListsOf(decoded)).toEqual([urls]);
    expect(keywordListsOf(decoded)).toEqual([keywords]);
  });

  it('round-trips an empty set and empty lists', () => {
    const empty = createTextListSet([
      { kind: 'url', meta: { version: '0', source: 't' }, list: { ...urls, entries: [] } },
    ]);
    expect(decodeTextListsSnapshot(encodeTextListsSnapshot(empty))).toEqual(empty);
    expect(decodeTextListsSnapshot(encodeTextListsSnapshot({ lists: [] }))).toEqual({ lists: [] });
  });

  it('gives checkers that answer as checkers over the original lists', () => {
    const decoded = decodeTextListsSnapshot(bytes);
    const fromSnapshot = createUrlChecker({ lists: urlListsOf(decoded) });
    const original = createUrlChecker({ lists: [urls] });
    for (const url of [
      'http://WWW.bad.example/gallery/a#top',
      'files.bad.example/dir/sub/x.jpg',
      'https://q.example/v?a=1&b=2',
      'https://hidden.example/x',
      'https://hidden.example/tree/deep/leaf',
      'HTTPS://ÜNÏCODE.example/päth',
      'https://bad.example/gallery/b',
    ]) {
      expect(fromSnapshot.checkUrl(url)).toEqual(original.checkUrl(url));
    }
    expect(fromSnapshot.checkUrl('https://hidden.example/tree/leaf').matches).toEqual([
      { listId: 'iwf-urls', entryId: 'u-5' },
    ]);
    const text = createKeywordChecker({ lists: keywordListsOf(decoded) });
    expect(text.checkText('a QUIMFEX, DRAB and 猫咪屋 here')).toEqual({
      action: 'warn',
      matches: [
        { listId: 'terms', entryId: 'k-2', action: 'warn' },
        { listId: 'terms', entryId: 'k-3', action: 'warn' },
      ],
    });
  });

  it('decodes a snapshot that is not 8-byte aligned in its buffer', () => {
    const shifted = new Uint8Array(bytes.length + 5);
    shifted.set(bytes, 5);
    expect(decodeTextListsSnapshot(shifted.subarray(5))).toEqual(set);
  });

  it('refuses a snapshot with any single byte flipped', () => {
    for (let at = 0; at < bytes.length; at++) {
      const damaged = bytes.slice();
      damaged[at]! ^= 0x40;
      const code = codeOf(() => decodeTextListsSnapshot(damaged));
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
      expect(codeOf(() => decodeTextListsSnapshot(bytes.subarray(0, length)))).toBe(
        'E_SNAPSHOT_CORRUPT',
      );
    }
    const longer = new Uint8Array(bytes.length + 8);
    longer.set(bytes);
    expect(codeOf(() => decodeTextListsSnapshot(longer))).toBe('E_SNAPSHOT_CORRUPT');
  });

  it('refuses another format version with E_SNAPSHOT_VERSION', () => {
    const future = bytes.slice();
    const view = new DataView(future.buffer);
    view.setUint32(8, 2, true);
    view.setUint32(28, crc32(future.subarray(0, 28)), true);
    expect(codeOf(() => decodeTextListsSnapshot(future))).toBe('E_SNAPSHOT_VERSION');
  });

  describe('refuses a re-signed body whose structure is inconsistent', () => {
    const text = decodeUtf8(bytes);
    /** The snapshot with same-length text replacements, re-signed so only structure can tell. */
    const forge = (...edits: [string, string][]) => {
      const forged = bytes.slice();
      for (const [from, to] of edits) {
        expect(to.length).toBe(from.length);
        forged.set(encodeUtf8(to), byteIndexOf(forged, encodeUtf8(from)));
      }
      return forged;
    };
    /** The snapshot with one byte of the first URL list's `name` section set to `value`. */
    const poke = (name: string, value: number) => {
      const at = text.indexOf(`"${name}":[`) + name.length + 4;
      const forged = bytes.slice();
      forged[Number(text.slice(at, text.indexOf(',', at)))] = value;
      return forged;
    };
    it.each([
      [
        'entryCount disagrees with count',
        () => forge(['"entryCount":6', '"entryCount":7']),
        /entry count disagrees/,
      ],
      [
        'one more row than the sections hold',
        () => forge(['"entryCount":6', '"entryCount":7'], ['"count":6', '"count":7']),
        /section is out of bounds or of the wrong size/,
      ],
      ['a flags byte with an unknown bit', () => poke('flags', 0x80), /unknown flags/],
      ['a category index past the table', () => poke('categoryIndex', 99), /names no category/],
      [
        'an unknown action',
        () => forge(['"action":"block"', '"action":"bloke"']),
        /manifest is not valid/,
      ],
    ] as [string, () => Uint8Array, RegExp][])('%s', (_name, make, reason) => {
      const forged = resign(make());
      expect(codeOf(() => decodeTextListsSnapshot(forged))).toBe('E_SNAPSHOT_CORRUPT');
      expect(() => decodeTextListsSnapshot(forged)).toThrow(reason);
    });
  });

  it('names the other kind when given a hash-list snapshot, and vice versa', () => {
    const hashSnapshot = encodeSnapshot(
      packHashLists([createHashList({ listId: 'h', version: '1', source: 't', entries: [] })]),
    );
    expect(() => decodeTextListsSnapshot(hashSnapshot)).toThrow(/this is a snapshot/);
    expect(() => decodeSnapshot(bytes)).toThrow(/this is a text-list snapshot/);
    expect(codeOf(() => decodeSnapshot(bytes))).toBe('E_SNAPSHOT_CORRUPT');
  });

  it('refuses two lists with one id when building a set', () => {
    expect(
      codeOf(() =>
        createTextListSet([
          { kind: 'url', meta: { version: '1', source: 't' }, list: urls },
          {
            kind: 'keyword',
            meta: { version: '1', source: 't' },
            list: { ...keywords, id: urls.id },
          },
        ]),
      ),
    ).toBe('E_LIST_MALFORMED');
  });
});
