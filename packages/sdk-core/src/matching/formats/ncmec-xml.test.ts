import { describe, expect, it } from 'vitest';
import { parseNcmecEntriesPage } from './ncmec-xml';
import { everySplit, rejection } from './test-chunks';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const PHOTODNA = Array.from({ length: 144 }, (_, i) => (i * 7) % 256).join(',');

// Shaped like the API v2 responses in python-threatexchange's NCMEC test data
// (hash_api tests): namespace, <images>/<videos> with maxTimestamp, deleted
// entries, feedback blocks we ignore, linked large fingerprints, paging/next
// with &amp;-escaped query. Values are ours (benign, synthetic).
const PAGE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">
  <images count="3" maxTimestamp="2024-03-02T10:00:00Z">
    <image>
      <member id="7">Example Platform</member>
      <timestamp>2024-03-01T09:00:00Z</timestamp>
      <id>img-1</id>
      <classification>A1</classification>
      <fingerprints>
        <md5>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</md5>
        <sha1>${'b'.repeat(40)}</sha1>
        <pdna>${PHOTODNA}</pdna>
        <pdq>${PDQ}</pdq>
      </fingerprints>
      <feedback lastUpdateTimestamp="2024-03-01T09:00:00Z">
        <affirmativeFeedback type="Md5"><members timestamp="2024-03-01T09:00:00Z"><member id="7">Example Platform</member></members></affirmativeFeedback>
      </feedback>
    </image>
    <image>
      <member id="8">Other</member>
      <timestamp>2024-03-02T10:00:00Z</timestamp>
      <id>img-2</id>
      <fingerprints><md5>${'c'.repeat(32)}</md5></fingerprints>
      <feedback />
    </image>
    <deletedImage>
      <member id="8">Other</member>
      <id>img-gone</id>
      <timestamp>2024-03-02T10:00:00Z</timestamp>
    </deletedImage>
  </images>
  <videos count="2" maxTimestamp="2024-03-03T00:00:00Z">
    <video>
      <member id="7">Example Platform</member>
      <timestamp>2024-03-01T00:00:00Z</timestamp>
      <id>vid-1</id>
      <classification>B1</classification>
      <fingerprints>
        <md5>${'d'.repeat(32)}</md5>
        <tmk-pdqf rel="self" href="/v2/entries/9/fingerprints/TMK_PDQF"/>
      </fingerprints>
    </video>
    <deletedVideo>
      <member id="7">Example Platform</member>
      <id>vid-gone</id>
      <timestamp>2024-03-03T00:00:00Z</timestamp>
    </deletedVideo>
  </videos>
  <paging>
    <next>/v2/entries?from=2024-03-01T00%3A00%3A00.000Z&amp;to=2024-03-04T00%3A00%3A00.000Z&amp;start=1001&amp;size=1000&amp;max=2000</next>
  </paging>
