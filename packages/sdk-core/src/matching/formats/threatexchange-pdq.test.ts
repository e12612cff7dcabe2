import { describe, expect, it } from 'vitest';
import { collect, everySplit, rejection } from './test-chunks';
import { parseThreatExchangePdq } from './threatexchange-pdq';

const A = 'd8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22';
const B = 'f'.repeat(64);

describe('parseThreatExchangePdq', () => {
  it('reads HMA sample-data rows (hash,id,timestamp,tags; no header) at every split', async () => {
    const body = `${A},2880742865368386,2020-07-31T18:47:52+0000,media_type_photo disputed\n${B.toUpperCase()},42,2020-07-31T18:47:45+0000,\n`;
    const expected = [
      {
        algorithm: 'pdq',
        value: A,
        entryId: '2880742865368386',
        listId: 'bank',
        category: 'media_type_photo disputed',
        addedAt: '2020-07-31T18:47:52.000Z',
      },
      {
        algorithm: 'pdq',
        value: B,
        entryId: '42',
        listId: 'bank',
        addedAt: '2020-07-31T18:47:45.000Z',
      },
    ];
    for (const chunks of everySplit(body)) {
      expect(await collect(parseThreatExchangePdq(chunks, { listId: 'bank' }))).toEqual(expected);
    }
  });

  it('reads a TSV export with a header, and drops low-quality rows only when asked', async () => {
    const body = `id\tpdq\tquality\r\nx1\t${A}\t100\r\nx2\t${B}\t30\r\n`;
    const all = await collect(parseThreatExchangePdq([body], { listId: 'bank' }));
    expect(all.map((entry) => entry.entryId)).toEqual(['x1', 'x2']);
    const good = await collect(parseThreatExchangePdq([body], { listId: 'bank', minQuality: 50 }));
    expect(good.map((entry) => entry.entryId)).toEqual(['x1']);
  });

  it('names rows without an id after their line', async () => {
    const entries = await collect(parseThreatExchangePdq([`pdq_hash\n${A}\n`], { listId: 'bank' }));
    expect(entries[0]?.entryId).toBe('line-2');
  });

  it('rejects a malformed hash with its line number', async () => {
    const body = `${A},1\n${A.slice(2)},2\n`;
    expect(
      await rejection(collect(parseThreatExchangePdq([body], { listId: 'bank' }))),
    ).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining('Line 2'),
    });
  });
});
