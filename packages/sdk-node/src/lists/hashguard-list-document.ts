import {
  type HashguardListV1Result,
  isHashguardError,
  ListError,
  type ListErrorCode,
  parseHashguardListV1,
} from '@hashguard/sdk-core';
import { createNodeDigest } from '../hashing/node-digest';

/** Largest "hashguard-list-v1" document read, in bytes (sdk-core's parser default). */
export const MAX_LIST_DOCUMENT_BYTES = 256 << 20;

/**
 * Parses and verifies a "hashguard-list-v1" document (the JSON list format of
 * `@hashguard/testing`'s list endpoint) with sdk-core's parser: complete JSON,
 * the right shape, every entry's syntax, entries matching `sha256` (checked
 * here with node:crypto). Errors keep sdk-core's code, prefixed with `where`.
 */
export async function parseHashguardListDocument(
  body: Uint8Array,
  where: string,
  maxBytes = MAX_LIST_DOCUMENT_BYTES,
): Promise<HashguardListV1Result> {
  try {
    // A fixed cap, never the body's own length: an oversized document is a ListError.
    return await parseHashguardListV1([body], { digest: createNodeDigest(), maxBytes });
  } catch (error) {
    if (isHashguardError(error) && error.name === 'ListError') {
      throw new ListError(error.code as ListErrorCode, `${where}: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
