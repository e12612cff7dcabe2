import { describe, expect, it } from 'vitest';
import { readLines } from './read-lines';
import { chunksAt, collect, everySplit, rejection } from './test-chunks';

const texts = async (chunks: Iterable<Uint8Array | string>) =>
  (await collect(readLines(chunks))).map((line) => `${line.lineNumber}:${line.text}`);

describe('readLines', () => {
  const body = '\uFEFFalpha,β\r\ngamma\n\nδέλτα €\r\nlast';
  const expected = ['1:alpha,β', '2:gamma', '3:', '4:δέλτα €', '5:last'];

  it('yields the same lines whatever byte position the body is split at (multi-byte characters included)', async () => {
    for (const chunks of everySplit(body)) expect(await texts(chunks)).toEqual(expected);
  });

  it('handles many tiny chunks and string chunks alike', async () => {
    const bytes = chunksAt(
      body,
      Array.from({ length: 40 }, (_, i) => i),
    );
    expect(await texts(bytes)).toEqual(expected);
    expect(await texts([...body].map((char) => char))).toEqual(expected);
  });

  it('does not yield an empty last line after a final newline', async () => {
    expect(await texts(['a\nb\n'])).toEqual(['1:a', '2:b']);
  });

  it('rejects invalid UTF-8 with the line number', async () => {
    const bad = [new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0x0a])];
    expect(await rejection(collect(readLines(bad)))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining('Line 2'),
    });
  });

  it('refuses a line longer than the limit instead of buffering without bound', async () => {
    const endless = (function* () {
      for (let i = 0; i < 100; i++) yield 'x'.repeat(1000);
    })();
    expect(await rejection(collect(readLines(endless, 10_000)))).toMatchObject({
      code: 'E_LIST_MALFORMED',
      message: expect.stringContaining('longer than 10000'),
    });
  });
});
