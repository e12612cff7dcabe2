import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/index';
import { createUrlChecker } from './create-url-checker';
import { hashUrlEntry } from './hash-url-entry';
import { canonicalUrl, normalizeUrl } from './normalize-url';
import { parseUrlList } from './url-list';

// Synthetic list: made-up hosts under .example (and a TEST-NET-1 address).
const LIST = [
  'https://bad.example/gallery/page.html',
  'https://files.bad.example/dir prefix',
  'https://bücher.example/seite',
  'https://q.example/view?id=7&sort=new query-unordered',
  'https://ordered.example/view?id=7&sort=new',
  'http://192.0.2.1/p',
  hashUrlEntry('https://hidden.example/abc'),
  `${hashUrlEntry('https://hidden.example/tree', { match: 'prefix' })} prefix`,
].join('\n');
const list = parseUrlList(LIST, { id: 'synthetic' });
const checker = createUrlChecker({ lists: [list] });

// [variant, id of the entry it must match]
const EVASIONS: [string, string][] = [
  ['HTTPS://BAD.EXAMPLE/gallery/page.html', 'line:1'],
  ['http://bad.example/gallery/page.html', 'line:1'],
  ['bad.example/gallery/page.html', 'line:1'],
  ['//bad.example/gallery/page.html', 'line:1'],
  ['https:/bad.example/gallery/page.html', 'line:1'],
  ['https://bad.example:443/gallery/page.html', 'line:1'],
  ['http://bad.example:80/gallery/page.html', 'line:1'],
  ['https://bad.example:0443/gallery/page.html', 'line:1'],
  ['https://www.bad.example/gallery/page.html', 'line:1'],
  ['https://WWW.Bad.Example./gallery/page.html', 'line:1'],
  ['https://bad.example/gallery/./page.html', 'line:1'],
  ['https://bad.example/gallery/x/../page.html', 'line:1'],
  ['https://bad.example/gallery/%2e/page.html', 'line:1'],
  ['https://bad.example/gallery/%2E%2E/gallery/page.html', 'line:1'],
  ['https://bad.example//gallery///page.html', 'line:1'],
  ['https://bad.example/gallery/page.html/', 'line:1'],
  ['https://bad.example/gallery/page.html#top', 'line:1'],
  ['http://bad.example/gallery/page.html#frag?x=1', 'line:1'],
  ['https://bad.example/gallery/page.html?', 'line:1'],
  ['https://bad.example/gallery/page.html?utm_source=x', 'line:1'],
  ['https://bad.example/%67allery/page%2Ehtml', 'line:1'],
  ['https://user:pw@bad.example/gallery/page.html', 'line:1'],
  ['https://safe.example@bad.example/gallery/page.html', 'line:1'],
  ['hxxps://bad[.]example/gallery/page.html', 'line:1'],
  ['hXXp://bad(dot)example/gallery/page.html', 'line:1'],
  ['HXXPS://bad[.]example/gallery/page.html', 'line:1'],
  ['https[:]//bad{.}example/gallery/page.html', 'line:1'],
  ['https://bad.example\\gallery\\page.html', 'line:1'],
  ['  https://bad.example/gallery/page.html\t', 'line:1'],
  ['https://bad.exa\nmple/gallery/page.html', 'line:1'],
  ['https://bad%2Eexample/gallery/page.html', 'line:1'],
  ['https://ｂａｄ．ｅｘａｍｐｌｅ/gallery/page.html', 'line:1'],
  ['https://bad。example/gallery/page.html', 'line:1'],
  ['https://files.bad.example/dir', 'line:2'],
  ['https://files.bad.example/dir/', 'line:2'],
  ['https://files.bad.example/dir/sub/file.jpg', 'line:2'],
  ['https://www.files.bad.example/dir/a', 'line:2'],
  ['https://files.bad.example/dir/a/../b', 'line:2'],
  ['https://files.bad.example/x/../dir/b', 'line:2'],
  ['https://files.bad.example/dir?page=2', 'line:2'],
  ['https://files.bad.example/%64ir/a#b', 'line:2'],
  ['https://BÜCHER.example/seite', 'line:3'],
  ['https://xn--bcher-kva.example/seite', 'line:3'],
  ['https://bu\u0308cher.example/seite', 'line:3'],
  ['https://b%C3%BCcher.example/seite', 'line:3'],
  ['https://q.example/view?sort=new&id=7', 'line:4'],
  ['https://q.example/view?id=7&sort=new', 'line:4'],
  ['https://q.example/view?id=%37&sort=new', 'line:4'],
  ['https://q.example/view?id=7&&sort=new', 'line:4'],
  ['https://ordered.example/view?id=7&sort=new#x', 'line:5'],
  ['https://ordered.example/view/?id=7&sort=new', 'line:5'],
  ['http://0xC0.0.2.1/p', 'line:6'],
  ['http://3221225985/p', 'line:6'],
  ['http://0300.0.2.1/p', 'line:6'],
  ['HTTP://WWW.hidden.example/abc/', 'line:7'],
  ['hidden.example/abc?x=1', 'line:7'],
  ['https://hidden.example/tree', 'line:8'],
  ['https://hidden.example/tree/leaf?x=1', 'line:8'],
  ['https://www.hidden.example/./tree//leaf', 'line:8'],
];

