// Generates the benign synthetic images in fixtures/images/ (gradients, rings,
// stripes, checkerboards, soft blobs: no photographs), used by the demo and by tests when
// ../shared/pdq-conformance is not beside the clone. Deterministic: the same sharp
// version writes the same bytes. Run: node packages/testing/scripts/make-fixture-images.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// sharp is a dependency of @hashguard/sdk-node, not of this package: the script is a
// one-off generator, so it borrows that install rather than adding a native dependency
// to the mock-hotline package.
const require = createRequire(new URL('../../sdk-node/package.json', import.meta.url));
const sharp = require('sharp');

const outDir = join(import.meta.dirname, '..', 'fixtures', 'images');
mkdirSync(outDir, { recursive: true });

/** Fills an RGB buffer from `pixel(x, y) -> [r, g, b]` (values 0..255). */
function render(width, height, pixel) {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const i = (y * width + x) * 3;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
    }
  }
  return { data, width, height };
}

const patterns = {
  // Smooth on purpose: PDQ rates featureless images low (quality < 50), and the demo shows it.
  smooth: (w, h) =>
    render(w, h, (x, y) => [(255 * x) / w, (255 * y) / h, 255 - (128 * (x + y)) / (w + h)]),
  stripes: (w, h) =>
    render(w, h, (x, y) => {
      const band = 127.5 + 127.5 * Math.sin((x + 2 * y) / 14);
      return [(200 * x) / w + 0.2 * band, band, (255 * y) / h];
    }),
  rings: (w, h) =>
    render(w, h, (x, y) => {
      const r = Math.hypot(x - w / 2, y - h / 2);
      const v = 127.5 + 127.5 * Math.cos(r / 9);
      return [v, 255 - v, 128 + 0.5 * (v - 128)];
    }),
  checker: (w, h) =>
    render(w, h, (x, y) =>
      (Math.floor(x / 40) + Math.floor(y / 40)) % 2 ? [230, 200, 60] : [30, 60, 140],
    ),
  blobs: (w, h) =>
    render(w, h, (x, y) => {
      const blob = (cx, cy, s) =>
        Math.exp(-((x - w * cx) ** 2 + (y - h * cy) ** 2) / (2 * (w * s) ** 2));
      const a = blob(0.3, 0.4, 0.12) + blob(0.8, 0.2, 0.06);
      const b = blob(0.7, 0.65, 0.1) + blob(0.2, 0.85, 0.05);
      return [40 + 200 * a, 50 + 180 * b, 90 + 60 * (a + b)];
    }),
};

const images = [
  ['synthetic-stripes-640x480.jpg', 'stripes', 640, 480],
  ['synthetic-rings-640x480.jpg', 'rings', 640, 480],
  ['synthetic-checker-800x600.jpg', 'checker', 800, 600],
  ['synthetic-blobs-1024x768.jpg', 'blobs', 1024, 768],
  ['synthetic-smooth-gradient-320x240.png', 'smooth', 320, 240],
  ['synthetic-rings-512x512.png', 'rings', 512, 512],
  ['synthetic-checker-300x300.png', 'checker', 300, 300],
  ['synthetic-blobs-700x900.png', 'blobs', 700, 900],
];

for (const [file, pattern, width, height] of images) {
  const { data } = patterns[pattern](width, height);
  const image = sharp(data, { raw: { width, height, channels: 3 } });
  const bytes = file.endsWith('.png')
    ? await image.png({ compressionLevel: 9 }).toBuffer()
    : await image.jpeg({ quality: 85 }).toBuffer();
  writeFileSync(join(outDir, file), bytes);
  console.log(`${file}  ${bytes.length} bytes`);
}
