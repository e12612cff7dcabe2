import type { Digest, DigestAlgorithm, DigestState } from '@hashguard/sdk-core';

/** The three digests hotline lists carry, of a file's original bytes, lowercase hex. */
export interface FileDigests {
  md5: string;
  sha1: string;
  sha256: string;
}

const ALGORITHMS = ['md5', 'sha1', 'sha256'] as const satisfies readonly DigestAlgorithm[];

/** Feeds every chunk to MD5, SHA-1 and SHA-256 at once, so the bytes are read a single time. */
export interface FileDigester {
  update(chunk: Uint8Array): void;
  /** The finished digests; the digester must not be used afterwards. */
  digests(): FileDigests;
}

export async function createFileDigester(digest: Digest): Promise<FileDigester> {
  const [md5, sha1, sha256] = (await Promise.all(
    ALGORITHMS.map((algorithm) => digest.create(algorithm)),
  )) as [DigestState, DigestState, DigestState];
  return {
    update(chunk) {
      md5.update(chunk);
      sha1.update(chunk);
      sha256.update(chunk);
    },
    digests() {
      return { md5: md5.hex(), sha1: sha1.hex(), sha256: sha256.hex() };
    },
  };
}

/**
 * MD5, SHA-1 and SHA-256 of a stream of chunks in one pass. Memory stays bounded by
 * the largest chunk: nothing is kept once it has been fed to the three states.
 */
export async function digestChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  digest: Digest,
): Promise<FileDigests> {
  const digester = await createFileDigester(digest);
  for await (const chunk of chunks) digester.update(chunk);
  return digester.digests();
}
