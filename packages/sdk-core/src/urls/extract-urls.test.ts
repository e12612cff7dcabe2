import { describe, expect, it } from 'vitest';
import { extractUrls } from './extract-urls';

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
});
