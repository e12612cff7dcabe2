// The Hashguard demo. Runs on embedded defaults: the benign images that
// @hashguard/testing ships, or ../shared/pdq-conformance/images when present.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const candidates = [
  join(repoRoot, '..', 'shared', 'pdq-conformance', 'images'),
  join(repoRoot, 'packages', 'testing', 'fixtures', 'images'),
];
const imageDir = candidates.find((dir) => existsSync(dir));
if (!imageDir) throw new Error('no demo images found');

console.log(`Hashguard demo: images from ${imageDir}\n`);
const rows = readdirSync(imageDir)
  .filter((name) => /\.(png|jpe?g|webp|gif)$/i.test(name))
  .sort()
  .map((name) => {
    const bytes = readFileSync(join(imageDir, name));
    return {
      file: name,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
  });
console.table(rows);

// URL and keyword list checks (issue 10).
await (await import('./url-and-text.ts')).runUrlAndTextDemo();
