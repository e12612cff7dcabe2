import { ConfigError, type DecodeLimits } from '@hashguard/sdk-core';

/** 100 megapixels: above any camera photo, far below what would exhaust memory once decoded. */
export const DEFAULT_MAX_PIXELS = 100_000_000;

/** 256 MiB: larger than any upload a member platform should accept as an image. */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

/** Limits as a caller may give them: every field optional. */
export type DecodeLimitsInput = Partial<DecodeLimits>;

/** Fills defaults once, at the boundary, and refuses nonsense so deep code never re-checks. */
export function normaliseDecodeLimits(input: DecodeLimitsInput = {}): Required<DecodeLimits> {
  const maxPixels = input.maxPixels ?? DEFAULT_MAX_PIXELS;
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const [name, value] of [
    ['maxPixels', maxPixels],
    ['maxBytes', maxBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new ConfigError(
        'E_INVALID_OPTIONS',
        `limits.${name} must be a positive integer, got ${String(value)}.`,
      );
    }
  }
  return { maxPixels, maxBytes, applyExifOrientation: input.applyExifOrientation ?? false };
}
