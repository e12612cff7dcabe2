import { readFile } from 'node:fs/promises';
import { ModelError } from '@hashguard/sdk-core';
import {
  createModelSession,
  createModelSignal,
  type ModelSession,
  type ModelSessionOptions,
  type ModelSignal,
  type ModelSignalOptions,
  type OrtWasmOptions,
} from '@hashguard/sdk-core/models';
import { resolveOrtWasmPaths } from './resolve-ort-wasm-paths';

/** In Node a model may also be a file path. */
export type NodeModelSource = ModelSessionOptions['model'];

/**
 * ORT's wasm settings for Node: files from the installed package, and one
 * thread, so ORT starts no worker threads (they need their own module
 * resolution and outlive a test's teardown). A member's own values win.
 */
export function nodeOrtWasmOptions(options: OrtWasmOptions = {}): OrtWasmOptions {
  return {
    wasmPaths: options.wasmPaths ?? resolveOrtWasmPaths(),
    numThreads: options.numThreads ?? 1,
  };
}

/** http(s), data: and blob: URLs go to ORT; anything else string-like is a file path. */
async function nodeModel(model: NodeModelSource): Promise<NodeModelSource> {
  const location =
    typeof model === 'string'
      ? model
      : typeof model === 'object' && model !== null && 'href' in model
        ? model.href
        : undefined;
  if (location === undefined || /^(https?|data|blob):/i.test(location)) return model;
  const path = location.startsWith('file:') ? new URL(location) : location;
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    throw new ModelError('E_MODEL_LOAD', `Could not read the model file ${location}.`, { cause });
  }
}

/** `createModelSignal` for Node: file paths accepted, ORT's wasm located and single-threaded. */
export async function createNodeModelSignal(options: ModelSignalOptions): Promise<ModelSignal> {
  return createModelSignal({
    ...options,
    model: await nodeModel(options.model),
    wasm: nodeOrtWasmOptions(options.wasm),
  });
}

/** `createModelSession` for Node, configured as `createNodeModelSignal` is. */
export async function createNodeModelSession(options: ModelSessionOptions): Promise<ModelSession> {
  return createModelSession({
    ...options,
    model: await nodeModel(options.model),
    wasm: nodeOrtWasmOptions(options.wasm),
  });
}
