export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_PIXELS,
  type DecodeLimitsInput,
  normaliseDecodeLimits,
} from './decode-limits';
export {
  createFileDigester,
  digestChunks,
  type FileDigester,
  type FileDigests,
} from './file-digests';
export { type HashFileResult, hashFile } from './hash-file';
export { type HashFilesOptions, type HashFilesOutcome, hashFiles } from './hash-files';
export type { HashFileOptions } from './hash-options';
export {
  createHashPool,
  type HashBatchOptions,
  type HashPool,
  type HashPoolOptions,
} from './hash-pool';
export { createNodeDigest, type NodeDigest } from './node-digest';
export type { HashInput } from './read-input';
export {
  createSharpDecoder,
  SHARP_DECODER_FORMATS,
  type SharpDecoderFormat,
  type SharpDecoderOptions,
} from './sharp-decoder';
