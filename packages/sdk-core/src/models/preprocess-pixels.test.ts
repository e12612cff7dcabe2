import { describe, expect, it } from 'vitest';
import type { Pixels } from '../ports/image-decoder';
import { type PreprocessConfig, preprocessPixels } from './preprocess-pixels';

const base: PreprocessConfig = {
  width: 2,
  height: 2,
  resize: 'nearest',
  layout: 'nchw',
  mean: [0, 0, 0],
  std: [1, 1, 1],
  channelOrder: 'rgb',
};

/** 2×2 RGB: each pixel's R is its index × 10, G = 100 + that, B = 200 + that. */
const quad: Pixels = {
  width: 2,
  height: 2,
  channels: 3,
  data: Uint8Array.from([0, 100, 200, 10, 110, 210, 20, 120, 220, 30, 130, 230]),
};

describe('preprocessPixels', () => {
  it('writes planes in NCHW and interleaves in NHWC', () => {
    const nchw = preprocessPixels(quad, base);
    const nhwc = preprocessPixels(quad, { ...base, layout: 'nhwc' });
    const scaled = (values: number[]) => values.map((v) => Math.fround(v / 255));
    expect(Array.from(nchw)).toEqual(
      scaled([0, 10, 20, 30, 100, 110, 120, 130, 200, 210, 220, 230]),
    );
    expect(Array.from(nhwc)).toEqual(
      scaled([0, 100, 200, 10, 110, 210, 20, 120, 220, 30, 130, 230]),
    );
  });

  it('swaps R and B for bgr models', () => {
    const bgr = preprocessPixels(quad, { ...base, layout: 'nhwc', channelOrder: 'bgr' });
    expect(bgr[0]).toBeCloseTo(200 / 255, 6);
    expect(bgr[2]).toBeCloseTo(0, 6);
  });

  it('applies mean and std on the 0..1 scale', () => {
    const out = preprocessPixels(quad, { ...base, mean: [0.5, 0.5, 0.5], std: [0.25, 0.5, 1] });
    // R of pixel 3: (30/255 − 0.5) / 0.25; B of pixel 0: 200/255 − 0.5.
    expect(out[3]).toBeCloseTo((30 / 255 - 0.5) / 0.25, 5);
    expect(out[8]).toBeCloseTo(200 / 255 - 0.5, 5);
  });

  it('repeats gray into three channels and ignores alpha', () => {
    const gray: Pixels = { width: 1, height: 1, channels: 1, data: Uint8Array.of(51) };
    const rgba: Pixels = { width: 1, height: 1, channels: 4, data: Uint8Array.of(51, 51, 51, 0) };
    const config = { ...base, width: 1, height: 1 };
    expect(Array.from(preprocessPixels(gray, config))).toEqual([0.2, 0.2, 0.2].map(Math.fround));
    expect(preprocessPixels(rgba, config)).toEqual(preprocessPixels(gray, config));
  });

  it('bilinear: upsampling a 2-pixel ramp interpolates between sample centres', () => {
    const ramp: Pixels = { width: 2, height: 1, channels: 1, data: Uint8Array.of(0, 255) };
    const out = preprocessPixels(ramp, { ...base, width: 4, height: 1, resize: 'bilinear' });
    // Output centres map to input x = −0.25, 0.25, 0.75, 1.25 → clamped 0, 0.25, 0.75, 1.
    expect(Array.from(out.subarray(0, 4)).map((v) => Number(v.toFixed(5)))).toEqual([
      0, 0.25, 0.75, 1,
    ]);
  });

  it('nearest: downsampling picks the sample each output centre falls in', () => {
    const row: Pixels = {
      width: 6,
      height: 1,
      channels: 1,
      data: Uint8Array.of(0, 51, 102, 153, 204, 255),
    };
    const out = preprocessPixels(row, { ...base, width: 3, height: 1 });
    // Centres at 1, 3, 5.
    expect(Array.from(out.subarray(0, 3)).map((v) => Number(v.toFixed(5)))).toEqual([0.2, 0.6, 1]);
  });

  it('bilinear keeps a flat image flat at any size', () => {
    const flat: Pixels = {
      width: 37,
      height: 23,
      channels: 3,
      data: new Uint8Array(37 * 23 * 3).fill(128),
    };
    const out = preprocessPixels(flat, { ...base, width: 224, height: 224, resize: 'bilinear' });
    expect(out.every((v) => Math.abs(v - 128 / 255) < 1e-6)).toBe(true);
  });
});
