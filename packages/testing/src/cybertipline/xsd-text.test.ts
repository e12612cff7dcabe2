import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../xml/parse-xml';
import { FILE_DETAILS_SCHEMA, REPORT_SCHEMA } from './schema';
import type { ElementSpec } from './schema-types';
import { renderXsd } from './xsd-text';

const specNames = (spec: ElementSpec): string[] => [
  spec.name,
  ...(spec.children ?? []).flatMap(specNames),
];
const xsdNames = (element: XmlElement): string[] => [
  ...(element.name === 'xs:element' ? [element.attributes.name!] : []),
  ...element.children.flatMap(xsdNames),
];

describe('renderXsd', () => {
  it('is well-formed and declares every schema element in schema order', () => {
    const xsd = parseXml(renderXsd());
    expect(xsdNames(xsd)).toEqual([...specNames(REPORT_SCHEMA), ...specNames(FILE_DETAILS_SCHEMA)]);
  });

  it('marks optional and repeating elements with minOccurs/maxOccurs', () => {
    const text = renderXsd();
    expect(text).toContain(
      '<xs:element name="internetDetails" minOccurs="0" maxOccurs="unbounded">',
    );
    expect(text).toContain('<xs:element name="reporter">');
  });
});
