import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

const WORKER_BUNDLE = fileURLToPath(new URL('./dist/worker.js', import.meta.url));

/**
 * Resolves `virtual:hashguard-worker-source` to the worker bundle that
 * tsup.worker.config.ts has just written, as a string constant. Inlining it
 * means members need no bundler configuration, no copy step and no server
 * route for the worker.
 */
const inlineWorker: Plugin = {
  name: 'inline-worker',
  setup(build) {
    build.onResolve({ filter: /^virtual:hashguard-worker-source$/ }, () => ({
      path: WORKER_BUNDLE,
      namespace: 'inline-worker',
    }));
    build.onLoad({ filter: /.*/, namespace: 'inline-worker' }, async () => ({
      contents: `export default ${JSON.stringify(await readFile(WORKER_BUNDLE, 'utf8'))};`,
      loader: 'js',
    }));
  },
};

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  platform: 'browser',
  dts: true,
  sourcemap: true,
  // dist/worker.js comes from the worker build that runs first.
  clean: false,
  target: 'es2023',
  treeshake: true,
  esbuildPlugins: [inlineWorker],
});
