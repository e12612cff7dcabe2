import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readHead, withoutExifOrientation } from './exif-orientation';

const raw = Buffer.alloc(64 * 48 * 3, 0);
raw.forEach((_, i) => {
  raw[i] = (i * 7) % 251;
});
const image = () => sharp(raw, { raw: { width: 64, height: 48, channels: 3 } });

async function neutralised(bytes: Buffer): Promise<Buffer> {
  const blob = new Blob([new Uint8Array(bytes)]);
  const patched = withoutExifOrientation(blob, await readHead(blob));
  return Buffer.from(await patched.arrayBuffer());
}

describe('withoutExifOrientation', () => {
  it.each([
    ['JPEG', () => image().jpeg().withMetadata({ orientation: 6 }).toBuffer()],
    [
      'PNG (eXIf chunk, CRC recomputed)',
      () => image().png().withMetadata({ orientation: 6 }).toBuffer(),
    ],
  ])('%s: resets orientation 6 to 1 and leaves the pixels alone', async (_, make) => {
    const original = await make();
    expect((await sharp(original).metadata()).orientation).toBe(6);
    const patched = await neutralised(original);
    expect((await sharp(patched).metadata()).orientation).toBe(1);
    expect(patched.length).toBe(original.length);
    // failOn 'warning' makes sharp refuse a chunk with a bad CRC.
    const pixels = (bytes: Buffer) => sharp(bytes, { failOn: 'warning' }).raw().toBuffer();
    expect((await pixels(patched)).equals(await pixels(original))).toBe(true);
  });

  it('returns the same Blob when there is no orientation to reset', async () => {
    const blob = new Blob([await image().jpeg().toBuffer()]);
    expect(withoutExifOrientation(blob, await readHead(blob))).toBe(blob);
    const text = new Blob(['not an image']);
    expect(withoutExifOrientation(text, await readHead(text))).toBe(text);
  });
});
