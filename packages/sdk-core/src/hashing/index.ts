export { checkInputSize } from './check-input-size';
export {
  createHasher,
  type Hasher,
  type HasherOptions,
  type PdqMode,
  type PdqOptions,
  type PdqResult,
} from './create-hasher';
export { DIHEDRAL_NAMES, type DihedralName, type PdqDihedralResult } from './dihedral-names';
export { type PdqHex, pdqBytesToHex, pdqHammingBytes, pdqHexToBytes } from './pdq-hash';
export {
  createPdqIntrospector,
  type PdqIntermediateValues,
  type PdqIntrospector,
} from './pdq-intermediates';
