import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Every JavaScript file the package ships: the entry, the inlined-worker chunk and the worker file. */
const shipped = (await readdir(DIST)).filter((name) => name.endsWith('.js'));

describe('the browser graph', () => {
  it('ships an entry, the inlined-worker chunk and the worker file', () => {
    expect(shipped).toContain('index.js');
    expect(shipped).toContain('worker.js');
    expect(shipped.some((name) => /^worker-source-.+\.js$/.test(name))).toBe(true);
  });

  it.each(shipped)('%s imports no Node built-in and never calls require', async (name) => {
    const code = await readFile(`${DIST}${name}`, 'utf8');
    expect(code).not.toMatch(/\bfrom\s*["']node:/);
    expect(code).not.toMatch(/\bimport\s*\(\s*["']node:/);
    expect(code).not.toMatch(
      /\brequire\s*\(\s*["'](node:)?(fs|path|crypto|os|url|worker_threads|child_process|http|stream|buffer)["']/,
    );
  });

  it('the worker file is self-contained: no import or export statements', async () => {
    const code = await readFile(`${DIST}worker.js`, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it("the entry's only imports are its declared dependencies and its own chunk", async () => {
    const code = await readFile(`${DIST}index.js`, 'utf8');
    const specifiers = [...code.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map(
      (m) => m[1],
    );
    for (const specifier of specifiers) {
      expect(specifier).toMatch(
        /^(@hashguard\/sdk-core|ky|hash-wasm|blurhash|\.\/worker-source-[\w-]+\.js)$/,
      );
    }
  });
});
