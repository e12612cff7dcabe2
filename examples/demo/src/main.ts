// The Hashguard demo. Runs on embedded defaults: the benign images that
// @hashguard/testing ships, or ../shared/pdq-conformance/images when present.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashFiles } from '@hashguard/sdk-node';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const candidates = [
  join(repoRoot, '..', 'shared', 'pdq-conformance', 'images'),
  join(repoRoot, 'packages', 'testing', 'fixtures', 'images'),
];
const imageDir = candidates.find((dir) => existsSync(dir));
if (!imageDir) throw new Error('no demo images found');

console.log(`Hashguard demo: images from ${imageDir}\n`);
const files = readdirSync(imageDir)
  .filter((name) => /\.(png|jpe?g|webp|gif)$/i.test(name))
  .sort();

// One worker per core, each with its own WASM hasher; results come back in input order.
const started = performance.now();
const outcomes = await hashFiles(files.map((name) => join(imageDir, name)));
const seconds = (performance.now() - started) / 1000;

const short = (hex: string) => `${hex.slice(0, 12)}…`;
console.table(
  outcomes.map((outcome, index) =>
    'error' in outcome
      ? { file: files[index], error: outcome.error.code }
      : {
          file: files[index],
          size: `${outcome.width}×${outcome.height}`,
          pdq: short(outcome.pdq),
          quality: outcome.quality,
          sha256: short(outcome.sha256),
        },
  ),
);
console.log(`\n${files.length} images hashed in ${seconds.toFixed(2)} s`);

// A small list built from some of the images, then the folder checked against it (issue 5).
const blocked = await (await import('./check-folder.ts')).runCheckFolderDemo(imageDir);

// A blocked upload forwarded to the mock CyberTipline; prints the report id it got back (issue 7).
await (await import('./report-match.ts')).runReportMatchDemo(blocked);

// URL and keyword list checks (issue 10).
await (await import('./url-and-text.ts')).runUrlAndTextDemo();
