import { encodeOnnxModel } from './onnx-proto';

export interface PdqDctModelOptions {
  /**
   * The 16×64 row-major float32 DCT matrix D of PDQ (conformance README
   * step 7). Pass the table the WASM core ships,
   * `(await createPdqIntrospector()).dctMatrix()`, so that the model and the
   * core multiply by bit-identical constants.
   */
  dctMatrix: Float32Array;
}

/** Input name of the PDQ DCT model: A, 64×64 float32. */
export const PDQ_DCT_INPUT = 'a';
/** Output name of the PDQ DCT model: B, 16×16 float32. */
export const PDQ_DCT_OUTPUT = 'b';

/**
 * An ONNX graph of PDQ's 64×64 → 16×16 DCT stage (step 7) as two MatMuls:
 * T = D · A, then B = T · Dᵀ, with D and Dᵀ stored as constants. Its output
 * can be compared with the WASM core's B for the same A; the sums run in
 * the runtime's order (not strictly increasing k), so agreement is to
 * float32 rounding, not bit for bit.
 */
export function buildPdqDctModel({ dctMatrix }: PdqDctModelOptions): Uint8Array {
  if (!(dctMatrix instanceof Float32Array) || dctMatrix.length !== 16 * 64) {
    throw new Error('buildPdqDctModel: dctMatrix must be a Float32Array of 16×64 values.');
  }
  const transposed = new Float32Array(64 * 16);
  for (let i = 0; i < 16; i++) {
    for (let k = 0; k < 64; k++) transposed[k * 16 + i] = dctMatrix[i * 64 + k] as number;
  }
  return encodeOnnxModel({
    name: 'pdq_dct_64_to_16',
    docString: 'PDQ step 7: B = D · A · Dᵀ (D 16×64 float32, A 64×64).',
    inputs: [{ name: PDQ_DCT_INPUT, shape: [64, 64] }],
    outputs: [{ name: PDQ_DCT_OUTPUT, shape: [16, 16] }],
    initializers: [
      { name: 'd', dims: [16, 64], data: dctMatrix },
      { name: 'd_transposed', dims: [64, 16], data: transposed },
    ],
    nodes: [
      { opType: 'MatMul', inputs: ['d', PDQ_DCT_INPUT], outputs: ['t'] },
      { opType: 'MatMul', inputs: ['t', 'd_transposed'], outputs: [PDQ_DCT_OUTPUT] },
    ],
  });
}
