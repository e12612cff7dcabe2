// The generated PDQ DCT model (two MatMuls, D from the WASM core's own
// table) run by onnxruntime-web in Node, checked against the WASM core's B
// on every conformance image. Agreement is to float32 rounding: ORT sums in
// its own order, the core strictly in increasing k.
import { readdirSync, readFileSync } from 'node:fs';
import { createPdqIntrospector, type PdqIntrospector } from '@hashguard/sdk-core';
import type { ModelSession } from '@hashguard/sdk-core/models';
import { buildPdqDctModel, PDQ_DCT_INPUT, PDQ_DCT_OUTPUT } from '@hashguard/testing/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpDecoder } from '../src/hashing/sharp-decoder';
import { createNodeModelSession } from '../src/models/index';
import { CONFORMANCE_IMAGES } from './helpers/conformance';

const TOLERANCE = 1e-3;
const files = readdirSync(CONFORMANCE_IMAGES).sort();
const decoder = createSharpDecoder();
const limits = { maxPixels: 50_000_000, maxBytes: 50_000_000 };

let introspector: PdqIntrospector;
let session: ModelSession;
const differences: Record<string, number> = {};

beforeAll(async () => {
  introspector = await createPdqIntrospector();
  session = await createNodeModelSession({
    model: buildPdqDctModel({ dctMatrix: introspector.dctMatrix() }),
  });
});

afterAll(async () => {
  await session?.close();
  const worst = Math.max(...Object.values(differences));
  // Reported, not asserted beyond the tolerance: the figure issue 9 asks for.
  console.log(
    `PDQ DCT model vs WASM core: max |ΔB| over ${files.length} images = ${worst.toExponential(3)}`,
  );
});

describe('generated PDQ DCT model (onnxruntime-web, Node)', () => {
  it('declares A 64×64 in and B 16×16 out', () => {
    expect(session.inputs).toEqual([{ name: PDQ_DCT_INPUT, type: 'float32', shape: [64, 64] }]);
    expect(session.outputs).toEqual([{ name: PDQ_DCT_OUTPUT, type: 'float32', shape: [16, 16] }]);
  });

  it('covers the conformance images', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it.each(files)(`matches the WASM core's B within ${TOLERANCE} on %s`, async (file) => {
    const pixels = await decoder.decode(readFileSync(CONFORMANCE_IMAGES + file), limits);
    const { a, b } = introspector.intermediates(pixels);
    const out = await session.run({ [PDQ_DCT_INPUT]: { data: a, dims: [64, 64] } });
    const modelB = out[PDQ_DCT_OUTPUT];
    expect(modelB?.dims).toEqual([16, 16]);
    let worst = 0;
    for (let i = 0; i < 256; i++) {
      worst = Math.max(worst, Math.abs((modelB?.data[i] as number) - (b[i] as number)));
    }
    differences[file] = worst;
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
  });

  it('disagrees with the core when the graph is wrong (D used untransposed on the right)', async () => {
    const pixels = await decoder.decode(readFileSync(CONFORMANCE_IMAGES + files[0]), limits);
    const { a, b } = introspector.intermediates(pixels);
    // Transposing A is what a graph with the MatMuls swapped computes.
    const transposed = new Float32Array(64 * 64);
    for (let i = 0; i < 64; i++)
      for (let j = 0; j < 64; j++) transposed[j * 64 + i] = a[i * 64 + j] as number;
    const out = await session.run({ [PDQ_DCT_INPUT]: { data: transposed, dims: [64, 64] } });
    const data = out[PDQ_DCT_OUTPUT]?.data as Float32Array;
    const worst = Math.max(...Array.from(data, (v, i) => Math.abs(v - (b[i] as number))));
    expect(worst).toBeGreaterThan(TOLERANCE);
  });
});
