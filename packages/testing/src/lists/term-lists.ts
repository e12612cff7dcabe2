import { z } from 'zod';

/**
 * URL and keyword lists in the same style as "hashguard-list-v1". Test data
 * only ever uses made-up `.example` domains and made-up terms.
 */
export const urlListV1Schema = z.object({
  format: z.literal('hashguard-url-list-v1'),
  listId: z.string().min(1),
  version: z.number().int().nonnegative(),
  generatedAt: z.iso.datetime(),
  entries: z.array(
    z.object({
      entryId: z.string().min(1),
      /** A URL or URL prefix to block. */
      url: z.url(),
      match: z.enum(['exact', 'prefix', 'domain']),
      category: z.string().optional(),
    }),
  ),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const keywordListV1Schema = z.object({
  format: z.literal('hashguard-keyword-list-v1'),
  listId: z.string().min(1),
  version: z.number().int().nonnegative(),
  generatedAt: z.iso.datetime(),
  entries: z.array(
    z.object({
      entryId: z.string().min(1),
      term: z.string().min(1),
      language: z.string().optional(),
    }),
  ),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export type UrlListV1 = z.infer<typeof urlListV1Schema>;
export type KeywordListV1 = z.infer<typeof keywordListV1Schema>;
