import { describe, expect, it } from 'vitest';
import { hashUrlEntry } from './hash-url-entry';
import { parseUrlList } from './url-list';

describe('parseUrlList', () => {
  it('reads one-per-line entries with flags, comments and hashed values', () => {
    const hash = hashUrlEntry('https://h.example/x');
    const list = parseUrlList(
      `# synthetic\n\nHTTPS://A.example/x/../y\nb.example/dir prefix\nc.example/v?b=2&a=1 query-unordered\n${hash.toUpperCase()}\n`,
      { id: 'l', action: 'review' },
    );
    expect(list).toEqual({
      id: 'l',
      action: 'review',
      entries: [
        {
          id: 'line:3',
          match: 'exact',
          form: 'plain',
          value: 'a.example/y',
          queryOrder: 'exact',
          category: '',
        },
        {
          id: 'line:4',
          match: 'prefix',
          form: 'plain',
          value: 'b.example/dir',
          queryOrder: 'exact',
          category: '',
        },
        {
          id: 'line:5',
          match: 'exact',
          form: 'plain',
          value: 'c.example/v?a=1&b=2',
          queryOrder: 'any',
          category: '',
        },
        {
          id: 'line:6',
          match: 'exact',
          form: 'sha256',
          value: hash,
          queryOrder: 'exact',
          category: '',
        },
      ],
    });
  });

  it('reads the canonical CSV and skips rows of other areas', () => {
    const list = parseUrlList(
      [
        'algorithm,hash,category,id,flags',
        'url,https://a.example/p,A,u-1,',
        'url-prefix,https://a.example/dir,B,u-2,',
        `url-sha256,${'ab'.repeat(32)},C,u-3,prefix`,
        'md5,0123456789abcdef0123456789abcdef,A,h-1,',
        'keyword,wub,x,k-1,',
      ].join('\n'),
      { id: 'csv' },
    );
    expect(list.action).toBe('block');
    expect(list.entries.map((e) => [e.id, e.match, e.form, e.category])).toEqual([
      ['u-1', 'exact', 'plain', 'A'],
      ['u-2', 'prefix', 'plain', 'B'],
      ['u-3', 'prefix', 'sha256', 'C'],
    ]);
  });

  it.each([
    ['a.example/x\nmailto:x@a.example', 2, 'E_LIST_MALFORMED'],
    ['a.example/x\n\nb.example/y bogus-flag', 3, 'E_LIST_MALFORMED'],
    ['a.example/x?q=1 prefix', 1, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id\nurl-sha256,abc,A,1', 2, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id\nurl,https://a.example/,A', 2, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id\nurl,,A,1', 2, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id\nftp-url,x,A,1', 2, 'E_LIST_UNSUPPORTED'],
    ['algorithm,hash,kind,id\nurl,x,A,1', 1, 'E_LIST_MALFORMED'],
  ])('rejects %j at line %i', (text, line, code) => {
    expect(() => parseUrlList(text, { id: 'bad' })).toThrow(
      expect.objectContaining({
        name: 'ListError',
        code,
        message: expect.stringContaining(`line ${line}`),
      }),
    );
  });
});
