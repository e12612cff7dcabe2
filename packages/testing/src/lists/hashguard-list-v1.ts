import {
  getHashguardListEntrySchema,
  getHashguardListV1DocumentSchema,
  HASH_ALGORITHMS,
  HASHGUARD_LIST_FORMAT,
  type HashguardListV1Document,
  type HashguardListV1Entry,
} from '@hashguard/sdk-core';

/**
 * "hashguard-list-v1": the JSON hash-list format the mock list endpoint
 * serves. sdk-core owns the format (schema and parser); these are its
 * schemas under the names this package has always exported.
 *
 * `sha256` is the lowercase hex SHA-256 of `JSON.stringify(entries)` (the
 * entries array exactly as serialised, UTF-8), so a client can check the
 * list it parsed is the list that was published. The endpoint also sends
 * the digest of the whole body as `Repr-Digest` (RFC 9530) and an ETag.
 */
export { HASHGUARD_LIST_FORMAT };

export const LIST_ALGORITHMS = HASH_ALGORITHMS;

export const hashguardListEntrySchema = getHashguardListEntrySchema();

/** The whole document, every entry checked. */
export const hashguardListV1Schema = getHashguardListV1DocumentSchema();

export type HashguardListEntry = HashguardListV1Entry;
export type HashguardListV1 = HashguardListV1Document;
