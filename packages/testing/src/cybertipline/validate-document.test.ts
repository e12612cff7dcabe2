import { describe, expect, it } from 'vitest';
import { fileDetailsXml, reportXml } from '../fixtures/report-templates';
import { parseXml, type XmlElement } from '../xml/parse-xml';
import { FILE_DETAILS_SCHEMA, REPORT_SCHEMA } from './schema';
import type { ElementSpec, ValueType } from './schema-types';
import { validateDocument } from './validate-document';

/** A valid sample value for a leaf type. */
function sample(type: ValueType): string {
  switch (type.kind) {
    case 'dateTime':
      return '2026-01-15T10:30:00Z';
    case 'boolean':
      return 'false';
    case 'integer':
      return String(type.min ?? 1);
    case 'enum':
      return type.values[0]!;
    case 'flag':
      return '';
    case 'string':
      return 'x';
  }
}

/** The largest document the schema allows with one of each element (first branch of a choice). */
function maximal(spec: ElementSpec): XmlElement {
  const attributes = Object.fromEntries(
    (spec.attributes ?? []).map((a) => [a.name, a.type.kind === 'flag' ? '' : sample(a.type)]),
  );
  if (spec.type) return { name: spec.name, attributes, children: [], text: sample(spec.type) };
  const children = spec.choice ? [spec.children![0]!] : (spec.children ?? []);
  return { name: spec.name, attributes, children: children.map(maximal), text: '' };
}

/** Every element below `root` with at least two children, as a path of child indexes. */
function parentsOfSiblings(root: XmlElement, path: number[] = []): number[][] {
  const here = root.children.length >= 2 ? [path] : [];
  return here.concat(root.children.flatMap((child, i) => parentsOfSiblings(child, [...path, i])));
}

function withSwap(root: XmlElement, path: number[], a: number, b: number): XmlElement {
  const copy = structuredClone(root);
  let node = copy;
  for (const i of path) node = node.children[i]!;
  [node.children[a], node.children[b]] = [node.children[b]!, node.children[a]!];
  return copy;
}

describe.each([
  ['report', REPORT_SCHEMA],
  ['fileDetails', FILE_DETAILS_SCHEMA],
])('the %s schema', (_name, schema) => {
  const full = maximal(schema);

  it('accepts a document holding every supported element in order', () => {
    expect(validateDocument(full, schema)).toBeNull();
  });

  it('rejects every swap of two sibling elements as out of order', () => {
    let swaps = 0;
    for (const path of parentsOfSiblings(full)) {
      let node = full;
      for (const i of path) node = node.children[i]!;
      for (let a = 0; a < node.children.length; a++) {
        for (let b = a + 1; b < node.children.length; b++) {
          const violation = validateDocument(withSwap(full, path, a, b), schema);
          expect(violation?.message, `${node.name}: swap ${a} and ${b}`).toMatch(/out of order/);
          swaps++;
        }
      }
    }
    expect(swaps).toBeGreaterThan(50);
  });
});

describe('validateDocument', () => {
  it('accepts the report and file-details templates', () => {
    expect(validateDocument(parseXml(reportXml()), REPORT_SCHEMA)).toBeNull();
    const details = fileDetailsXml({
      reportId: 1,
      fileId: 'abc',
      fileViewedByEsp: false,
      md5: 'a'.repeat(32),
    });
    expect(validateDocument(parseXml(details), FILE_DETAILS_SCHEMA)).toBeNull();
  });

  it.each([
    [
      'a missing required element',
      reportXml().replace(/<reporter>.*<\/reporter>/s, ''),
      /required element <reporter>/,
    ],
    [
      'an unknown element',
      reportXml().replace('<additionalInfo>', '<victim/><additionalInfo>'),
      /<victim> is not allowed/,
    ],
    [
      'a repeated singleton',
      reportXml()
        .replace('</incidentSummary>', '</incidentSummary>')
        .replace(/(<incidentSummary>.*?<\/incidentSummary>)/s, '$1$1'),
      /at most 1/,
    ],
    [
      'an unknown incident type',
      reportXml().replace(/<incidentType>[^<]*/, '<incidentType>Other'),
      /allowed values/,
    ],
    [
      'a bad dateTime',
      reportXml().replace(/<incidentDateTime>[^<]*/, '<incidentDateTime>yesterday'),
      /xs:dateTime/,
    ],
    [
      'text inside a complex element',
      reportXml().replace('<reporter>', '<reporter>hello'),
      /cannot contain text/,
    ],
    ['a wrong root', '<fileDetails/>', /root element must be <report>/],
  ])('rejects %s', (_what, source, message) => {
    expect(validateDocument(parseXml(source), REPORT_SCHEMA)?.message).toMatch(message);
  });

  it('rejects an internetDetails holding two incident kinds (xs:choice)', () => {
    const two = reportXml().replace(
      '<reporter>',
      '<internetDetails><webPageIncident/><chatImIncident/></internetDetails><reporter>',
    );
    expect(validateDocument(parseXml(two), REPORT_SCHEMA)?.message).toMatch(/exactly one of/);
  });

  it('rejects originalFileHash without its required hashType attribute', () => {
    const details = fileDetailsXml({ reportId: 1, fileId: 'abc', md5: 'a'.repeat(32) }).replace(
      ' hashType="MD5"',
      '',
    );
    expect(validateDocument(parseXml(details), FILE_DETAILS_SCHEMA)?.message).toMatch(/hashType/);
  });
});
