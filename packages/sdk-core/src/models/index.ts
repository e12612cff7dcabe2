export {
  applyModelSignal,
  type ModelFlag,
  type ModelSignalDecision,
  type ModelSignalEvidence,
  type ModelSignalPolicy,
} from './apply-model-signal';
export {
  applyModelsToCheck,
  type ModelCheckInput,
  type ModelCheckPolicy,
  normaliseModelCheckPolicy,
} from './apply-models-to-check';
export {
  createModelSession,
  type ModelSession,
  type ModelSessionOptions,
  type ModelSource,
  type ModelTensor,
  type ModelValueInfo,
} from './create-model-session';
export { createModelSignal, type ModelSignal, type ModelSignalResult } from './create-model-signal';
export {
  createEmbeddingIndex,
  type EmbeddingEntry,
  type EmbeddingIndex,
  type EmbeddingIndexOptions,
  type EmbeddingMatch,
  type EmbeddingSearchOptions,
} from './embedding-index';
export { type EvaluateModelSignalOptions, evaluateModelSignal } from './evaluate-model-signal';
export type {
  ModelEmbeddingOutput,
  ModelNormalize,
  ModelScoresOutput,
  ModelSignalOptions,
} from './model-signal-options';
export type {
  OnnxRuntime,
  OrtSessionLike,
  OrtSessionOptionsLike,
  OrtTensorLike,
  OrtValueMetadataLike,
  OrtWasmOptions,
} from './onnx-runtime';
export { type PreprocessConfig, preprocessPixels } from './preprocess-pixels';
