import { createHash } from 'node:crypto';
import { ListError } from '@hashguard/sdk-core';
import { z } from 'zod';

/**
 * "hashguard-list-v1", the JSON list format of `@hashguard/testing`'s list
 * endpoint: `{ format, listId, version, generatedAt, entries, sha256 }` where
 * `sha256` is the SHA-256 of `JSON.stringify(entries)`. Entry syntax is
 * checked later, by the list-set builder, entry by entry.
 */
const documentSchema = z.object({
  format: z.literal('hashguard-list-v1'),
  listId: z.string().min(1),
  version: z.number().int().nonnegative(),
  generatedAt: z.string().min(1),
  entries: z.array(
    z.object({
      algorithm: z.string(),
      value: z.string(),
      category: z.string().optional(),
      entryId: z.string(),
      addedAt: z.string().optional(),
    }),
  ),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type HashguardListDocument = z.infer<typeof documentSchema>;

/** Parses and verifies a document: complete JSON, the right shape, entries matching `sha256`. */
export function parseHashguardListDocument(body: Uint8Array, where: string): HashguardListDocument {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    // Most often a body cut off mid-transfer.
    throw new ListError('E_LIST_MALFORMED', `${where}: not complete JSON.`, { cause: error });
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ListError(
      'E_LIST_MALFORMED',
      `${where}: not a hashguard-list-v1 document (${issue?.path.join('.')}: ${issue?.message}).`,
      { cause: parsed.error },
    );
  }
  // Over the entries as parsed, not as validated: validation may reorder or drop keys.
  const rawEntries = (json as { entries: unknown }).entries;
  const digest = createHash('sha256').update(JSON.stringify(rawEntries)).digest('hex');
  if (digest !== parsed.data.sha256) {
    throw new ListError('E_LIST_CHECKSUM', `${where}: entries do not match the document's sha256.`);
  }
  return parsed.data;
}
