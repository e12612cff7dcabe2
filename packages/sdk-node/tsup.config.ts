import { defineConfig } from 'tsup';

export default defineConfig({
  // Named entries keep dist flat: hashFiles finds its worker at ./hash-worker.js
  // beside the bundle, so the worker must be an entry of its own.
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli.ts',
    'hash-worker': 'src/hashing/hash-worker.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  // Keep `node:` specifiers: `node:sqlite` exists only with the prefix.
  removeNodeProtocol: false,
  treeshake: true,
});
