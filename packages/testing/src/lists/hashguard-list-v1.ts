import { z } from 'zod';

/**
 * "hashguard-list-v1": the JSON hash-list format the mock list endpoint
 * serves. It lives here for now; the matching helper will own the parser in
 * sdk-core and this schema should move there with it.
 *
 * `sha256` is the lowercase hex SHA-256 of `JSON.stringify(entries)` (the
 * entries array exactly as serialised, UTF-8), so a client can check the
 * list it parsed is the list that was published. The endpoint also sends
 * the digest of the whole body as `Repr-Digest` (RFC 9530) and an ETag.
 */
export const HASHGUARD_LIST_FORMAT = 'hashguard-list-v1';

export const LIST_ALGORITHMS = ['md5', 'sha1', 'sha256', 'pdq', 'photodna'] as const;

const HEX_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

export const hashguardListEntrySchema = z
  .object({
    algorithm: z.enum(LIST_ALGORITHMS),
    value: z.string().min(1).max(4096),
    category: z.string().min(1).max(64).optional(),
    entryId: z.string().min(1).max(128),
    addedAt: z.iso.datetime().optional(),
  })
  .refine(
    (entry) =>
      entry.algorithm === 'photodna' ||
      new RegExp(`^[0-9a-f]{${HEX_LENGTHS[entry.algorithm]}}$`).test(entry.value),
    { message: 'value must be lowercase hex of the algorithm’s length' },
  );

export const hashguardListV1Schema = z.object({
  format: z.literal(HASHGUARD_LIST_FORMAT),
  listId: z.string().min(1).max(128),
  version: z.number().int().nonnegative(),
  generatedAt: z.iso.datetime(),
  entries: z.array(hashguardListEntrySchema),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type HashguardListEntry = z.infer<typeof hashguardListEntrySchema>;
export type HashguardListV1 = z.infer<typeof hashguardListV1Schema>;
