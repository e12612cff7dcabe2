import * as ortWeb from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { configureOrtWasm, loadOnnxRuntime, type OnnxRuntime } from './onnx-runtime';

// Compile-time: the real module satisfies the structural port, so members
// can pass it (or onnxruntime-web/wasm, /webgpu) as `runtime` without casts.
const asPort: OnnxRuntime = ortWeb;

describe('loadOnnxRuntime', () => {
  it('loads the onnxruntime-web that sdk-core pins', async () => {
    const runtime = await loadOnnxRuntime();
    expect(runtime.InferenceSession).toBe(asPort.InferenceSession);
    expect(typeof runtime.InferenceSession.create).toBe('function');
    expect((runtime.env as { versions?: { web?: string } }).versions?.web).toBe('1.30.0');
  });

  it('sets only the wasm options given', () => {
    const runtime = { env: { wasm: { numThreads: 4, proxy: false } } } as unknown as OnnxRuntime;
    configureOrtWasm(runtime, { wasmPaths: '/ort/' });
    expect(runtime.env?.wasm).toEqual({ numThreads: 4, proxy: false, wasmPaths: '/ort/' });
  });
});
