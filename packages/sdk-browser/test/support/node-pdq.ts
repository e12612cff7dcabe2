import { createHasher, DIHEDRAL_NAMES, type Hasher, type Pixels } from '@hashguard/sdk-core';
import sharp from 'sharp';

let hasher: Promise<Hasher> | undefined;

/**
 * PDQ of an image file in Node, the way the server side hashes it: sharp
 * decode without EXIF rotation or ICC colour management (the reference
 * pipeline; a grayscale file stays one channel, as libjpeg and libpng give
 * it), then sdk-core's hasher in reference mode. The other runtime in the
 * cross-runtime comparison.
 */
export async function nodePdq(bytes: Uint8Array): Promise<{ hash: string; quality: number }> {
  const { hash, quality } = (await loadHasher()).pdq(await nodePixels(bytes), {
    mode: 'reference',
  });
  return { hash, quality };
}

/** The eight dihedral PDQ hashes in Node, in sdk-core's `DIHEDRAL_NAMES` order (original first). */
export async function nodePdqDihedral(bytes: Uint8Array): Promise<string[]> {
  const { hashes } = (await loadHasher()).pdqDihedral(await nodePixels(bytes), {
    mode: 'reference',
  });
  return DIHEDRAL_NAMES.map((name) => hashes[name]);
}

function loadHasher(): Promise<Hasher> {
  hasher ??= createHasher();
  return hasher;
}

async function nodePixels(bytes: Uint8Array): Promise<Pixels> {
  const gray = ((await sharp(bytes).metadata()).channels ?? 3) <= 2;
  let image = sharp(bytes, { ignoreIcc: true }).removeAlpha();
  if (gray) image = image.toColourspace('b-w');
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  const pixels = {
    width: info.width,
    height: info.height,
    channels: info.channels as 1 | 3,
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
  return pixels;
}
