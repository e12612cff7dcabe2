import { localName, type XmlElement } from '../xml/parse-xml';
import type { AttributeSpec, ElementSpec, ValueType } from './schema-types';

/** Why a document failed the schema, with the path of the offending element. */
export interface SchemaViolation {
  path: string;
  message: string;
}

/**
 * Checks a parsed document against our XSD-shaped schema the way an XSD
 * validator would: children of a sequence in schema order, minOccurs and
 * maxOccurs, exactly one branch of a choice, leaf value types and attributes.
 * Returns the first violation, or null.
 */
export function validateDocument(root: XmlElement, schema: ElementSpec): SchemaViolation | null {
  if (localName(root.name) !== schema.name) {
    return {
      path: root.name,
      message: `root element must be <${schema.name}>, got <${root.name}>`,
    };
  }
  return validateElement(root, schema, schema.name);
}

function validateElement(
  element: XmlElement,
  spec: ElementSpec,
  path: string,
): SchemaViolation | null {
  const attributeProblem = validateAttributes(element, spec.attributes ?? [], path);
  if (attributeProblem) return attributeProblem;
  if (spec.type) {
    if (element.children.length > 0) {
      return { path, message: `<${spec.name}> holds a value and cannot contain elements` };
    }
    const problem = checkValue(element.text, spec.type);
    return problem ? { path, message: `<${spec.name}> ${problem}` } : null;
  }
  if (element.text !== '') return { path, message: `<${spec.name}> cannot contain text` };
  const children = spec.children ?? [];
  return spec.choice
    ? validateChoice(element, spec, children, path)
    : validateSequence(element, children, path);
}

function validateSequence(
  element: XmlElement,
  specs: readonly ElementSpec[],
  path: string,
): SchemaViolation | null {
  const counts = new Map<string, number>();
  let cursor = 0;
  for (const child of element.children) {
    const name = localName(child.name);
    const childPath = `${path}/${name}`;
    const at = specs.findIndex((spec) => spec.name === name);
    if (at === -1) {
      return { path: childPath, message: `<${name}> is not allowed in <${element.name}>` };
    }
    if (at < cursor) {
      const after = specs[cursor]!.name;
      return {
        path: childPath,
        message: `element out of order: <${name}> must come before <${after}> in <${element.name}>`,
      };
    }
    cursor = at;
    const spec = specs[at]!;
    const count = (counts.get(name) ?? 0) + 1;
    counts.set(name, count);
    if (count > spec.max) {
      return { path: childPath, message: `<${name}> may appear at most ${spec.max} time(s)` };
    }
    const problem = validateElement(child, spec, childPath);
    if (problem) return problem;
  }
  for (const spec of specs) {
    if ((counts.get(spec.name) ?? 0) < spec.min) {
      return {
        path: `${path}/${spec.name}`,
        message: `required element <${spec.name}> is missing from <${element.name}>`,
      };
    }
  }
  return null;
}

function validateChoice(
  element: XmlElement,
  spec: ElementSpec,
  options: readonly ElementSpec[],
  path: string,
): SchemaViolation | null {
  if (element.children.length !== 1) {
    const names = options.map((option) => `<${option.name}>`).join(', ');
    return { path, message: `<${spec.name}> needs exactly one of ${names}` };
  }
  const child = element.children[0]!;
  const name = localName(child.name);
  const option = options.find((candidate) => candidate.name === name);
  if (!option)
    return { path: `${path}/${name}`, message: `<${name}> is not allowed in <${spec.name}>` };
  return validateElement(child, option, `${path}/${name}`);
}

function validateAttributes(
  element: XmlElement,
  specs: readonly AttributeSpec[],
  path: string,
): SchemaViolation | null {
  for (const [name, value] of Object.entries(element.attributes)) {
    // Namespace declarations and xsi:* hints are legal on any element.
    if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:')) continue;
    const spec = specs.find((candidate) => candidate.name === name);
    if (!spec) return { path, message: `attribute "${name}" is not allowed on <${element.name}>` };
    const problem = checkValue(value, spec.type);
    if (problem) return { path, message: `attribute "${name}" ${problem}` };
  }
  for (const spec of specs) {
    if (spec.required && !(spec.name in element.attributes)) {
      return { path, message: `attribute "${spec.name}" is required on <${element.name}>` };
    }
  }
  return null;
}

// xs:dateTime: date, time, optional fraction, optional zone.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** Returns what is wrong with `value` for `type`, or null when it is fine. */
export function checkValue(value: string, type: ValueType): string | null {
  switch (type.kind) {
    case 'string':
      if (value === '') return 'must not be empty';
      if (type.maxLength !== undefined && value.length > type.maxLength) {
        return `is longer than ${type.maxLength} characters`;
      }
      return null;
    case 'dateTime':
      return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
        ? null
        : `"${value}" is not an xs:dateTime`;
    case 'boolean':
      return ['true', 'false', '1', '0'].includes(value) ? null : `"${value}" is not an xs:boolean`;
    case 'integer': {
      if (!/^-?\d+$/.test(value)) return `"${value}" is not an integer`;
      const number = Number(value);
      if (type.min !== undefined && number < type.min) return `must be at least ${type.min}`;
      if (type.max !== undefined && number > type.max) return `must be at most ${type.max}`;
      return null;
    }
    case 'enum':
      return type.values.includes(value) ? null : `"${value}" is not one of the allowed values`;
    case 'flag':
      return value === '' ? null : 'is a presence flag and must be empty';
  }
}
