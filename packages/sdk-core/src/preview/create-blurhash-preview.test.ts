import { decode, encode, isBlurhashValid } from 'blurhash';
import { describe, expect, it } from 'vitest';
import { isHashguardError } from '../errors/is-hashguard-error';
import type { Pixels } from '../ports/image-decoder';
import { createBlurhashPreview } from './create-blurhash-preview';
import { decodeBlurhashPreview } from './decode-blurhash-preview';

/**
 * A smooth two-colour pattern on a grid of `cell`-pixel squares, so that an
 * upscaled copy (cell 10) box-averages back to exactly the small one (cell 1).
 * With `gray`, every channel gets the red value (R = G = B).
 */
function pattern(
  width: number,
  height: number,
  channels: 1 | 3 | 4,
  cell: number,
  gray = channels === 1,
): Pixels {
  const data = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const gx = Math.floor(x / cell);
      const gy = Math.floor(y / cell);
      const rgb = [(gx * 5) % 256, (gy * 7) % 256, ((gx + gy) * 3) % 256];
      for (let c = 0; c < channels; c++) {
        data[(y * width + x) * channels + c] = c === 3 ? 255 : gray ? rgb[0]! : rgb[c]!;
      }
    }
  }
  return { width, height, channels, data };
}

describe('createBlurhashPreview', () => {
  it('equals blurhash.encode of the same RGBA when no downscaling is needed', () => {
    const pixels = pattern(48, 32, 4, 1);
    const preview = createBlurhashPreview(pixels);
    const rgba = new Uint8ClampedArray(pixels.data);
    expect(preview.blurhash).toBe(encode(rgba, 48, 32, 4, 3));
    expect(isBlurhashValid(preview.blurhash).result).toBe(true);
    expect(preview).toMatchObject({ width: 48, height: 32, componentsX: 4, componentsY: 3 });
  });

  it('box-averages large pixels: a 10x upscaled copy gives the same blurhash', () => {
    const small = createBlurhashPreview(pattern(48, 32, 3, 1)).blurhash;
    const large = createBlurhashPreview(pattern(480, 320, 3, 10), { maxSide: 48 });
    expect(large.blurhash).toBe(small);
    expect(large).toMatchObject({ width: 480, height: 320 });
  });

  it('encodes the requested component counts in the size character', () => {
    const preview = createBlurhashPreview(pattern(40, 40, 4, 1), {
      componentsX: 5,
      componentsY: 2,
    });
    // blurhash's first base83 digit is (componentsX - 1) + (componentsY - 1) * 9.
    const base83 =
      '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~';
    expect(base83.indexOf(preview.blurhash[0]!)).toBe(4 + 1 * 9);
    // 1 size + 1 maximum-AC + 4 DC digits, then 2 digits per AC component.
    expect(preview.blurhash).toHaveLength(6 + 2 * (5 * 2 - 1));
  });

  it('averages when it downscales: a fine 0/254 checkerboard previews as flat gray 127', () => {
    const checker = new Uint8Array(96 * 64);
    checker.forEach((_, i) => {
      checker[i] = ((i % 96) + Math.floor(i / 96)) % 2 === 0 ? 0 : 254;
    });
    const flat = new Uint8Array(48 * 32).fill(127);
    const options = { maxSide: 48 };
    const fine = createBlurhashPreview(
      { width: 96, height: 64, channels: 1, data: checker },
      options,
    );
    const gray = createBlurhashPreview({ width: 48, height: 32, channels: 1, data: flat }, options);
    expect(fine.blurhash).toBe(gray.blurhash);
  });

  it('gives gray, RGB and RGBA of the same picture the same blurhash', () => {
    const gray = createBlurhashPreview(pattern(90, 70, 1, 1)).blurhash;
    expect(createBlurhashPreview(pattern(90, 70, 3, 1, true)).blurhash).toBe(gray);
    expect(createBlurhashPreview(pattern(90, 70, 4, 1, true)).blurhash).toBe(gray);
  });

  it.each([[{ componentsX: 0 }], [{ componentsY: 10 }], [{ componentsX: 2.5 }], [{ maxSide: 0 }]])(
    'refuses options %j with E_INVALID_OPTIONS',
    (options) => {
      expect(() => createBlurhashPreview(pattern(8, 8, 3, 1), options)).toThrow(
        expect.objectContaining({ code: 'E_INVALID_OPTIONS' }),
      );
    },
  );

  it('refuses pixels whose buffer does not match their dimensions', () => {
    let caught: unknown;
    try {
      createBlurhashPreview({ width: 10, height: 10, channels: 3, data: new Uint8Array(10) });
    } catch (error) {
      caught = error;
    }
    expect(isHashguardError(caught, 'E_INVALID_PIXELS')).toBe(true);
  });
});

describe('decodeBlurhashPreview', () => {
  it('renders exactly what blurhash.decode renders, as RGBA Pixels', () => {
    const preview = createBlurhashPreview(pattern(48, 32, 3, 1));
    const rendered = decodeBlurhashPreview(preview.blurhash, 8, 4);
    expect(rendered).toMatchObject({ width: 8, height: 4, channels: 4 });
    expect(Array.from(rendered.data)).toEqual(Array.from(decode(preview.blurhash, 8, 4)));
  });

  it.each([
    ['a malformed blurhash', 'not-a-blurhash', 32, 32, 'E_CORRUPT_IMAGE'],
    ['a zero size', 'LEHV6nWB2yk8pyo0adR*.7kCMdnj', 0, 32, 'E_INVALID_OPTIONS'],
  ])('refuses %s with %s', (_, blurhash, width, height, code) => {
    let caught: unknown;
    try {
      decodeBlurhashPreview(blurhash, width, height);
    } catch (error) {
      caught = error;
    }
    expect(isHashguardError(caught, code)).toBe(true);
  });
});
