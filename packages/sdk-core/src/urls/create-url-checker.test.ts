import { describe, expect, it } from 'vitest';
import { createEventEmitter } from '../events';
import { createUrlChecker, type UrlEventMap } from './create-url-checker';
import { hashUrlEntry } from './hash-url-entry';
import { parseUrlList } from './url-list';

const blockList = parseUrlList('https://bad.example/gallery\nfiles.bad.example/ prefix', {
  id: 'block',
});
const reviewList = parseUrlList(
  `algorithm,hash,category,id\nurl-sha256,${hashUrlEntry('https://grey.example/p')},B,r-1`,
  { id: 'review', action: 'review' },
);

describe('createUrlChecker', () => {
  const checker = createUrlChecker({ lists: [blockList, reviewList] });

  it('returns review for a match on a review list only, block when any block list matches', () => {
    expect(checker.checkUrl('http://www.grey.example/p/')).toEqual({
      verdict: 'review',
      matches: [{ listId: 'review', entryId: 'r-1' }],
    });
    expect(checker.checkMessage('grey.example/p and bad.example/gallery').verdict).toBe('block');
  });

  it('checks every URL in a message, each match once', () => {
    const result = checker.checkMessage(
      'look: hxxps://files.bad[.]example/a.jpg, files.bad.example/b.jpg and https://fine.example/',
    );
    expect(result).toEqual({
      verdict: 'block',
      matches: [{ listId: 'block', entryId: 'line:2' }],
      urlsChecked: 3,
    });
  });

  it('allows a message without listed URLs', () => {
    expect(checker.checkMessage('nothing here but fine.example/x')).toEqual({
      verdict: 'allow',
      matches: [],
      urlsChecked: 1,
    });
  });

  it('emits url:checked with ids and counts only', () => {
    const events = createEventEmitter<UrlEventMap>();
    const seen: unknown[] = [];
    events.on('url:checked', (payload) => seen.push(payload));
    const withEvents = createUrlChecker({ lists: [blockList], events });
    withEvents.checkUrl('https://bad.example/gallery');
    withEvents.checkMessage('x https://fine.example/');
    expect(seen).toEqual([
      {
        source: 'url',
        verdict: 'block',
        matches: [{ listId: 'block', entryId: 'line:1' }],
        urlsChecked: 1,
      },
      { source: 'message', verdict: 'allow', matches: [], urlsChecked: 1 },
    ]);
    expect(JSON.stringify(seen)).not.toContain('bad.example');
  });

  it('looks hashed prefixes up for the first 64 path segments only', () => {
    const deep = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`).join('/');
    const hashed = parseUrlList(
      [
        `${hashUrlEntry(`https://deep.example/${deep(2)}`, { match: 'prefix' })} prefix`,
        `${hashUrlEntry(`https://deep.example/${deep(70)}`, { match: 'prefix' })} prefix`,
      ].join('\n'),
      { id: 'h' },
    );
    const deepChecker = createUrlChecker({ lists: [hashed] });
    expect(deepChecker.checkUrl(`https://deep.example/${deep(100)}`).matches).toEqual([
      { listId: 'h', entryId: 'line:1' },
    ]);
  });

  it('normalises entry values of a hand-built list that are not canonical', () => {
    const handBuilt = createUrlChecker({
      lists: [
        {
          id: 'hand',
          action: 'block',
          entries: [
            {
              id: 'h-1',
              match: 'exact',
              form: 'plain',
              value: 'HTTP://Hand.Example/a/./b/',
              queryOrder: 'exact',
              category: '',
            },
          ],
        },
      ],
    });
    expect(handBuilt.checkUrl('hand.example/a/b').matches).toEqual([
      { listId: 'hand', entryId: 'h-1' },
    ]);
  });

  it('rejects an unknown wwwHandling with E_INVALID_OPTIONS', () => {
    expect(() =>
      createUrlChecker({ lists: [], wwwHandling: 'strip' as unknown as 'distinct' }),
    ).toThrow(expect.objectContaining({ code: 'E_INVALID_OPTIONS' }));
  });
});
