/** Minimal XML writing for the mock's responses: escaped text, attributes, nested elements. */
export type XmlNode = string | XmlTree | null | undefined | false;
export interface XmlTree {
  name: string;
  attributes?: Record<string, string | number | undefined>;
  children?: XmlNode[];
  text?: string | number;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function el(
  name: string,
  attributesOrChildren?: XmlTree['attributes'] | XmlNode[] | string | number,
  maybeChildren?: XmlNode[] | string | number,
): XmlTree {
  const attributes =
    attributesOrChildren !== undefined &&
    typeof attributesOrChildren === 'object' &&
    !Array.isArray(attributesOrChildren)
      ? attributesOrChildren
      : undefined;
  const body = attributes === undefined ? attributesOrChildren : maybeChildren;
  if (Array.isArray(body)) return { name, ...(attributes && { attributes }), children: body };
  if (body === undefined) return { name, ...(attributes && { attributes }) };
  return { name, ...(attributes && { attributes }), text: body as string | number };
}

export function renderXml(node: XmlNode): string {
  if (!node) return '';
  if (typeof node === 'string') return escapeXml(node);
  const attrs = Object.entries(node.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  const inner =
    node.text !== undefined
      ? escapeXml(String(node.text))
      : (node.children ?? []).map(renderXml).join('');
  if (inner === '') return `<${node.name}${attrs}/>`;
  return `<${node.name}${attrs}>${inner}</${node.name}>`;
}

export function renderDocument(root: XmlTree): string {
  return `${XML_DECLARATION}\n${renderXml(root)}`;
}
