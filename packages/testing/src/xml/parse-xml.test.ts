import { describe, expect, it } from 'vitest';
import { parseXml, textAt, XML_LIMITS, XmlSyntaxError } from './parse-xml';

describe('parseXml', () => {
  it('keeps children in document order and decodes the predefined entities', () => {
    const root = parseXml('<r><b>1</b><a x="y">&lt;2&amp;</a></r>');
    expect(root.children.map((c) => c.name)).toEqual(['b', 'a']);
    expect(root.children[1]).toMatchObject({ attributes: { x: 'y' }, text: '<2&' });
  });

  it('refuses a billion-laughs DTD without expanding it', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
      Array.from(
        { length: 9 },
        (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
      ).join('') +
      ']><lolz>&lol9;</lolz>';
    expect(() => parseXml(laughs)).toThrow(XmlSyntaxError);
  });

  it('refuses an external entity', () => {
    expect(() =>
      parseXml('<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'),
    ).toThrow(/DTD/);
  });

  it('refuses nesting deeper than the limit', () => {
    const depth = XML_LIMITS.maxDepth + 5;
    expect(() => parseXml(`${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`)).toThrow(XmlSyntaxError);
  });

  it('refuses documents over the size limit', () => {
    expect(() => parseXml(`<a>${'x'.repeat(XML_LIMITS.maxBytes)}</a>`)).toThrow(/too large/);
  });

  it('refuses text that is not well-formed', () => {
    expect(() => parseXml('<a><b></a>')).toThrow(/well-formed/);
    expect(() => parseXml('<a/><b/>')).toThrow(XmlSyntaxError);
  });

  it('reads text at a path, ignoring namespace prefixes', () => {
    const root = parseXml('<ns:r xmlns:ns="u"><ns:a><ns:b>v</ns:b></ns:a></ns:r>');
    expect(textAt(root, 'a/b')).toBe('v');
    expect(textAt(root, 'a/c')).toBeUndefined();
  });
});
