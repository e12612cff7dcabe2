/** Decoded 8-bit pixels, row-major, `channels` bytes per pixel, no padding. */
export interface Pixels {
  width: number;
  height: number;
  /** 1 = gray, 3 = RGB, 4 = RGBA (alpha is ignored by PDQ). */
  channels: 1 | 3 | 4;
  data: Uint8Array;
}

export interface DecodeLimits {
  /** Refuse images with more pixels than this (decompression-bomb guard). */
  maxPixels: number;
  /** Refuse inputs larger than this many bytes before decoding starts. */
  maxBytes: number;
  /** Apply EXIF orientation. Off by default: hotline lists are hashed without it. */
  applyExifOrientation?: boolean;
}

export interface ImageDecoder {
  /** Full-resolution 8-bit pixels; no EXIF rotation unless asked, no colour management. */
  decode(bytes: Uint8Array, limits: DecodeLimits): Promise<Pixels>;
}
