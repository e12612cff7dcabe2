import protobuf from 'protobufjs/light.js';

// The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto, IR version
// 8) needed to write a small inference graph, as a protobufjs JSON
// descriptor. Field numbers are the ones onnx.proto assigns; anything not
// listed here is never written. Hand-written rather than generated so the
// package ships no .proto file and needs no codegen step.
const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
          },
        },
        OperatorSetIdProto: {
          fields: {
            domain: { type: 'string', id: 1 },
            version: { type: 'int64', id: 2 },
          },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            ints: { rule: 'repeated', type: 'int64', id: 8 },
            type: { type: 'int32', id: 20 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1 },
            dataType: { type: 'int32', id: 2 },
            name: { type: 'string', id: 8 },
            rawData: { type: 'bytes', id: 9 },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'TypeProto', id: 2 },
          },
        },
        TypeProto: {
          fields: { tensorType: { type: 'TypeProtoTensor', id: 1 } },
        },
        TypeProtoTensor: {
          fields: {
            elemType: { type: 'int32', id: 1 },
            shape: { type: 'TensorShapeProto', id: 2 },
          },
        },
        TensorShapeProto: {
          fields: { dim: { rule: 'repeated', type: 'TensorShapeDimension', id: 1 } },
        },
        TensorShapeDimension: {
          fields: {
            dimValue: { type: 'int64', id: 1 },
            dimParam: { type: 'string', id: 2 },
          },
        },
      },
    },
  },
};

/** onnx.proto's TensorProto.DataType FLOAT; the only element type these graphs use. */
const FLOAT = 1;
/** AttributeProto.AttributeType values. */
const ATTRIBUTE_FLOAT = 1;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

/** A dimension: a size, or a symbolic name such as `'batch'`. */
export type OnnxDim = number | string;

/** A graph input or output: float32 of the given shape. */
export interface OnnxValueSpec {
  name: string;
  shape: readonly OnnxDim[];
}

/** A float32 constant baked into the model (weights). */
export interface OnnxInitializerSpec {
  name: string;
  dims: readonly number[];
  /** Row-major; its length must be the product of `dims`. Stored bit for bit. */
  data: Float32Array;
}

export type OnnxAttributeValue = number | readonly number[] | { float: number };

export interface OnnxNodeSpec {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  /** Integers as INT, integer arrays as INTS, `{ float }` as FLOAT. */
  attributes?: Readonly<Record<string, OnnxAttributeValue>>;
}

export interface OnnxModelSpec {
  /** Default opset of the ai.onnx domain. Default 13. */
  opset?: number;
  name?: string;
  docString?: string;
  inputs: readonly OnnxValueSpec[];
  outputs: readonly OnnxValueSpec[];
  initializers?: readonly OnnxInitializerSpec[];
  nodes: readonly OnnxNodeSpec[];
}

let modelType: protobuf.Type | undefined;

function onnxModelType(): protobuf.Type {
  modelType ??= protobuf.Root.fromJSON(ONNX_DESCRIPTOR).lookupType('onnx.ModelProto');
  return modelType;
}

function valueInfo({ name, shape }: OnnxValueSpec) {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: {
          dim: shape.map((dim) =>
            typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim },
          ),
        },
      },
    },
  };
}

function attribute(name: string, value: OnnxAttributeValue) {
  if (typeof value === 'number') return { name, type: ATTRIBUTE_INT, i: value };
  if ('float' in value) return { name, type: ATTRIBUTE_FLOAT, f: value.float };
  return { name, type: ATTRIBUTE_INTS, ints: [...value] };
}

function initializer({ name, dims, data }: OnnxInitializerSpec) {
  const expected = dims.reduce((product, dim) => product * dim, 1);
  if (data.length !== expected) {
    throw new Error(`Initializer ${name}: ${data.length} values for dims [${dims.join(', ')}].`);
  }
  // raw_data is little-endian (onnx.proto); copy so that the encoder never
  // sees a view into a larger buffer, and so big-endian hosts would still be right.
  const raw = new Uint8Array(data.length * 4);
  const view = new DataView(raw.buffer);
  for (let index = 0; index < data.length; index++) {
    view.setFloat32(index * 4, data[index] as number, true);
  }
  return { name, dims: [...dims], dataType: FLOAT, rawData: raw };
}

/** Serialises a float32 inference graph to ONNX protobuf bytes (IR version 8). */
export function encodeOnnxModel(spec: OnnxModelSpec): Uint8Array {
  const type = onnxModelType();
  const message = type.fromObject({
    irVersion: 8,
    producerName: '@hashguard/testing',
    docString: spec.docString ?? '',
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    graph: {
      name: spec.name ?? 'graph',
      node: spec.nodes.map((node, index) => ({
        name: `${node.opType.toLowerCase()}_${index}`,
        opType: node.opType,
        input: [...node.inputs],
        output: [...node.outputs],
        attribute: Object.entries(node.attributes ?? {}).map(([name, value]) =>
          attribute(name, value),
        ),
      })),
      initializer: (spec.initializers ?? []).map(initializer),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
    },
  });
  return type.encode(message).finish();
}
