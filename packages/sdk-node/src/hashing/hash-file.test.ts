import { createHash } from 'node:crypto';
import {
  ConfigError,
  type DecodeLimits,
  type Hasher,
  HashingError,
  type ImageDecoder,
  InputError,
  type Pixels,
} from '@hashguard/sdk-core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_PIXELS } from './decode-limits';
import { hashFile } from './hash-file';

const BYTES = new TextEncoder().encode('pretend these are image bytes');
const PIXELS: Pixels = { width: 7, height: 5, channels: 3, data: new Uint8Array(7 * 5 * 3) };
const HEX = (digit: string) => digit.repeat(64);

/** In-memory ports: they record what hashFile hands them. */
function fakes(overrides: Partial<Hasher> = {}) {
  const calls: { limits?: DecodeLimits; mode?: string | undefined } = {};
  const decoder: ImageDecoder = {
    async decode(_bytes, limits) {
      calls.limits = limits;
      return PIXELS;
    },
  };
  const hasher: Hasher = {
    simd: false,
    pdq(_pixels, options) {
      calls.mode = options?.mode;
      return { hash: HEX('a'), quality: 87, bytes: new Uint8Array(32) };
    },
    pdqDihedral(_pixels, options) {
      calls.mode = options?.mode;
      return {
        quality: 87,
        hashes: {
          original: HEX('a'),
          rotate90: HEX('1'),
          rotate180: HEX('2'),
          rotate270: HEX('3'),
          flipx: HEX('4'),
          flipy: HEX('5'),
          flipPlus1: HEX('6'),
          flipMinus1: HEX('7'),
        },
      };
    },
    hamming: () => 0,
    ...overrides,
  };
  return { decoder, hasher, calls };
}

describe('hashFile', () => {
  it('combines digests of the original bytes with PDQ and size of the decoded pixels', async () => {
    const { decoder, hasher } = fakes();
    const result = await hashFile(BYTES, { decoder, hasher });
    expect(result).toEqual({
      pdq: HEX('a'),
      quality: 87,
      md5: createHash('md5').update(BYTES).digest('hex'),
      sha1: createHash('sha1').update(BYTES).digest('hex'),
      sha256: createHash('sha256').update(BYTES).digest('hex'),
      width: 7,
      height: 5,
    });
    expect(Object.keys(result)).toEqual([
      'pdq',
      'quality',
      'md5',
      'sha1',
      'sha256',
      'width',
      'height',
    ]);
  });

  it('defaults to reference mode, no EXIF orientation and the default limits', async () => {
    const { decoder, hasher, calls } = fakes();
    await hashFile(BYTES, { decoder, hasher });
    expect(calls.mode).toBe('reference');
    expect(calls.limits).toEqual({
      maxPixels: DEFAULT_MAX_PIXELS,
      maxBytes: DEFAULT_MAX_BYTES,
      applyExifOrientation: false,
    });
  });

  it('passes mode, exifOrientation and limits through', async () => {
    const { decoder, hasher, calls } = fakes();
    await hashFile(BYTES, {
      decoder,
      hasher,
      mode: 'full-resolution',
      exifOrientation: true,
      limits: { maxPixels: 1234 },
    });
    expect(calls.mode).toBe('full-resolution');
    expect(calls.limits).toEqual({
      maxPixels: 1234,
      maxBytes: DEFAULT_MAX_BYTES,
      applyExifOrientation: true,
    });
  });

  it('adds the eight dihedral hashes with dihedral: true, original as pdq', async () => {
    const { decoder, hasher } = fakes();
    const result = await hashFile(BYTES, { decoder, hasher, dihedral: true });
    expect(result.pdq).toBe(HEX('a'));
    expect(Object.keys(result.pdqDihedral ?? {})).toEqual([
      'original',
      'rotate90',
      'rotate180',
      'rotate270',
      'flipx',
      'flipy',
      'flipPlus1',
      'flipMinus1',
    ]);
  });

  it('refuses input over limits.maxBytes before decoding', async () => {
    const { decoder, hasher, calls } = fakes();
    const error = await hashFile(BYTES, { decoder, hasher, limits: { maxBytes: 4 } }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('E_INPUT_TOO_LARGE');
    expect(calls.limits).toBeUndefined();
  });

  it('wraps an untyped hasher failure as E_HASH_FAILED with the cause', async () => {
    const boom = new RangeError('out of linear memory');
    const { decoder, hasher } = fakes({
      pdq() {
        throw boom;
      },
    });
    const error = await hashFile(BYTES, { decoder, hasher }).catch((e) => e);
    expect(error).toBeInstanceOf(HashingError);
    expect((error as HashingError).code).toBe('E_HASH_FAILED');
    expect((error as HashingError).cause).toBe(boom);
  });

  it.each([
    [{ mode: 'fast' as never }],
    [{ limits: { maxPixels: 0 } }],
    [{ limits: { maxBytes: Number.POSITIVE_INFINITY } }],
  ])('refuses invalid options %j with a ConfigError', async (options) => {
    const { decoder, hasher } = fakes();
    await expect(hashFile(BYTES, { decoder, hasher, ...options })).rejects.toBeInstanceOf(
      ConfigError,
    );
  });
});
