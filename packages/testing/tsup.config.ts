import { defineConfig } from 'tsup';

export default defineConfig({
  // `models` (ONNX test-model generators) is also the subpath
  // `@hashguard/testing/models`; named entries keep dist flat.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', models: 'src/models/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node22',
  platform: 'node',
  treeshake: true,
});
