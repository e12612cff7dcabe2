import sharp from 'sharp';

/**
 * A benign synthetic photo-like picture: colour gradients with rings and a
 * few blocks, so PDQ has structure to hash (quality 100), plus fixed-seed
 * grain so the JPEG is as large as a camera photo (about 0.5 byte per pixel).
 * Nothing in it resembles a real scene.
 */
export function syntheticRgb(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let seed = 0x2545f491;
  const grain = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 24) / 8 - 16;
  };
  const cx = width * 0.4;
  const cy = height * 0.6;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const ring = Math.sin(Math.hypot(x - cx, y - cy) / (width / 60)) * 60;
      const block = ((Math.floor((x * 6) / width) + Math.floor((y * 4) / height)) % 2) * 50;
      data[i] = Math.max(0, Math.min(255, (255 * x) / width + ring - block / 2 + grain()));
      data[i + 1] = Math.max(0, Math.min(255, (255 * y) / height + block + grain()));
      data[i + 2] = Math.max(0, Math.min(255, 128 + ring + grain()));
    }
  }
  return data;
}

export async function syntheticJpeg(
  width: number,
  height: number,
  options: { orientation?: number; grayscale?: boolean } = {},
): Promise<Buffer> {
  let image = sharp(syntheticRgb(width, height), { raw: { width, height, channels: 3 } });
  if (options.grayscale) image = image.toColourspace('b-w');
  image = image.jpeg({ quality: 85 });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  return image.toBuffer();
}
