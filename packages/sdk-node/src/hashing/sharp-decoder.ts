import {
  ConfigError,
  checkInputSize,
  type DecodeLimits,
  type ImageDecoder,
  InputError,
  type Pixels,
} from '@hashguard/sdk-core';
import sharp, { type Metadata, type Sharp } from 'sharp';

/** Image formats the sharp decoder accepts; everything else sharp can read (SVG, PDF, HEIC, …) is refused. */
export type SharpDecoderFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif' | 'tiff';

export const SHARP_DECODER_FORMATS: readonly SharpDecoderFormat[] = [
  'jpeg',
  'png',
  'webp',
  'gif',
  'avif',
  'tiff',
];

export interface SharpDecoderOptions {
  /**
   * How strict to be with damaged pixel data (sharp's `failOn`). Default `'error'`:
   * truncated and corrupt files are refused, while harmless libjpeg warnings (extra
   * bytes before a marker) pass, as they do in the reference's libjpeg-turbo decode.
   * `'none'` would hash a half-grey truncated JPEG without complaint, which is never
   * what a member wants.
   */
  failOn?: 'truncated' | 'error' | 'warning';
  /** Formats to accept. Default: all of {@link SHARP_DECODER_FORMATS}. */
  formats?: readonly SharpDecoderFormat[];
}

/**
 * An `ImageDecoder` backed by sharp (libvips). Decodes the first frame at full size to
 * 8-bit pixels exactly as the PDQ reference pipeline expects: no shrink-on-load, no EXIF
 * rotation unless `limits.applyExifOrientation`, and no ICC colour management
 * (`ignoreIcc`), which gives pixels byte-identical to the reference's libjpeg-turbo
 * decode on every conformance JPEG.
 */
export function createSharpDecoder(options: SharpDecoderOptions = {}): ImageDecoder {
  const failOn = options.failOn ?? 'error';
  const formats = new Set(options.formats ?? SHARP_DECODER_FORMATS);
  for (const format of formats) {
    if (!SHARP_DECODER_FORMATS.includes(format)) {
      throw new ConfigError('E_INVALID_OPTIONS', `createSharpDecoder: unknown format "${format}".`);
    }
  }

  return {
    async decode(bytes: Uint8Array, limits: DecodeLimits): Promise<Pixels> {
      checkInputSize(bytes, limits);

      // Header only: cheap even for a file declaring billions of pixels, so the pixel
      // ceiling is enforced before libvips allocates anything for the image.
      const metadata = await run(() =>
        sharp(bytes, { failOn, limitInputPixels: false }).metadata(),
      );
      const format = formatOf(metadata);
      if (format === undefined || !formats.has(format)) {
        throw new InputError(
          'E_UNSUPPORTED_FORMAT',
          `Images in ${describeFormat(metadata)} format are not accepted; ` +
            `supported: ${[...formats].join(', ')}.`,
        );
      }
      const width = metadata.width;
      const height = metadata.pageHeight ?? metadata.height;
      if (width * height > limits.maxPixels) {
        throw new InputError(
          'E_IMAGE_TOO_LARGE',
          `The image declares ${width}×${height} = ${width * height} pixels, over the limit of ` +
            `${limits.maxPixels} (limits.maxPixels).`,
        );
      }

      const pipeline = toEightBit(
        sharp(bytes, {
          failOn,
          // A second guard inside libvips, should a header lie about its size.
          limitInputPixels: limits.maxPixels,
          ignoreIcc: true,
          autoOrient: limits.applyExifOrientation === true,
          // First frame of animated GIF/WebP and first page of a TIFF.
          page: 0,
          pages: 1,
          sequentialRead: true,
        }),
        metadata,
      );
      const { data, info } = await run(() =>
        pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true }),
      );
      const channels = info.channels;
      if (
        (channels !== 1 && channels !== 3 && channels !== 4) ||
        data.byteLength !== info.width * info.height * channels
      ) {
        throw new InputError(
          'E_CORRUPT_IMAGE',
          `Decoding gave ${info.width}×${info.height}×${channels} pixels in ${data.byteLength} bytes, which is not a usable 8-bit image.`,
        );
      }
      return {
        width: info.width,
        height: info.height,
        channels,
        data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      };
    },
  };
}

/**
 * Chooses the output colour handling. 8-bit gray stays one channel (PDQ's luma of a
 * gray image is the gray value); 8-bit RGB and RGBA pass through untouched (PDQ ignores
 * alpha). 16-bit, CMYK, gray+alpha and other spaces are outside what the reference
 * handles well, so they are converted to 8-bit sRGB without alpha: their hashes are
 * ours, not guaranteed to match another implementation's.
 */
function toEightBit(pipeline: Sharp, metadata: Metadata): Sharp {
  const eightBit = metadata.depth === 'uchar';
  if (eightBit && metadata.space === 'b-w' && metadata.channels === 1) {
    // Without this, libvips widens gray to three identical channels on output.
    return pipeline.toColourspace('b-w');
  }
  if (
    eightBit &&
    metadata.space === 'srgb' &&
    (metadata.channels === 3 || metadata.channels === 4)
  ) {
    return pipeline;
  }
  return pipeline.removeAlpha().toColourspace('srgb');
}

function formatOf(metadata: Metadata): SharpDecoderFormat | undefined {
  switch (metadata.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
    case 'tiff':
      return metadata.format;
    case 'heif':
      // HEIF is a container: AV1 inside is AVIF; HEVC (HEIC) is not accepted.
      return metadata.compression === 'av1' ? 'avif' : undefined;
    default:
      return undefined;
  }
}

function describeFormat(metadata: Metadata): string {
  return metadata.format === 'heif' ? `HEIF/${metadata.compression ?? 'unknown'}` : metadata.format;
}

/** Runs a sharp call and turns its untyped failures into `InputError`s with stable codes. */
async function run<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toInputError(error);
  }
}

function toInputError(error: unknown): InputError {
  const detail = error instanceof Error ? error.message : String(error);
  // sharp reports failures only as messages; these are libvips's stable wordings.
  if (/unsupported image format/i.test(detail)) {
    return new InputError('E_UNSUPPORTED_FORMAT', 'The input is not an image in a known format.', {
      cause: error,
    });
  }
  if (/pixel limit/i.test(detail)) {
    return new InputError('E_IMAGE_TOO_LARGE', 'The image has more pixels than limits.maxPixels.', {
      cause: error,
    });
  }
  if (/buffer is empty/i.test(detail)) {
    return new InputError('E_EMPTY_INPUT', 'The input is empty (0 bytes): nothing to decode.', {
      cause: error,
    });
  }
  return new InputError(
    'E_CORRUPT_IMAGE',
    `The image is truncated or corrupt and cannot be decoded (${detail.split('\n')[0]}).`,
    { cause: error },
  );
}
