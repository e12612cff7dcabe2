import { z } from 'zod';

/**
 * URL and keyword lists in the same style as "hashguard-list-v1": one
 * envelope (`format`, `listId`, `version`, `generatedAt`, `entries`, `sha256`
 * of `JSON.stringify(entries)`) around entries of each kind. Test data only
 * ever uses made-up `.example` domains and made-up terms.
 */
function listDocumentSchema<Format extends string, Entry extends z.ZodType>(
  format: Format,
  entry: Entry,
) {
  return z.object({
    format: z.literal(format),
    listId: z.string().min(1),
    version: z.number().int().nonnegative(),
    generatedAt: z.iso.datetime(),
    entries: z.array(entry),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  });
}

export const urlListV1Schema = listDocumentSchema(
  'hashguard-url-list-v1',
  z.object({
    entryId: z.string().min(1),
    /** A URL or URL prefix to block. */
    url: z.url(),
    match: z.enum(['exact', 'prefix', 'domain']),
    category: z.string().optional(),
  }),
);

export const keywordListV1Schema = listDocumentSchema(
  'hashguard-keyword-list-v1',
  z.object({
    entryId: z.string().min(1),
    term: z.string().min(1),
    language: z.string().optional(),
  }),
);

export type UrlListV1 = z.infer<typeof urlListV1Schema>;
export type KeywordListV1 = z.infer<typeof keywordListV1Schema>;
