import { createHash } from 'node:crypto';
import type { Digest, DigestAlgorithm, DigestState } from '@hashguard/sdk-core';

/** The `Digest` port on `node:crypto`; `create` is synchronous here, unlike the port in general. */
export interface NodeDigest extends Digest {
  create(algorithm: DigestAlgorithm): DigestState;
}

/** The `Digest` port on `node:crypto` (OpenSSL): synchronous and native-speed. */
export function createNodeDigest(): NodeDigest {
  return {
    create(algorithm: DigestAlgorithm): DigestState {
      const hash = createHash(algorithm);
      return {
        update(chunk: Uint8Array): void {
          hash.update(chunk);
        },
        hex(): string {
          return hash.digest('hex');
        },
      };
    },
  };
}
