import { defineConfig } from 'vitest/config';

// One project per package. Tests import sibling packages by name, so they run
// against the built `dist/` exactly as a member's code would: `./run test`
// builds first.
const packages = ['sdk-core', 'sdk-node', 'sdk-browser', 'testing'];

export default defineConfig({
  test: {
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: {
          name,
          root: `packages/${name}`,
          environment: 'node' as const,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        },
      })),
      {
        extends: true as const,
        test: {
          name: 'examples',
          root: 'examples',
          environment: 'node' as const,
          include: ['*/src/**/*.test.ts', '*/test/**/*.test.ts'],
        },
      },
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
