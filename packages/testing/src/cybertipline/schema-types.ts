/**
 * The shape of our XSD-like schema data. An element is either a leaf with a
 * value type, or a complex element whose `children` form an `xs:sequence`
 * (order matters) or, with `choice: true`, an `xs:choice` (exactly one).
 */
export type ValueType =
  | { kind: 'string'; maxLength?: number }
  | { kind: 'dateTime' }
  | { kind: 'boolean' }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'enum'; values: readonly string[] }
  /** An empty presence flag, e.g. `<sextortion/>`. */
  | { kind: 'flag' };

export interface AttributeSpec {
  name: string;
  required?: boolean;
  type: ValueType;
}

export interface ElementSpec {
  name: string;
  /** `minOccurs`; 0 means optional. */
  min: number;
  /** `maxOccurs`; `Infinity` is `unbounded`. */
  max: number;
  /** Leaf value type; absent on complex elements. */
  type?: ValueType;
  /** Complex content, in XSD order. */
  children?: readonly ElementSpec[];
  /** `children` are an `xs:choice`: exactly one of them appears. */
  choice?: boolean;
  attributes?: readonly AttributeSpec[];
  /** One line for the README and the served XSD's documentation. */
  doc?: string;
}

export const one = { min: 1, max: 1 } as const;
export const optional = { min: 0, max: 1 } as const;
export const many = { min: 0, max: Number.POSITIVE_INFINITY } as const;
