export { type PdqHex, pdqBytesToHex, pdqHammingBytes, pdqHexToBytes } from './pdq-hash';
