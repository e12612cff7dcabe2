import { describe, expect, it } from 'vitest';
import { extractUrls, MAX_URL_LENGTH } from './extract-urls';

describe('extractUrls', () => {
  it.each([
    ['see https://a.example/x?y=1#z now', ['https://a.example/x?y=1#z']],
    ['bare a.example/path and www.b.example', ['a.example/path', 'www.b.example']],
    ['(link: http://a.example/wiki/X_(y)).', ['http://a.example/wiki/X_(y)']],
    ['ends with a.example/x.', ['a.example/x']],
    ['"https://a.example/q"', ['https://a.example/q']],
    ['hxxps://bad[.]example/p and c(dot)example', ['https://bad.example/p', 'c.example']],
    ['port a.example:8080/x', ['a.example:8080/x']],
    ['HXXP[://]a[.]example/x', ['http://a.example/x']],
    ['idn bücher.example/seite!', ['bücher.example/seite']],
    ['mail someone@mail.example please', []],
    ['e.g. version 1.2.3 or 3.14', []],
    ['two: a.example,b.example', ['a.example', 'b.example']],
  ])('finds the URLs in %j', (text, urls) => {
    expect(extractUrls(text)).toEqual(urls);
  });

  // Trimming recounted the brackets per trimmed character: 200k of them took
  // minutes, far past the test timeout. Now one pass.
  it('trims a long run of unbalanced closing brackets in one pass', () => {
    const text = `see http://a.example/x_(y)${')'.repeat(200_000)} and (b.example/${']'.repeat(1_000)}`;
    expect(extractUrls(text)).toEqual(['http://a.example/x_(y)', 'b.example/']);
  });

  it('truncates a candidate longer than MAX_URL_LENGTH, keeping its host and path start', () => {
    const long = `https://a.example/${'p'.repeat(3 * MAX_URL_LENGTH)}`;
    const [url, ...rest] = extractUrls(`${long} then b.example`);
    expect(rest).toEqual(['b.example']);
    expect(url).toBe(long.slice(0, MAX_URL_LENGTH));
    // Not cut inside a surrogate pair.
    const emoji = `https://a.example/x${'😀'.repeat(MAX_URL_LENGTH)}`; // odd prefix: a pair straddles the cap
    const [cut] = extractUrls(emoji);
    expect(cut!.length).toBeLessThanOrEqual(MAX_URL_LENGTH);
    expect(cut).toMatch(/[^\uD800-\uDBFF]$/); // ends on a whole character
    expect(cut!.length).toBeGreaterThan(MAX_URL_LENGTH - 2);
  });
});
