import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import { createModelSession } from './create-model-session';
import type { OnnxRuntime, OrtSessionLike, OrtTensorLike } from './onnx-runtime';

/**
 * A stand-in for onnxruntime-web whose runs finish when the test says so,
 * to observe queueing and timeouts without real models or sleeps. The ORT
 * behaviour itself is covered by sdk-node/test/models-*.test.ts.
 */
function fakeRuntime(options: { failLoad?: boolean } = {}) {
  const pending: { feeds: Record<string, OrtTensorLike>; finish: () => void }[] = [];
  let active = 0;
  let maxActive = 0;
  let released = 0;
  const session: OrtSessionLike = {
    inputNames: ['x'],
    outputNames: ['y'],
    inputMetadata: [{ name: 'x', isTensor: true, type: 'float32', shape: [2] }],
    outputMetadata: [{ name: 'y', isTensor: true, type: 'float32', shape: [2] }],
    run(feeds) {
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise((resolve) => {
        pending.push({
          feeds,
          finish: () => {
            active--;
            const x = feeds.x?.data as Float32Array;
            resolve({ y: { type: 'float32', dims: [2], data: x.map((v) => v * 2) } });
          },
        });
      });
    },
    async release() {
      released++;
    },
  };
  const runtime: OnnxRuntime = {
    InferenceSession: {
      async create() {
        if (options.failLoad) throw new Error('protobuf parsing failed');
        return session;
      },
    },
    Tensor: class {
      constructor(
        readonly type: string,
        readonly data: Float32Array,
        readonly dims: readonly number[],
      ) {}
    },
    env: { wasm: {} },
  };
  return {
    runtime,
    pending,
    get maxActive() {
      return maxActive;
    },
    get released() {
      return released;
    },
  };
}

/** Lets queued promise callbacks run (a few microtask turns; no timers). */
async function tick(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isHashguardError(error) ? error.code : 'not a HashguardError';
  }
}

describe('createModelSession', () => {
  it('runs one call at a time on a session, in call order', async () => {
    const fake = fakeRuntime();
    const session = await createModelSession({ model: Uint8Array.of(1), runtime: fake.runtime });
    const first = session.run({ x: { data: Float32Array.of(1, 2), dims: [2] } });
    const second = session.run({ x: { data: Float32Array.of(3, 4), dims: [2] } });
    await tick();
    expect(fake.pending).toHaveLength(1);
    fake.pending[0]?.finish();
    expect(Array.from((await first).y?.data ?? [])).toEqual([2, 4]);
    await tick();
    expect(fake.pending).toHaveLength(2);
    fake.pending[1]?.finish();
    expect(Array.from((await second).y?.data ?? [])).toEqual([6, 8]);
    expect(fake.maxActive).toBe(1);
  });

  it('times a run out with E_MODEL_TIMEOUT, and skips a call that timed out while queued', async () => {
    const fake = fakeRuntime();
    const session = await createModelSession({
      model: Uint8Array.of(1),
      runtime: fake.runtime,
      timeoutMs: 20,
    });
    const stuck = session.run({ x: { data: Float32Array.of(1, 1), dims: [2] } });
    const queued = session.run({ x: { data: Float32Array.of(2, 2), dims: [2] } });
    expect(await codeOf(stuck)).toBe('E_MODEL_TIMEOUT');
    expect(await codeOf(queued)).toBe('E_MODEL_TIMEOUT');
    // The stuck run finishes late; the queued one never reaches the runtime.
    fake.pending[0]?.finish();
    await tick();
    expect(fake.pending).toHaveLength(1);
    const next = session.run({ x: { data: Float32Array.of(5, 5), dims: [2] } });
    await tick();
    fake.pending[1]?.finish();
    expect(Array.from((await next).y?.data ?? [])).toEqual([10, 10]);
  });

  it('gives E_MODEL_LOAD when the runtime cannot load the model, with its message', async () => {
    const fake = fakeRuntime({ failLoad: true });
    const loading = createModelSession({ model: Uint8Array.of(1), runtime: fake.runtime });
    await expect(loading).rejects.toMatchObject({
      code: 'E_MODEL_LOAD',
      message: expect.stringContaining('protobuf parsing failed'),
    });
  });

  it('times a slow load out with E_MODEL_TIMEOUT and releases the session that arrives late', async () => {
    const fake = fakeRuntime();
    let finishLoad: (session: OrtSessionLike) => void = () => {};
    const session = await fake.runtime.InferenceSession.create(Uint8Array.of(1));
    const slow: OnnxRuntime = {
      ...fake.runtime,
      InferenceSession: { create: () => new Promise((resolve) => (finishLoad = resolve)) },
    };
    const loading = createModelSession({
      model: Uint8Array.of(1),
      runtime: slow,
      loadTimeoutMs: 20,
    });
    expect(await codeOf(loading)).toBe('E_MODEL_TIMEOUT');
    expect(fake.released).toBe(0);
    finishLoad(session);
    await tick();
    expect(fake.released).toBe(1);
  });

  it('gives E_MODEL_LOAD for empty bytes and E_INVALID_OPTIONS for no model', async () => {
    const fake = fakeRuntime();
    expect(
      await codeOf(createModelSession({ model: new Uint8Array(0), runtime: fake.runtime })),
    ).toBe('E_MODEL_LOAD');
    expect(
      await codeOf(createModelSession({ model: undefined as never, runtime: fake.runtime })),
    ).toBe('E_INVALID_OPTIONS');
  });

  it('applies the wasm options to the runtime before loading', async () => {
    const fake = fakeRuntime();
    await createModelSession({
      model: Uint8Array.of(1),
      runtime: fake.runtime,
      wasm: { wasmPaths: 'file:///ort/', numThreads: 1 },
    });
    expect(fake.runtime.env?.wasm).toEqual({ wasmPaths: 'file:///ort/', numThreads: 1 });
  });

  it('releases on close, waits for the run in flight, and refuses runs after', async () => {
    const fake = fakeRuntime();
    const session = await createModelSession({ model: Uint8Array.of(1), runtime: fake.runtime });
    const inFlight = session.run({ x: { data: Float32Array.of(1, 1), dims: [2] } });
    await tick();
    const closing = session.close();
    expect(fake.released).toBe(0);
    fake.pending[0]?.finish();
    await inFlight;
    await closing;
    expect(fake.released).toBe(1);
    expect(await codeOf(session.run({ x: { data: Float32Array.of(1, 1), dims: [2] } }))).toBe(
      'E_MODEL_RUN',
    );
  });
});
