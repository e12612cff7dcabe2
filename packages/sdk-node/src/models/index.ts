export {
  createNodeModelSession,
  createNodeModelSignal,
  type NodeModelSource,
  nodeOrtWasmOptions,
} from './create-node-model-signal';
export { resolveOrtWasmPaths } from './resolve-ort-wasm-paths';
