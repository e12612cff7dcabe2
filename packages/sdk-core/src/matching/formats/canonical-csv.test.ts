import { describe, expect, it } from 'vitest';
import { parseCanonicalCsv } from './canonical-csv';
import { parseListEntries } from './list-format';
import { collect, everySplit, rejection } from './test-chunks';

const MD5 = '0cc175b9c0f1b6a831c399e269772661';
const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const SHA1 = '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8';

const parse = (chunks: Iterable<Uint8Array | string>) =>
  collect(parseCanonicalCsv(chunks, { listId: 'iwf' }));

describe('parseCanonicalCsv', () => {
  const body = `\uFEFFalgorithm,hash,category,id\r\nmd5,${MD5.toUpperCase()},A,iwf-1\r\npdq,${PDQ},"B, moving","iwf ""2"""\r\nsha1,${SHA1},,iwf-3\r\n`;

  it('parses rows into normalised entries whatever byte the body is split at', async () => {
    const expected = [
      { algorithm: 'md5', value: MD5, category: 'A', entryId: 'iwf-1', listId: 'iwf' },
      { algorithm: 'pdq', value: PDQ, category: 'B, moving', entryId: 'iwf "2"', listId: 'iwf' },
      { algorithm: 'sha1', value: SHA1, entryId: 'iwf-3', listId: 'iwf' },
    ];
    for (const chunks of everySplit(body)) expect(await parse(chunks)).toEqual(expected);
  });

  it('accepts columns in any order, a quoted field spanning lines, and an added_at column', async () => {
    const entries = await parse([
      `id,category,added_at,hash,algorithm\nx1,"two\nlines",2024-01-02T03:04:05Z,${MD5},MD5\n`,
    ]);
    expect(entries).toEqual([
      {
        algorithm: 'md5',
        value: MD5,
        category: 'two\nlines',
        entryId: 'x1',
        listId: 'iwf',
        addedAt: '2024-01-02T03:04:05.000Z',
      },
    ]);
  });

  it.each([
    ['a hash of the wrong length', `md5,${MD5.slice(1)},A,x`, 'Line 3'],
    ['a non-hex hash', `sha1,${SHA1.replace('8', 'g')},A,x`, 'Line 3'],
    ['an unknown algorithm', `crc32,${MD5},A,x`, 'Line 3'],
    ['a missing id', `md5,${MD5},A,`, 'Line 3'],
    ['too few fields', `md5,${MD5}`, 'Line 3'],
    ['a stray quote', `md5,${MD5},A"B,x`, 'Line 3'],
    ['an unterminated quote', `md5,${MD5},"A,x`, 'Line 3'],
  ])('rejects %s with its line number', async (_name, row, line) => {
    const body = `algorithm,hash,category,id\nmd5,${MD5},A,ok\n${row}\n`;
    expect(await rejection(parse([body]))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining(line),
    });
  });

  it('rejects a quoted record spanning lines past maxLineLength, with its line number', async () => {
    // Each line closes one short quoted field and opens the next: no field is
    // long, the record is. Under the cap the same shape parses.
    const record = (lines: number) =>
      `algorithm,hash,category,id\nmd5,${MD5},A,"x\n${'","\n'.repeat(lines)}"\n`;
    const limited = (body: string) =>
      collect(parseCanonicalCsv([body], { listId: 'iwf', maxLineLength: 100 }));
    expect(await limited(record(10))).toMatchObject([{ entryId: 'x' }]);
    expect(await rejection(limited(record(200)))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringMatching(/^Line 2: .*longer than 100/),
    });
  });

  it('rejects a header without the required columns, and an empty body', async () => {
    expect(await rejection(parse(['hash,id\n']))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining('algorithm'),
    });
    expect(await rejection(parse([]))).toMatchObject({ code: 'E_LIST_MALFORMED' });
  });

  it('streams a large body without holding it whole', async () => {
    const rows = 50_000;
    async function* body() {
      yield 'algorithm,hash,category,id\n';
      for (let i = 0; i < rows; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++)
          chunk += `md5,${j.toString(16).padStart(32, '0')},A,e${j}\n`;
        yield chunk;
      }
    }
    let count = 0;
    for await (const entry of parseCanonicalCsv(body(), { listId: 'big' })) {
      if (entry.entryId !== `e${count}`) throw new Error(`out of order at ${count}`);
      count++;
    }
    expect(count).toBe(rows);
  });
});

describe('parseListEntries', () => {
  it('dispatches by format name and refuses unknown ones', async () => {
    const csv = `algorithm,hash,category,id\nmd5,${MD5},A,x\n`;
    expect(await collect(parseListEntries('canonical-csv', [csv], { listId: 'l' }))).toHaveLength(
      1,
    );
    expect(
      await collect(parseListEntries('threatexchange-pdq', [`${PDQ},1\n`], { listId: 'l' })),
    ).toHaveLength(1);
    expect(() => parseListEntries('xml' as never, [], { listId: 'l' })).toThrow(
      /Unknown list format/,
    );
  });
});
