import {
  applyModelSignal,
  createModelSignal,
  evaluateModelSignal,
  type FailMode,
  ModelError,
  type ModelSignal,
  type OnnxRuntime,
  type Pixels,
} from '@hashguard/sdk-core';
import type { WorkerModelsConfig } from './protocol';

declare const self: DedicatedWorkerGlobalScope & { ort?: OnnxRuntime };

/**
 * onnxruntime-web in the worker, loaded on the first model run only: the
 * worker is one classic script (no bare imports, no code splitting), so ORT
 * is never bundled into it; `importScripts` loads ORT's classic build
 * (`ort.wasm.min.js`, which defines the global `ort`) from the URL the page
 * gave. Pages without models never fetch it, and the worker stays within its
 * size budget.
 */
let runtime: Promise<OnnxRuntime> | undefined;

function loadRuntime(scriptUrl: string): Promise<OnnxRuntime> {
  runtime ??= (async () => {
    try {
      if (!self.ort) self.importScripts(scriptUrl);
    } catch (cause) {
      throw new ModelError(
        'E_MODEL_LOAD',
        `Could not load onnxruntime-web from ${scriptUrl} in the worker (models.ortScriptUrl).`,
        { cause },
      );
    }
    if (!self.ort?.InferenceSession) {
      throw new ModelError(
        'E_MODEL_LOAD',
        `${scriptUrl} did not define onnxruntime-web's global \`ort\`; give the URL of ort.wasm.min.js (or ort.min.js).`,
      );
    }
    return self.ort;
  })();
  runtime.catch(() => {
    runtime = undefined; // a later configuration may give a working URL
  });
  return runtime;
}

interface LoadedModel {
  name: string;
  signal: Promise<ModelSignal>;
  scoreThresholds: Readonly<Record<string, number>>;
}

/** The worker's model stage: signals created once per configuration, reused by every file. */
export interface WorkerModels {
  /**
   * Runs every model on `pixels` and says only whether any asks for review
   * (a score over its threshold, or a failure under fail mode `closed`).
   * Scores never leave the worker. Never rejects.
   */
  flag(pixels: Pixels): Promise<boolean>;
  close(): Promise<void>;
}

export function createWorkerModels(config: WorkerModelsConfig): WorkerModels {
  const failMode: FailMode = config.failMode;
  const models: LoadedModel[] = config.signals.map((entry, index) => {
    const name = entry.signal.name ?? `model ${index + 1}`;
    const signal = createModelSignal({
      ...entry.signal,
      name,
      runtime: loadRuntime(config.ortScriptUrl),
      // ORT in a worker started from a Blob URL cannot find its .wasm beside
      // itself; by default it is taken from beside ort.wasm.min.js.
      wasm: { wasmPaths: new URL('./', config.ortScriptUrl).href, numThreads: 1, ...config.wasm },
    });
    signal.catch(() => {}); // settled per file below, by fail mode
    return { name, signal, scoreThresholds: entry.scoreThresholds };
  });

  return {
    async flag(pixels) {
      let flagged = false;
      for (const model of models) {
        let signal: ModelSignal;
        try {
          signal = await model.signal;
        } catch {
          // Never loaded: a failed model, settled by the fail mode like any other failure.
          if (failMode === 'closed') flagged = true;
          continue;
        }
        const evidence = await evaluateModelSignal(signal, pixels);
        const decision = applyModelSignal('allow', evidence, {
          scoreThresholds: model.scoreThresholds,
          failMode,
        });
        if (decision.verdict !== 'allow') flagged = true;
      }
      return flagged;
    },
    async close() {
      await Promise.all(
        models.map((model) => model.signal.then((signal) => signal.close()).catch(() => {})),
      );
    },
  };
}
