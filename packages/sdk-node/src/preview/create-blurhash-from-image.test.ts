import { decodeBlurhashPreview, isHashguardError } from '@hashguard/sdk-core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createBlurhashFromImage } from './create-blurhash-from-image';

/** 400×200: dark on the left, bright on the right (a smooth ramp, which blurhash renders faithfully). */
async function rampJpeg(orientation?: number): Promise<Buffer> {
  const width = 400;
  const height = 200;
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++)
    raw.fill(Math.round((255 * (i % width)) / width), i * 3, i * 3 + 3);
  const image = sharp(raw, { raw: { width, height, channels: 3 } }).jpeg();
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer();
}

const decode = (blurhash: string, width: number, height: number) =>
  decodeBlurhashPreview(blurhash, width, height).data;

function meanBrightness(rgba: Uint8Array, width: number, x0: number, x1: number): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const x = (i / 4) % width;
    if (x >= x0 && x < x1) {
      sum += rgba[i]!;
      count++;
    }
  }
  return sum / count;
}

describe('createBlurhashFromImage (sharp)', () => {
  it("keeps the picture's coarse layout and the full image size", async () => {
    const preview = await createBlurhashFromImage(await rampJpeg());
    expect(preview).toMatchObject({ width: 400, height: 200, componentsX: 4, componentsY: 3 });
    const pixels = decode(preview.blurhash, 40, 20);
    // blurhash keeps only a few low frequencies, so the ramp comes back
    // flattened; its direction survives.
    expect(meanBrightness(pixels, 40, 30, 40) - meanBrightness(pixels, 40, 0, 10)).toBeGreaterThan(
      20,
    );
    const mirrored = await createBlurhashFromImage(
      await sharp(await rampJpeg())
        .flop()
        .jpeg()
        .toBuffer(),
    );
    const mirroredPixels = decode(mirrored.blurhash, 40, 20);
    expect(
      meanBrightness(mirroredPixels, 40, 0, 10) - meanBrightness(mirroredPixels, 40, 30, 40),
    ).toBeGreaterThan(20);
  });

  it('shows the picture as displayed: EXIF orientation 6 is applied and the size swaps', async () => {
    const preview = await createBlurhashFromImage(await rampJpeg(6));
    expect(preview).toMatchObject({ width: 200, height: 400 });
    const upright = await createBlurhashFromImage(
      await sharp(await rampJpeg(6))
        .rotate()
        .jpeg()
        .toBuffer(),
    );
    // Same picture either way round: decoded previews agree to within JPEG re-encoding noise.
    const a = decode(preview.blurhash, 20, 40);
    const b = decode(upright.blurhash, 20, 40);
    let difference = 0;
    for (let i = 0; i < a.length; i++) difference += Math.abs(a[i]! - b[i]!);
    expect(difference / a.length).toBeLessThan(4);
  });

  it('refuses a file that is not an image with E_UNSUPPORTED_FORMAT', async () => {
    const error = await createBlurhashFromImage(new TextEncoder().encode('not an image')).catch(
      (e: unknown) => e,
    );
    expect(isHashguardError(error, 'E_UNSUPPORTED_FORMAT')).toBe(true);
  });

  it('refuses an image over maxPixels with E_IMAGE_TOO_LARGE', async () => {
    const error = await createBlurhashFromImage(await rampJpeg(), { maxPixels: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(isHashguardError(error, 'E_IMAGE_TOO_LARGE')).toBe(true);
  });
});
