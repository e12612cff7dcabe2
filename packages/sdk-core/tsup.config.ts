import { defineConfig } from 'tsup';

export default defineConfig({
  // `models` is also a subpath (`@hashguard/sdk-core/models`), so adapters and
  // members can use model signals without the rest of the core; named entries
  // keep dist flat, and shared code lands in chunks both entries import.
  entry: { index: 'src/index.ts', models: 'src/models/index.ts' },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2023',
  treeshake: true,
});
