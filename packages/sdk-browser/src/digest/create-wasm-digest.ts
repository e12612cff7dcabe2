import type { Digest, DigestAlgorithm, DigestState } from '@hashguard/sdk-core';
import { createMD5, createSHA1, createSHA256, type IHasher } from 'hash-wasm';

const FACTORIES: Record<DigestAlgorithm, () => Promise<IHasher>> = {
  md5: createMD5,
  sha1: createSHA1,
  sha256: createSHA256,
};

/**
 * The `Digest` port on hash-wasm, for browsers and workers: WebCrypto's `subtle.digest`
 * has no MD5 and cannot be fed chunk by chunk, so a large upload would have to sit in
 * memory whole. hash-wasm compiles each algorithm's module once and instantiates a
 * small state per `create`.
 */
export function createWasmDigest(): Digest {
  return {
    async create(algorithm: DigestAlgorithm): Promise<DigestState> {
      const factory = FACTORIES[algorithm];
      const hasher = await factory();
      hasher.init();
      return {
        update(chunk: Uint8Array): void {
          hasher.update(chunk);
        },
        hex(): string {
          return hasher.digest('hex');
        },
      };
    },
  };
}
