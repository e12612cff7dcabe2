import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/index';
import { createEventEmitter } from '../events';
import { compileKeywords } from './compile-keywords';
import { createKeywordChecker, type KeywordEventMap } from './create-keyword-checker';
import { parseKeywordList } from './keyword-list';

// Made-up terms only.
const blockList = parseKeywordList(
  ['zorblat', 'quimfex drab', '猫咪屋', 'flimbo', 'ภาษาไทย', 'grex-vandle'].join('\n'),
  { id: 'block', action: 'block-search' },
);
const warnList = parseKeywordList(
  'algorithm,hash,category,id\nkeyword,"snorp, wib",deterrence,w-1\n',
  {
    id: 'warn',
    action: 'warn',
  },
);
const checker = createKeywordChecker({ lists: [blockList, warnList] });
const ids = (text: string) =>
  checker.checkText(text).matches.map((m) => `${m.listId}/${m.entryId}`);

describe('checkText', () => {
  it.each([
    ['find zorblat here', ['block/line:1']],
    ['ZORBLAT', ['block/line:1']],
    ['z0rbl4t', ['block/line:1']],
    ['z.o.r.b.l.a.t', ['block/line:1']],
    ['so a z o r b l a t k', ['block/line:1']],
    ['z-o-r-b-l-a-t and z_o_r_b_l_a_t', ['block/line:1']],
    ['quimfex drab', ['block/line:2']],
    ['quimfex---drab', ['block/line:2']],
    ['QuimfexDrab', ['block/line:2']],
    ['q u i m f e x d r a b', ['block/line:2']],
    ['我的猫咪屋在哪里', ['block/line:3']],
    ['fl!mbo f1imbo', ['block/line:4']],
    ['ภาษาไทยง่าย', ['block/line:5']],
    ['grex vandle', ['block/line:6']],
    ['snorp wib', ['warn/w-1']],
    ['zorblat snorp. wib', ['block/line:1', 'warn/w-1']],
  ])('finds the listed term in %j', (text, expected) => {
    expect(ids(text).sort()).toEqual([...expected].sort());
  });

  it.each([
    'zorblats',
    'azorblat',
    'zorb lat',
    'quimfex',
    'drab quimfex',
    'quimfex drabs',
    'f l i m b',
    '猫咪',
    'grexvandles',
    'snorpwibble',
    '',
  ])('finds nothing in %j', (text) => {
    expect(checker.checkText(text)).toEqual({ action: 'allow', matches: [] });
  });

  it('returns the most severe action of the lists that matched', () => {
    expect(checker.checkText('snorp wib').action).toBe('warn');
    expect(checker.checkText('snorp wib zorblat').action).toBe('block-search');
    const review = createKeywordChecker({
      lists: [
        { ...warnList, action: 'review' },
        { ...warnList, id: 'w2', action: 'warn' },
      ],
    });
    expect(review.checkText('snorp wib').action).toBe('review');
  });

  it('emits text:checked with ids and the length, never the text or the terms', () => {
    const events = createEventEmitter<KeywordEventMap>();
    const payloads: unknown[] = [];
    events.on('text:checked', (payload) => payloads.push(payload));
    createKeywordChecker({ lists: [blockList], events }).checkText('say zorblat');
    expect(payloads).toEqual([
      {
        action: 'block-search',
        matches: [{ listId: 'block', entryId: 'line:1', action: 'block-search' }],
        textLength: 11,
      },
    ]);
    expect(JSON.stringify(payloads)).not.toContain('zorblat');
  });

  it('rejects a term with no letters with E_LIST_MALFORMED naming the entry', () => {
    const bad = parseKeywordList('ok\n!!!', { id: 'bad' });
    try {
      createKeywordChecker({ lists: [bad] });
      expect.unreachable();
    } catch (error) {
      expect(isHashguardError(error, 'E_LIST_MALFORMED')).toBe(true);
      expect((error as Error).message).toContain('line:2');
    }
  });

  it('matches terms of a list with thousands of distinct characters (sparse automaton)', () => {
    // 6000 distinct Han characters × ~3000 states exceeds the dense table limit.
    const terms = Array.from({ length: 3000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + 2 * i, 0x4e00 + 2 * i + 1),
    );
    const lists = [parseKeywordList(terms.join('\n'), { id: 'han' })];
    expect(compileKeywords(lists).automaton.delta).toBeUndefined();
    const big = createKeywordChecker({ lists });
    expect(big.checkText(`前${terms[2999]}后`).matches).toEqual([
      { listId: 'han', entryId: 'line:3000', action: 'block-search' },
    ]);
    expect(big.checkText(String.fromCodePoint(0x4e01, 0x4e02)).matches).toEqual([]);
  });
});

describe('parseKeywordList', () => {
  it('skips comments, blank lines and other algorithms in CSV', () => {
    const list = parseKeywordList(
      '# comment\nalgorithm,hash,category,id\nmd5,0123456789abcdef0123456789abcdef,A,h1\nkeyword,wub dub,x,k1\nurl,https://x.example/,A,u1\n',
      { id: 'mixed' },
    );
    expect(list.entries).toEqual([{ id: 'k1', term: 'wub dub', category: 'x' }]);
  });

  it.each([
    ['algorithm,hash,category,id\nkeyword,abc,x', 2, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id\nkeyword,"abc,x,y', 2, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id\n\nbogus,abc,x,1', 3, 'E_LIST_UNSUPPORTED'],
    ['algorithm,hash,category\nkeyword,abc,x', 1, 'E_LIST_MALFORMED'],
    ['algorithm,hash,category,id,flags\nkeyword,abc,x,1,prefix', 2, 'E_LIST_MALFORMED'],
  ])('rejects malformed list %j at line %i', (text, line, code) => {
    expect(() => parseKeywordList(text, { id: 'bad' })).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(`line ${line}`) }),
    );
  });
});
