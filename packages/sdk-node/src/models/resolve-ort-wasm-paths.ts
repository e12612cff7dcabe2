import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ModelError } from '@hashguard/sdk-core';

let resolved: string | undefined;

/**
 * The `dist/` folder of the onnxruntime-web that @hashguard/sdk-core loads,
 * as a file URL ending in `/`, for `ort.env.wasm.wasmPaths`. Resolved from
 * sdk-core's own location, so it names the very copy sdk-core imports (a
 * second copy would be a second, unconfigured ORT), and it keeps working
 * when the member's server is bundled and `import.meta.url` no longer
 * points into node_modules.
 */
export function resolveOrtWasmPaths(): string {
  if (resolved) return resolved;
  try {
    // sdk-core exports ./package.json to every resolver; its entry only to `import`.
    const core = createRequire(import.meta.url).resolve('@hashguard/sdk-core/package.json');
    const fromCore = createRequire(core);
    // The package's `require` + `node` export is dist/ort.node.min.js.
    const entry = fromCore.resolve('onnxruntime-web');
    resolved = `${pathToFileURL(dirname(entry)).href}/`;
    return resolved;
  } catch (cause) {
    throw new ModelError(
      'E_MODEL_LOAD',
      'Could not find onnxruntime-web beside @hashguard/sdk-core; reinstall dependencies.',
      { cause },
    );
  }
}
