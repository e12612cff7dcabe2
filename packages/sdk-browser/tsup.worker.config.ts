import { writeFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * onnxruntime-web is never bundled into the worker: a classic script cannot
 * split it into a lazy chunk, and it is several times the worker's budget.
 * worker-models.ts loads ORT's own classic build with `importScripts`, only
 * when models are configured, and passes it as `runtime`, so sdk-core's
 * `import('onnxruntime-web')` is never reached; it resolves to this stub.
 * (`external` does not work here: `noExternal` wins in tsup.)
 */
const withoutOnnxRuntime: Plugin = {
  name: 'without-onnxruntime',
  setup(build) {
    build.onResolve({ filter: /^onnxruntime-web(\/.*)?$/ }, () => ({
      path: 'onnxruntime-web',
      namespace: 'without-onnxruntime',
    }));
    build.onLoad({ filter: /.*/, namespace: 'without-onnxruntime' }, () => ({
      contents: 'export {};',
      loader: 'js',
    }));
  },
};

/**
 * The hashing worker as one self-contained classic script: a worker cannot
 * resolve bare imports, so sdk-core (with its inlined WASM) and hash-wasm are
 * bundled in. Classic rather than module so it also runs where module
 * workers are missing. Built before the main entry, which inlines it
 * (tsup.config.ts); also published as `@hashguard/sdk-browser/worker`.
 */
export default defineConfig({
  entry: { worker: 'src/worker/worker-main.ts' },
  format: ['iife'],
  platform: 'browser',
  target: 'es2022',
  noExternal: [/.*/],
  esbuildPlugins: [withoutOnnxRuntime],
  minify: true,
  dts: false,
  sourcemap: false,
  clean: true,
  treeshake: true,
  outExtension: () => ({ js: '.js' }),
  // The worker is a script to start, not a module to import; its declaration
  // says so, and lets type-aware tools resolve the `./worker` export.
  onSuccess: () =>
    writeFile(
      'dist/worker.d.ts',
      '/** The Hashguard hashing worker: start it with `new Worker(url)`; it exports nothing. */\nexport {};\n',
    ),
});
