export type DigestAlgorithm = 'md5' | 'sha1' | 'sha256';

/** One running digest computation; fed chunk by chunk so memory stays bounded. */
export interface DigestState {
  update(chunk: Uint8Array): void;
  /** Lowercase hex. The state must not be used afterwards. */
  hex(): string;
}

export interface Digest {
  create(algorithm: DigestAlgorithm): DigestState | Promise<DigestState>;
}
