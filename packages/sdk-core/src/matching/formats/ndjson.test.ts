import { describe, expect, it } from 'vitest';
import { parseNdjson } from './ndjson';
import { collect, everySplit, rejection } from './test-chunks';

const PDQ = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const parse = (chunks: Iterable<Uint8Array | string>) =>
  collect(parseNdjson(chunks, { listId: 'l' }));

describe('parseNdjson', () => {
  it('parses one object per line whatever byte the body is split at', async () => {
    const body = `{"algorithm":"PDQ","hash":"${PDQ.toUpperCase()}","category":"A1","id":"n-1"}\r\n\n{"algorithm":"md5","value":"${'ab'.repeat(16)}","entryId":"n-2","addedAt":"2020-01-01T00:00:00Z"}`;
    const expected = [
      { algorithm: 'pdq', value: PDQ, category: 'A1', entryId: 'n-1', listId: 'l' },
      {
        algorithm: 'md5',
        value: 'ab'.repeat(16),
        entryId: 'n-2',
        listId: 'l',
        addedAt: '2020-01-01T00:00:00.000Z',
      },
    ];
    for (const chunks of everySplit(body)) expect(await parse(chunks)).toEqual(expected);
  });

  it.each([
    ['broken JSON', '{"algorithm":"md5",'],
    ['an array', '[1,2]'],
    ['a bad hash', '{"algorithm":"md5","hash":"xyz","id":"a"}'],
    ['another list', `{"algorithm":"pdq","hash":"${PDQ}","id":"a","listId":"other"}`],
  ])('rejects %s with its line number', async (_name, row) => {
    const body = `{"algorithm":"pdq","hash":"${PDQ}","id":"ok"}\n${row}\n`;
    expect(await rejection(parse([body]))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining('Line 2'),
    });
  });
});
