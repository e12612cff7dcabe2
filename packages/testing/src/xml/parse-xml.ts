import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One element of a parsed document, children kept in document order (the XSD-order check needs it). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element, trimmed. */
  text: string;
}

export class XmlSyntaxError extends Error {
  override name = 'XmlSyntaxError';
}

/** Bounds that keep a hostile document from hurting the mock. */
export const XML_LIMITS = { maxBytes: 1024 * 1024, maxDepth: 32 } as const;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // DOCTYPEs are refused before parsing (below), so only the five predefined
  // entities and character references remain; expansion stays bounded anyway.
  processEntities: { enabled: true, maxTotalExpansions: 10_000 },
  maxNestedTags: XML_LIMITS.maxDepth,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses untrusted XML. Refuses DTDs outright (no entity expansion, no
 * "billion laughs"), oversized bodies and deep nesting, then returns the root
 * element with children in document order.
 */
export function parseXml(source: string): XmlElement {
  if (source.length > XML_LIMITS.maxBytes) throw new XmlSyntaxError('document too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) throw new XmlSyntaxError('DTDs are not accepted');
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new XmlSyntaxError(`not well-formed: ${valid.err.msg}`);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(source) as OrderedNode[];
  } catch (error) {
    throw new XmlSyntaxError(`not well-formed: ${(error as Error).message}`);
  }
  const roots = nodes
    .map(toElement)
    .filter((e): e is XmlElement => e !== null && e.name !== '?xml');
  if (roots.length !== 1) throw new XmlSyntaxError('a document needs exactly one root element');
  return roots[0]!;
}

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((key) => key !== ':@');
  if (name === undefined || name === '#text' || name === '#comment') return null;
  const raw = node[name];
  const content = Array.isArray(raw) ? (raw as OrderedNode[]) : [];
  const children: XmlElement[] = [];
  let text = '';
  for (const item of content) {
    if ('#text' in item) text += String(item['#text']);
    else {
      const child = toElement(item);
      if (child) children.push(child);
    }
  }
  return { name, attributes: { ...(node[':@'] ?? {}) }, children, text: text.trim() };
}

/** The first direct child named `name`, if any. */
export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

/** Local name without a namespace prefix (`ns2:report` → `report`). */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/** Text at a slash-separated path below `element` (`reporter/reportingPerson/email`), or undefined. */
export function textAt(element: XmlElement, path: string): string | undefined {
  let current: XmlElement | undefined = element;
  for (const step of path.split('/')) {
    current = current?.children.find((child) => localName(child.name) === step);
  }
  return current?.text;
}
