export { createCanvasDecoder } from './decode/create-canvas-decoder';
export { createWasmDigest } from './digest/create-wasm-digest';
export type { FileHashes, HashProgress } from './hashing/file-hashes';
export type { MatchRequestBody, MatchResponseBody } from './pre-upload/match-request';
export {
  type CheckOptions,
  createPreUploadCheck,
  type PreUploadCheck,
  type PreUploadProgress,
  type PreUploadResult,
  type PreUploadVerdict,
} from './pre-upload/pre-upload-check';
export type {
  PreUploadCheckOptions,
  PreUploadFetchOptions,
  PreUploadPolicy,
} from './pre-upload/pre-upload-options';
export { createBlurhashFromBlob } from './preview/create-blurhash-from-blob';
