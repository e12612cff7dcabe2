import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

/** A benign synthetic image: a two-axis gradient with a seed-dependent tilt. */
export async function syntheticPng(width: number, height: number, seed: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = ((x * seed + y * 7) * 3) & 0xff;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

export interface SampleSet {
  dir: string;
  good: string[];
  empty: string;
  text: string;
  truncatedPng: string;
  missing: string;
}

/** Good images of different sizes (so workers finish out of order) and a few bad files. */
export async function makeSampleSet(): Promise<SampleSet> {
  const dir = await mkdtemp(join(tmpdir(), 'hashguard-samples-'));
  await mkdir(join(dir, 'nested', 'deeper'), { recursive: true });
  const sizes: Array<[number, number]> = [
    [1200, 900],
    [40, 30],
    [640, 480],
    [64, 700],
    [300, 300],
  ];
  const good: string[] = [];
  for (const [index, [width, height]] of sizes.entries()) {
    const path = join(dir, index % 2 ? 'nested' : '.', `good-${index}.png`);
    await writeFile(path, await syntheticPng(width, height, index + 3));
    good.push(path);
  }
  const empty = join(dir, 'nested', 'deeper', 'empty.png');
  await writeFile(empty, '');
  const text = join(dir, 'notes.png');
  await writeFile(text, 'these are notes, not an image\n');
  const whole = await syntheticPng(200, 150, 1);
  const truncatedPng = join(dir, 'truncated.png');
  await writeFile(truncatedPng, whole.subarray(0, whole.length >> 1));
  return { dir, good, empty, text, truncatedPng, missing: join(dir, 'missing.png') };
}
