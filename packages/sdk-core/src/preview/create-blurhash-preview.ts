import { encode } from 'blurhash';
import { ConfigError } from '../errors/config-error';
import { HashingError } from '../errors/hashing-error';
import type { Pixels } from '../ports/image-decoder';

export interface BlurhashPreviewOptions {
  /** Horizontal detail, 1..9 (blurhash's limit). Default 4. */
  componentsX?: number;
  /** Vertical detail, 1..9 (blurhash's limit). Default 3. */
  componentsY?: number;
  /**
   * The longest side the pixels are box-averaged down to before encoding.
   * Encoding costs width × height × componentsX × componentsY, and a blurred
   * 4×3 placeholder carries no more information from 12 megapixels than from
   * 4 thousand. Default 64.
   */
  maxSide?: number;
}

/** A blurred stand-in a moderator can triage from without seeing the image itself. */
export interface BlurhashPreview {
  /** The blurhash string (https://blurha.sh), decodable by any blurhash library. */
  blurhash: string;
  /** Dimensions of the source pixels, so a review queue can keep the aspect ratio. */
  width: number;
  height: number;
  componentsX: number;
  componentsY: number;
}

interface PreviewConfig {
  componentsX: number;
  componentsY: number;
  maxSide: number;
}

function normalisePreviewOptions(options: BlurhashPreviewOptions): PreviewConfig {
  const config = {
    componentsX: options.componentsX ?? 4,
    componentsY: options.componentsY ?? 3,
    maxSide: options.maxSide ?? 64,
  };
  for (const key of ['componentsX', 'componentsY'] as const) {
    const value = config[key];
    if (!Number.isInteger(value) || value < 1 || value > 9) {
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        `${key} must be an integer from 1 to 9, got ${value}.`,
      );
    }
  }
  if (!Number.isInteger(config.maxSide) || config.maxSide < 1) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `maxSide must be a positive integer, got ${config.maxSide}.`,
    );
  }
  return config;
}

function checkPixels(pixels: Pixels): void {
  const { width, height, channels, data } = pixels;
  const valid =
    Number.isInteger(width) &&
    Number.isInteger(height) &&
    width > 0 &&
    height > 0 &&
    (channels === 1 || channels === 3 || channels === 4) &&
    data instanceof Uint8Array &&
    data.length === width * height * channels;
  if (!valid) {
    throw new HashingError(
      'E_INVALID_PIXELS',
      `Pixels must be width × height × channels (1, 3 or 4) bytes; got ${width}×${height}×${channels} with ${data?.length} bytes.`,
    );
  }
}

/**
 * Box-averages `pixels` to fit `maxSide` and returns opaque RGBA, the layout
 * blurhash's encoder reads (it ignores alpha). Gray is expanded to R=G=B.
 */
function toSmallRgba(
  pixels: Pixels,
  maxSide: number,
): { rgba: Uint8ClampedArray; width: number; height: number } {
  const { width, height, channels, data } = pixels;
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const outWidth = Math.max(1, Math.round(width * scale));
  const outHeight = Math.max(1, Math.round(height * scale));
  const rgba = new Uint8ClampedArray(outWidth * outHeight * 4);
  for (let oy = 0; oy < outHeight; oy++) {
    const y0 = Math.floor((oy * height) / outHeight);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * height) / outHeight));
    for (let ox = 0; ox < outWidth; ox++) {
      const x0 = Math.floor((ox * width) / outWidth);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * width) / outWidth));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const i = (y * width + x) * channels;
          const red = data[i]!;
          r += red;
          g += channels === 1 ? red : data[i + 1]!;
          b += channels === 1 ? red : data[i + 2]!;
        }
      }
      const count = (y1 - y0) * (x1 - x0);
      const o = (oy * outWidth + ox) * 4;
      rgba[o] = r / count;
      rgba[o + 1] = g / count;
      rgba[o + 2] = b / count;
      rgba[o + 3] = 255;
    }
  }
  return { rgba, width: outWidth, height: outHeight };
}

/**
 * A blurhash placeholder of decoded pixels. Pure: runtimes decode (sharp in
 * Node, createImageBitmap in the browser) and hand the pixels here.
 */
export function createBlurhashPreview(
  pixels: Pixels,
  options: BlurhashPreviewOptions = {},
): BlurhashPreview {
  const config = normalisePreviewOptions(options);
  checkPixels(pixels);
  const small = toSmallRgba(pixels, config.maxSide);
  return {
    blurhash: encode(small.rgba, small.width, small.height, config.componentsX, config.componentsY),
    width: pixels.width,
    height: pixels.height,
    componentsX: config.componentsX,
    componentsY: config.componentsY,
  };
}
