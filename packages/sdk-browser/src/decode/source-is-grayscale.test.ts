import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sourceIsGrayscale } from './source-is-grayscale';

const rgb = () => sharp({ create: { width: 20, height: 10, channels: 3, background: '#3a7' } });

describe('sourceIsGrayscale', () => {
  it.each([
    ['gray JPEG', () => rgb().toColourspace('b-w').jpeg().toBuffer(), true],
    ['RGB JPEG', () => rgb().jpeg().toBuffer(), false],
    [
      'progressive gray JPEG',
      () => rgb().toColourspace('b-w').jpeg({ progressive: true }).toBuffer(),
      true,
    ],
    ['gray PNG', () => rgb().toColourspace('b-w').png().toBuffer(), true],
    ['gray + alpha PNG', () => rgb().toColourspace('b-w').ensureAlpha(0.5).png().toBuffer(), true],
    ['RGB PNG', () => rgb().png().toBuffer(), false],
    ['text', async () => Buffer.from('plain text, not an image'), false],
  ])('%s → %s', async (_, make, expected) => {
    expect(sourceIsGrayscale(new Uint8Array(await make()))).toBe(expected);
  });
});
