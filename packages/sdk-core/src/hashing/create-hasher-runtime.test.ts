import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';

// How createHasher adapts to the runtime: a fresh copy of the module per test
// (the SIMD check is cached per realm), with WebAssembly stubbed. sdk-core
// compiles without DOM or Node types, so the global is reached untyped.
const realm = globalThis as unknown as { WebAssembly?: { validate(bytes: Uint8Array): boolean } };
const realWebAssembly = realm.WebAssembly!;

async function freshCreateHasher() {
  vi.resetModules();
  return (await import('./create-hasher')).createHasher;
}

afterEach(() => {
  vi.restoreAllMocks();
  realm.WebAssembly = realWebAssembly;
});

describe('createHasher on runtimes without SIMD or WebAssembly', () => {
  it('falls back to the scalar build when WebAssembly.validate refuses SIMD', async () => {
    const createHasher = await freshCreateHasher();
    const validate = vi.spyOn(realWebAssembly, 'validate').mockReturnValue(false);
    const hasher = await createHasher();
    expect(validate).toHaveBeenCalled();
    expect(hasher.simd).toBe(false);
    const gray = {
      width: 40,
      height: 30,
      channels: 1 as const,
      data: new Uint8Array(1200).map((_, i) => i * 7),
    };
    expect(hasher.pdq(gray).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses simd: true there with E_WASM_UNAVAILABLE', async () => {
    const createHasher = await freshCreateHasher();
    vi.spyOn(realWebAssembly, 'validate').mockReturnValue(false);
    const error = await createHasher({ simd: true }).catch((e: unknown) => e);
    expect(isHashguardError(error, 'E_WASM_UNAVAILABLE')).toBe(true);
  });

  it('refuses with E_WASM_UNAVAILABLE when there is no WebAssembly at all', async () => {
    const createHasher = await freshCreateHasher();
    delete realm.WebAssembly;
    const error = await createHasher().catch((e: unknown) => e);
    expect(isHashguardError(error, 'E_WASM_UNAVAILABLE')).toBe(true);
  });
});
