export {
  buildMeanColorModel,
  DEFAULT_MEAN_COLOR_HEADS,
  MEAN_COLOR_INPUT,
  MEAN_COLOR_OUTPUT,
  type MeanColorHead,
  type MeanColorModelOptions,
} from './build-mean-color-model';
export {
  buildPdqDctModel,
  PDQ_DCT_INPUT,
  PDQ_DCT_OUTPUT,
  type PdqDctModelOptions,
} from './build-pdq-dct-model';
export {
  encodeOnnxModel,
  type OnnxAttributeValue,
  type OnnxDim,
  type OnnxInitializerSpec,
  type OnnxModelSpec,
  type OnnxNodeSpec,
  type OnnxValueSpec,
} from './onnx-proto';
