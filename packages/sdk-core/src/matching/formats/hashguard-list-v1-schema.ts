import { z } from 'zod';
import { memoise } from '../../memoise';
import { HASH_ALGORITHMS } from '../hash-entry';

/**
 * "hashguard-list-v1": our own JSON list document, served by
 * `@hashguard/testing`'s mock list endpoint (`/lists/hashes.json`). We do not
 * know IWF's private format, so this is named for what it is:
 *
 * ```json
 * { "format": "hashguard-list-v1", "listId": "…", "version": 3,
 *   "generatedAt": "2026-01-01T00:00:00Z",
 *   "entries": [{ "algorithm": "pdq", "value": "…", "category": "test",
 *                 "entryId": "…", "addedAt": "…" }],
 *   "sha256": "<hex SHA-256 of JSON.stringify(entries), UTF-8>" }
 * ```
 *
 * The schemas are built on first use (`memoise`), not at import: the browser
 * worker imports sdk-core and never parses lists.
 */
export const HASHGUARD_LIST_FORMAT = 'hashguard-list-v1';

const HEX_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

function buildSchemas() {
  const entry = z
    .object({
      algorithm: z.enum(HASH_ALGORITHMS),
      value: z.string().min(1).max(4096),
      category: z.string().min(1).max(64).optional(),
      entryId: z.string().min(1).max(128),
      addedAt: z.iso.datetime({ offset: true }).optional(),
    })
    .refine(
      (candidate) =>
        candidate.algorithm === 'photodna' ||
        new RegExp(`^[0-9a-f]{${HEX_LENGTHS[candidate.algorithm]}}$`).test(candidate.value),
      { message: 'value must be lowercase hex of the algorithm’s length' },
    );
  /** The document with its entries left unchecked, so each can be checked with its index. */
  const envelope = z.object({
    format: z.literal(HASHGUARD_LIST_FORMAT),
    listId: z.string().min(1).max(128),
    version: z.number().int().nonnegative(),
    generatedAt: z.iso.datetime({ offset: true }),
    entries: z.array(z.unknown()),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  });
  const document = envelope.extend({ entries: z.array(entry) });
  return { entry, envelope, document };
}

const memoisedSchemas = /* @__PURE__ */ memoise(buildSchemas);

/** One entry of a hashguard-list-v1 document (lowercase hex of the algorithm's length). */
export function getHashguardListEntrySchema(): ReturnType<typeof buildSchemas>['entry'] {
  return memoisedSchemas().entry;
}

/** The document with `entries` as `unknown[]` (parseHashguardListV1 checks them one by one). */
export function getHashguardListV1Schema(): ReturnType<typeof buildSchemas>['envelope'] {
  return memoisedSchemas().envelope;
}

/** The whole document, every entry checked (for servers and test doubles producing one). */
export function getHashguardListV1DocumentSchema(): ReturnType<typeof buildSchemas>['document'] {
  return memoisedSchemas().document;
}

export type HashguardListV1Entry = z.output<ReturnType<typeof getHashguardListEntrySchema>>;
export type HashguardListV1Document = z.output<ReturnType<typeof getHashguardListV1DocumentSchema>>;
