import type { Pixels } from '../src/ports/image-decoder';

/** PDQ by a plain JS port of the reference pipeline; `b` is the 16×16 DCT output. */
export function pdqPlainPort(
  pixels: Pixels,
  fullResolution?: boolean,
): { hash: string; quality: number; b: Float32Array };
