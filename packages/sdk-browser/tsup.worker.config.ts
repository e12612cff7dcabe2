import { writeFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

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
