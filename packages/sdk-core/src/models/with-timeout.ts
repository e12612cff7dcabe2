import { ModelError } from '../errors/model-error';

/** Timer globals, typed locally: sdk-core compiles without DOM or Node types. */
interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const timers = globalThis as unknown as Timers;

/**
 * Settles as `work` does, or rejects with `E_MODEL_TIMEOUT` after `ms`.
 * `work` itself cannot be interrupted (an ORT wasm run holds the thread's
 * instance until it returns); the caller stops waiting, nothing more.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  if (!Number.isFinite(ms)) return work;
  return new Promise<T>((resolve, reject) => {
    const timer = timers.setTimeout(() => {
      reject(
        new ModelError(
          'E_MODEL_TIMEOUT',
          `${what} took longer than ${ms} ms (timeoutMs). Raise timeoutMs, or use a smaller model or input size.`,
        ),
      );
    }, ms);
    work.then(
      (value) => {
        timers.clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        timers.clearTimeout(timer);
        reject(error);
      },
    );
  });
}
