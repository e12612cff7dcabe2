/**
 * What the browser computes from a file and, in a pre-upload check, the only
 * thing it sends: digests and the perceptual hash, never pixels or bytes.
 * The shape is sdk-core's `CheckHashes`, which the match endpoint
 * (sdk-node's `createMatchHandler`) accepts as its whole request body.
 */
export interface FileHashes {
  /** Lowercase hex digests of the file's bytes. */
  md5: string;
  sha1: string;
  sha256: string;
  /** PDQ (reference mode), 64 lowercase hex digits; absent when the file is not an image the browser can decode. */
  pdq?: string;
  /** PDQ quality 0..100; present with `pdq`. */
  quality?: number;
  /** With `dihedral: true`: the eight dihedral PDQ hashes, the original first (sdk-core's `DIHEDRAL_NAMES` order). */
  pdqDihedral?: string[];
}

/** Where a hashing run is; `fraction` covers the whole run, 0..1. */
export interface HashProgress {
  stage: 'digesting' | 'decoding';
  fraction: number;
}

export interface HashRunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: HashProgress) => void;
}