const NEAR_MISSES: string[] = [
  'https://bad.example/gallery/page.htm',
  'https://bad.example/gallery/page.html.x',
  'https://bad.example/Gallery/page.html',
  'https://bad.example/gallery',
  'https://bad.example/gallery/../page.html',
  'https://bad.example/gallery/page.html%2Fx',
  'https://other.example/gallery/page.html',
  'https://notbad.example/gallery/page.html',
  'https://sub.bad.example/gallery/page.html',
  'https://bad.example.other.example/gallery/page.html',
  'https://bad.example:8080/gallery/page.html',
  'https://files.bad.example/dirt',
  'https://files.bad.example/di',
  'https://files.bad.example/other/dir',
  'https://files.bad.example/dir%2Fx',
  'https://bad.example/dir/x',
  'https://bucher.example/seite',
  'https://bücher.example/seite2',
  'https://q.example/view?id=7',
  'https://q.example/view?id=8&sort=new',
  'https://q.example/view',
  'https://ordered.example/view?sort=new&id=7',
  'https://ordered.example/view?id=7&sort=new&x=1',
  'http://192.0.2.10/p',
  'https://hidden.example/abcd',
  'https://hidden.example/',
  'https://hidden.example/treehouse',
  'https://hidden.example/x/tree',
];

describe('URL normaliser against a synthetic list', () => {
  it('has at least 40 evasion variants', () => {
    expect(EVASIONS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(EVASIONS)('matches evasion %j to entry %s', (variant, entryId) => {
    const result = checker.checkUrl(variant);
    expect(result.verdict).toBe('block');
    expect(result.matches).toEqual([{ listId: 'synthetic', entryId }]);
  });

  it.each(NEAR_MISSES)('does not match near miss %j', (variant) => {
    expect(checker.checkUrl(variant)).toEqual({ verdict: 'allow', matches: [] });
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['HTTP://A.Example:8080/x/./y/../z/?b=%7e&a=%2f', 'a.example:8080/x/z?b=~&a=%2F'],
    ['a.example', 'a.example/'],
    ['https://a.example/caf\u00e9 bar', 'a.example/caf%C3%A9%20bar'],
    ['https://a.example/%7euser/%zz', 'a.example/~user/%25zz'],
    ['https://[2001:DB8::1]:8443/x', '[2001:db8::1]:8443/x'],
    ['https://a.example/../../x', 'a.example/x'],
  ])('canonicalises %j as %j', (input, canonical) => {
    expect(canonicalUrl(normalizeUrl(input))).toBe(canonical);
  });

  it.each([
    'mailto:someone@bad.example',
    'javascript:alert(1)',
    'ftp://bad.example/x',
    'https://',
    'https://bad..example/',
    'https://bad example/',
    'https://bad.example:99999/',
    'https://bad.example:8o/',
    'https://256.256.256.256/',
  ])('rejects %j with E_INVALID_URL', (input) => {
    expect(() => normalizeUrl(input)).toThrow(
      expect.objectContaining({ code: 'E_INVALID_URL', name: 'InputError' }),
    );
    try {
      normalizeUrl(input);
    } catch (error) {
      expect(isHashguardError(error, 'E_INVALID_URL')).toBe(true);
    }
  });
});

describe('wwwHandling', () => {
  const wwwList = parseUrlList('https://www.w.example/a\nhttps://plain.example/b', { id: 'w' });

  it('treats www and bare hosts as one site by default, both ways', () => {
    const equivalent = createUrlChecker({ lists: [wwwList] });
    expect(equivalent.checkUrl('https://w.example/a').verdict).toBe('block');
    expect(equivalent.checkUrl('https://www.plain.example/b').verdict).toBe('block');
  });

  it("keeps them apart with 'distinct'", () => {
    const distinct = createUrlChecker({ lists: [wwwList], wwwHandling: 'distinct' });
    expect(distinct.checkUrl('https://w.example/a').verdict).toBe('allow');
    expect(distinct.checkUrl('https://www.plain.example/b').verdict).toBe('allow');
    expect(distinct.checkUrl('https://WWW.w.example/a').verdict).toBe('block');
  });
});
