import { randomBytes } from 'node:crypto';
import { InputError, isHashguardError } from '@hashguard/sdk-core';
import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { makePngHeaderBomb } from '../../test/helpers/png-bomb';
import { normaliseDecodeLimits } from './decode-limits';
import { createSharpDecoder } from './sharp-decoder';

const limits = normaliseDecodeLimits();
const decoder = createSharpDecoder();

/** Deterministic, non-trivial RGB pixels (a diagonal ramp with a prime stride). */
function ramp(width: number, height: number, channels = 3): Buffer {
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37 + Math.floor(i / 11)) & 0xff;
  return data;
}

function encode(pixels: Buffer, width: number, height: number, channels: 1 | 3 | 4 = 3) {
  return sharp(pixels, { raw: { width, height, channels } });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  expect(isHashguardError(error)).toBe(true);
  return (error as InputError).code;
}

/** Drops a PNG's iCCP chunk, leaving the stored pixel values as they were. */
function stripIccp(png: Buffer): Buffer {
  const parts = [png.subarray(0, 8)];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (png.toString('latin1', offset + 4, offset + 8) !== 'iCCP') {
      parts.push(png.subarray(offset, end));
    }
    offset = end;
  }
  return Buffer.concat(parts);
}

describe('createSharpDecoder: pixels', () => {
  it('decodes an RGB PNG losslessly at full size', async () => {
    const pixels = ramp(1500, 1100);
    const png = await encode(pixels, 1500, 1100).png().toBuffer();
    const decoded = await decoder.decode(png, limits);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([1500, 1100, 3]);
    expect(Buffer.from(decoded.data).equals(pixels)).toBe(true);
  });

  it('does not shrink a large JPEG on load', async () => {
    const jpeg = await encode(ramp(2400, 1600), 2400, 1600).jpeg().toBuffer();
    const decoded = await decoder.decode(jpeg, limits);
    expect([decoded.width, decoded.height]).toEqual([2400, 1600]);
  });

  it('keeps 8-bit gray as one channel with the gray values', async () => {
    const gray = ramp(64, 48, 1);
    const png = await encode(gray, 64, 48, 1).toColourspace('b-w').png().toBuffer();
    expect((await sharp(png).metadata()).channels).toBe(1); // A gray PNG, not RGB.
    const decoded = await decoder.decode(png, limits);
    expect(decoded.channels).toBe(1);
    expect(Buffer.from(decoded.data).equals(gray)).toBe(true);
  });

  it('keeps RGBA as four channels with the colour untouched', async () => {
    const rgba = ramp(40, 30, 4);
    const png = await encode(rgba, 40, 30, 4).png().toBuffer();
    const decoded = await decoder.decode(png, limits);
    expect(decoded.channels).toBe(4);
    expect(Buffer.from(decoded.data).equals(rgba)).toBe(true);
  });

  it.each([
    ['16-bit RGB', (s: Sharp) => s.toColourspace('rgb16').png()],
    ['CMYK', (s: Sharp) => s.toColourspace('cmyk').jpeg()],
    ['gray + alpha', (s: Sharp) => s.ensureAlpha().toColourspace('b-w').png()],
  ])('converts %s to 8-bit RGB', async (_name, convert) => {
    const bytes = await convert(encode(ramp(32, 24), 32, 24)).toBuffer();
    const decoded = await decoder.decode(bytes, limits);
    expect([decoded.width, decoded.height, decoded.channels]).toEqual([32, 24, 3]);
    expect(decoded.data.byteLength).toBe(32 * 24 * 3);
  });

  it('ignores an embedded ICC profile (no colour management)', async () => {
    const withProfile = await encode(ramp(48, 32), 48, 32).png().withIccProfile('p3').toBuffer();
    const stored = await sharp(stripIccp(withProfile)).raw().toBuffer();
    const managed = await sharp(withProfile).raw().toBuffer();
    expect(managed.equals(stored)).toBe(false); // The profile would change the pixels.
    const decoded = await decoder.decode(withProfile, limits);
    expect(Buffer.from(decoded.data).equals(stored)).toBe(true);
  });

  it('applies EXIF orientation only when asked', async () => {
    const jpeg = await encode(ramp(60, 20), 60, 20)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const stored = await decoder.decode(jpeg, limits);
    expect([stored.width, stored.height]).toEqual([60, 20]);
    const oriented = await decoder.decode(jpeg, { ...limits, applyExifOrientation: true });
    expect([oriented.width, oriented.height]).toEqual([20, 60]);
  });

  it('decodes only the first frame of an animated GIF', async () => {
    // Three solid frames in colours a GIF palette keeps exactly.
    const colours = [
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ];
    const frames = Buffer.concat(
      colours.map((rgb) =>
        Buffer.from(
          Array(8 * 6)
            .fill(rgb)
            .flat(),
        ),
      ),
    );
    const gif = await sharp(frames, { raw: { width: 8, height: 18, channels: 3, pageHeight: 6 } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const decoded = await decoder.decode(gif, limits);
    expect([decoded.width, decoded.height]).toEqual([8, 6]);
    const step = decoded.channels;
    for (let i = 0; i < decoded.data.length; i += step) {
      expect([...decoded.data.subarray(i, i + 3)]).toEqual([255, 0, 0]);
    }
  });

  it.each([
    ['WebP', (s: Sharp) => s.webp({ lossless: true })],
    ['TIFF', (s: Sharp) => s.tiff()],
    ['AVIF', (s: Sharp) => s.avif({ lossless: true })],
  ])('decodes %s', async (_name, convert) => {
    const pixels = ramp(30, 20);
    const decoded = await decoder.decode(await convert(encode(pixels, 30, 20)).toBuffer(), limits);
    expect([decoded.width, decoded.height]).toEqual([30, 20]);
    expect(decoded.data.byteLength).toBe(30 * 20 * decoded.channels);
  });
});

describe('createSharpDecoder: bad input gets a typed error', () => {
  it('refuses zero bytes with E_EMPTY_INPUT', async () => {
    expect(await codeOf(decoder.decode(new Uint8Array(0), limits))).toBe('E_EMPTY_INPUT');
  });

  it('refuses bytes over limits.maxBytes with E_INPUT_TOO_LARGE before decoding', async () => {
    const png = await encode(ramp(64, 64), 64, 64).png().toBuffer();
    const small = { ...limits, maxBytes: png.length - 1 };
    expect(await codeOf(decoder.decode(png, small))).toBe('E_INPUT_TOO_LARGE');
  });

  it.each([
    ['random bytes', randomBytes(4096)],
    ['a text file', Buffer.from('file,pdq,quality\nphoto.jpg,abc,100\n'.repeat(20))],
    [
      'an SVG (readable by sharp, not accepted)',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect/></svg>'),
    ],
  ])('refuses %s with E_UNSUPPORTED_FORMAT', async (_name, bytes) => {
    expect(await codeOf(decoder.decode(bytes, limits))).toBe('E_UNSUPPORTED_FORMAT');
  });

  it('refuses a format left out of options.formats', async () => {
    const pngOnly = createSharpDecoder({ formats: ['png'] });
    const jpeg = await encode(ramp(16, 16), 16, 16).jpeg().toBuffer();
    expect(await codeOf(pngOnly.decode(jpeg, limits))).toBe('E_UNSUPPORTED_FORMAT');
  });

  it.each([
    ['JPEG', (s: Sharp) => s.jpeg()],
    ['PNG', (s: Sharp) => s.png()],
  ])('refuses a truncated %s with E_CORRUPT_IMAGE', async (_name, convert) => {
    const whole = await convert(encode(ramp(400, 300), 400, 300)).toBuffer();
    await expect(decoder.decode(whole, limits)).resolves.toBeDefined();
    const truncated = whole.subarray(0, Math.floor(whole.length * 0.6));
    expect(await codeOf(decoder.decode(truncated, limits))).toBe('E_CORRUPT_IMAGE');
  });

  it('refuses an image over limits.maxPixels with E_IMAGE_TOO_LARGE', async () => {
    const png = await encode(ramp(100, 100), 100, 100).png().toBuffer();
    expect(await codeOf(decoder.decode(png, { ...limits, maxPixels: 9_999 }))).toBe(
      'E_IMAGE_TOO_LARGE',
    );
  });

  it('refuses a PNG declaring 50 000 × 50 000 pixels in < 100 ms with flat memory', async () => {
    const bomb = makePngHeaderBomb(50_000, 50_000);
    expect(bomb.length).toBeLessThan(200);
    await codeOf(decoder.decode(bomb, limits)); // Warm: sharp loads its codecs lazily.
    const rssBefore = process.memoryUsage().rss;
    const timings: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = performance.now();
      expect(await codeOf(decoder.decode(bomb, limits))).toBe('E_IMAGE_TOO_LARGE');
      timings.push(performance.now() - started);
    }
    // Best of three, so a busy shared machine does not fail the test; decoding the
    // 7.5 GB of pixels it declares would take seconds and gigabytes.
    expect(Math.min(...timings)).toBeLessThan(100);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a header just under the pixel limit with too little data as E_CORRUPT_IMAGE', async () => {
    const lie = makePngHeaderBomb(10_000, 9_999); // 99.99 MP declared, 1 KiB of rows.
    const rssBefore = process.memoryUsage().rss;
    expect(await codeOf(decoder.decode(lie, limits))).toBe('E_CORRUPT_IMAGE');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('keeps the sharp failure as the cause', async () => {
    const error = await decoder.decode(randomBytes(100), limits).catch((caught) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).cause).toBeInstanceOf(Error);
  });
});