</queryResult>`;

const parse = (chunks: Iterable<Uint8Array | string>) =>
  parseNcmecEntriesPage(chunks, { listId: 'ncmec' });

describe('parseNcmecEntriesPage', () => {
  it('reads entries (one per fingerprint), deletions, links, next page and max timestamp', async () => {
    const page = await parse([PAGE]);
    expect(page.entries).toEqual([
      {
        algorithm: 'md5',
        value: 'a'.repeat(32),
        category: 'A1',
        entryId: 'img-1',
        listId: 'ncmec',
        addedAt: '2024-03-01T09:00:00.000Z',
      },
      {
        algorithm: 'sha1',
        value: 'b'.repeat(40),
        category: 'A1',
        entryId: 'img-1',
        listId: 'ncmec',
        addedAt: '2024-03-01T09:00:00.000Z',
      },
      {
        algorithm: 'photodna',
        value: PHOTODNA,
        category: 'A1',
        entryId: 'img-1',
        listId: 'ncmec',
        addedAt: '2024-03-01T09:00:00.000Z',
      },
      {
        algorithm: 'pdq',
        value: PDQ,
        category: 'A1',
        entryId: 'img-1',
        listId: 'ncmec',
        addedAt: '2024-03-01T09:00:00.000Z',
      },
      {
        algorithm: 'md5',
        value: 'c'.repeat(32),
        entryId: 'img-2',
        listId: 'ncmec',
        addedAt: '2024-03-02T10:00:00.000Z',
      },
      {
        algorithm: 'md5',
        value: 'd'.repeat(32),
        category: 'B1',
        entryId: 'vid-1',
        listId: 'ncmec',
        addedAt: '2024-03-01T00:00:00.000Z',
      },
    ]);
    expect(page.deletions).toEqual([
      { entryId: 'img-gone', kind: 'image', memberId: '8', timestamp: '2024-03-02T10:00:00Z' },
      { entryId: 'vid-gone', kind: 'video', memberId: '7', timestamp: '2024-03-03T00:00:00Z' },
    ]);
    expect(page.links).toEqual([
      { entryId: 'vid-1', type: 'tmk-pdqf', href: '/v2/entries/9/fingerprints/TMK_PDQF' },
    ]);
    expect(page.next).toBe(
      '/v2/entries?from=2024-03-01T00%3A00%3A00.000Z&to=2024-03-04T00%3A00%3A00.000Z&start=1001&size=1000&max=2000',
    );
    expect(page.nextPaging).toEqual({ start: 1001, size: 1000, max: 2000 });
    expect(page.maxTimestamp).toBe('2024-03-03T00:00:00.000Z');
  });

  it('gives the same page whatever byte the body is split at', async () => {
    const small = `<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><images count="1" maxTimestamp="2024-01-01T00:00:00Z"><image><id>é-1</id><classification>A2</classification><fingerprints><md5>${'e'.repeat(32)}</md5></fingerprints></image></images></queryResult>`;
    const expected = await parse([small]);
    expect(expected.entries).toHaveLength(1);
    expect(expected.next).toBeUndefined();
    for (const chunks of everySplit(small)) expect(await parse(chunks)).toEqual(expected);
  });

  it('reads a last page with no paging and no entries', async () => {
    const page = await parse([
      '<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"/>',
    ]);
    expect(page).toEqual({ entries: [], deletions: [], links: [] });
  });

  it('refuses entity-expansion (billion laughs) before parsing', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><images><image><id>&lol3;</id></image></images></queryResult>`;
    expect(await rejection(parse([laughs]))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining('DOCTYPE'),
    });
  });

  it('leaves undeclared entities inert instead of expanding them', async () => {
    const page = await parse([
      `<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2"><images><deletedImage><id>&xxe;a&amp;b</id></deletedImage></images></queryResult>`,
    ]);
    expect(page.deletions[0]?.entryId).toBe('&xxe;a&b');
  });

  it('refuses deep nesting', async () => {
    const deep = `<queryResult xmlns="https://hashsharing.ncmec.org/hashsharing/v2">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</queryResult>`;
    expect(await rejection(parse([deep]))).toMatchObject({ code: 'E_LIST_MALFORMED' });
  });

  it.each([
    ['not XML', 'hello'],
    ['unclosed tags', '<queryResult><images>'],
    ['another root', '<status xmlns="https://hashsharing.ncmec.org/hashsharing/v2"/>'],
    [
      'an entry without id',
      '<queryResult><images><image><fingerprints/></image></images></queryResult>',
    ],
    [
      'a malformed hash',
      `<queryResult><images><image><id>x</id><fingerprints><md5>zz</md5></fingerprints></image></images></queryResult>`,
    ],
  ])('rejects %s', async (_name, xml) => {
    expect(await rejection(parse([xml]))).toMatchObject({ code: 'E_LIST_MALFORMED' });
  });

  it('refuses another namespace as unsupported, and an oversized page', async () => {
    expect(await rejection(parse(['<queryResult xmlns="urn:other"/>']))).toMatchObject({
      code: 'E_LIST_UNSUPPORTED',
    });
    expect(
      await rejection(parseNcmecEntriesPage([PAGE], { listId: 'ncmec', maxBytes: 100 })),
    ).toMatchObject({ code: 'E_LIST_MALFORMED', message: expect.stringContaining('larger') });
  });
});
