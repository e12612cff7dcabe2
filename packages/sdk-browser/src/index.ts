export { createWasmDigest } from './digest/create-wasm-digest';
