import { escapeXml } from '../xml/write-xml';
import { FILE_DETAILS_SCHEMA, REPORT_SCHEMA } from './schema';
import type { AttributeSpec, ElementSpec, ValueType } from './schema-types';

/**
 * The XSD text `GET /ispws/xsd` serves, generated from the schema data so the
 * two can never disagree. It describes only the subset the mock supports.
 */
export function renderXsd(): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Hashguard mock: the subset of the CyberTipline report schema this mock accepts. -->',
    '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">',
    ...elementLines(REPORT_SCHEMA, 1),
    ...elementLines(FILE_DETAILS_SCHEMA, 1),
    '</xs:schema>',
  ];
  return `${lines.join('\n')}\n`;
}

function occurs(spec: ElementSpec, top: boolean): string {
  if (top) return '';
  const min = spec.min === 1 ? '' : ` minOccurs="${spec.min}"`;
  const max =
    spec.max === 1
      ? ''
      : ` maxOccurs="${spec.max === Number.POSITIVE_INFINITY ? 'unbounded' : spec.max}"`;
  return min + max;
}

function elementLines(spec: ElementSpec, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const head = `${pad}<xs:element name="${spec.name}"${occurs(spec, depth === 1)}`;
  const doc = spec.doc
    ? [
        `${pad}  <xs:annotation><xs:documentation>${escapeXml(spec.doc)}</xs:documentation></xs:annotation>`,
      ]
    : [];
  const attributes = (spec.attributes ?? []).map((a) => attributeLine(a, depth + 2));
  if (spec.type && attributes.length === 0 && doc.length === 0 && !needsRestriction(spec.type)) {
    return [`${head} type="${builtin(spec.type)}"/>`];
  }
  const out = [`${head}>`, ...doc];
  if (spec.type) {
    if (attributes.length > 0) {
      out.push(`${pad}  <xs:complexType><xs:simpleContent>`);
      out.push(`${pad}    <xs:extension base="${builtin(spec.type)}">`, ...attributes);
      out.push(`${pad}    </xs:extension>`, `${pad}  </xs:simpleContent></xs:complexType>`);
    } else {
      out.push(...simpleType(spec.type, depth + 1));
    }
  } else {
    const group = spec.choice ? 'xs:choice' : 'xs:sequence';
    out.push(`${pad}  <xs:complexType>`, `${pad}    <${group}>`);
    for (const child of spec.children ?? []) out.push(...elementLines(child, depth + 3));
    out.push(`${pad}    </${group}>`, ...attributes, `${pad}  </xs:complexType>`);
  }
  out.push(`${pad}</xs:element>`);
  return out;
}

function attributeLine(spec: AttributeSpec, depth: number): string {
  const use = spec.required ? ' use="required"' : '';
  return `${'  '.repeat(depth)}<xs:attribute name="${spec.name}" type="${builtin(spec.type)}"${use}/>`;
}

function needsRestriction(type: ValueType): boolean {
  return (
    type.kind === 'enum' ||
    (type.kind === 'string' && type.maxLength !== undefined) ||
    (type.kind === 'integer' && (type.min !== undefined || type.max !== undefined))
  );
}

function simpleType(type: ValueType, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const facets: string[] = [];
  if (type.kind === 'enum') {
    for (const value of type.values) facets.push(`<xs:enumeration value="${escapeXml(value)}"/>`);
  }
  if (type.kind === 'string' && type.maxLength !== undefined) {
    facets.push(`<xs:maxLength value="${type.maxLength}"/>`);
  }
  if (type.kind === 'integer' && type.min !== undefined)
    facets.push(`<xs:minInclusive value="${type.min}"/>`);
  if (type.kind === 'integer' && type.max !== undefined)
    facets.push(`<xs:maxInclusive value="${type.max}"/>`);
  return [
    `${pad}<xs:simpleType><xs:restriction base="${builtin(type)}">`,
    ...facets.map((facet) => `${pad}  ${facet}`),
    `${pad}</xs:restriction></xs:simpleType>`,
  ];
}

function builtin(type: ValueType): string {
  switch (type.kind) {
    case 'dateTime':
      return 'xs:dateTime';
    case 'boolean':
      return 'xs:boolean';
    case 'integer':
      return 'xs:integer';
    case 'flag':
      return 'xs:string';
    default:
      return 'xs:string';
  }
}
