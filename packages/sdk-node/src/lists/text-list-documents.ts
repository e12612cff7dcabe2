import { createHash } from 'node:crypto';
import {
  canonicalUrl,
  type KeywordAction,
  type KeywordList,
  ListError,
  normalizeUrl,
  type UrlList,
  type UrlListAction,
  type UrlListEntry,
} from '@hashguard/sdk-core';
import { z } from 'zod';

/**
 * "hashguard-url-list-v1" and "hashguard-keyword-list-v1", the JSON URL and
 * keyword lists of `@hashguard/testing`'s `/lists/urls.json` and
 * `/lists/keywords.json`: `{ format, listId, version, generatedAt, entries,
 * sha256 }` with `sha256` the SHA-256 of `JSON.stringify(entries)`, as for
 * "hashguard-list-v1" (whose schema and parser are sdk-core's).
 */
const header = {
  listId: z.string().min(1),
  version: z.number().int().nonnegative(),
  generatedAt: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
};

const urlDocumentSchema = z.object({
  format: z.literal('hashguard-url-list-v1'),
  ...header,
  entries: z.array(
    z.object({
      entryId: z.string().min(1),
      url: z.string().min(1),
      match: z.enum(['exact', 'prefix', 'domain']),
      category: z.string().optional(),
    }),
  ),
});

const keywordDocumentSchema = z.object({
  format: z.literal('hashguard-keyword-list-v1'),
  ...header,
  entries: z.array(
    z.object({
      entryId: z.string().min(1),
      term: z.string().min(1),
      language: z.string().optional(),
    }),
  ),
});

export interface TextListDocument<List> {
  listId: string;
  version: number;
  list: List;
}

/**
 * Parses and verifies a URL list document and converts its entries to the
 * checker's canonical form. `domain` entries cover every page of the entry's
 * host (a prefix at its root; subdomains are separate hosts, as everywhere in
 * the URL matcher). Throws `ListError` `E_LIST_MALFORMED` / `E_LIST_CHECKSUM`.
 */
export function parseUrlListDocument(
  body: Uint8Array,
  where: string,
  action: UrlListAction = 'block',
): TextListDocument<UrlList> {
  const document = parseVerified(body, where, urlDocumentSchema);
  const entries = document.entries.map((entry): UrlListEntry => {
    let url: ReturnType<typeof normalizeUrl>;
    try {
      url = normalizeUrl(entry.url);
    } catch (error) {
      throw new ListError(
        'E_LIST_MALFORMED',
        `${where}: entry "${entry.entryId}" is not a web URL.`,
        {
          cause: error,
        },
      );
    }
    const common = { id: entry.entryId, form: 'plain' as const, queryOrder: 'exact' as const };
    const category = entry.category ?? '';
    if (entry.match === 'exact') {
      return { ...common, match: 'exact', value: canonicalUrl(url), category };
    }
    if (entry.match === 'prefix' && url.query !== '') {
      throw new ListError(
        'E_LIST_MALFORMED',
        `${where}: entry "${entry.entryId}" is a prefix with a query.`,
      );
    }
    const root = entry.match === 'domain' ? { ...url, segments: [], query: '' } : url;
    return { ...common, match: 'prefix', value: canonicalUrl(root, { query: 'none' }), category };
  });
  return {
    listId: document.listId,
    version: document.version,
    list: { id: document.listId, action, entries },
  };
}

/** Parses and verifies a keyword list document; errors as `parseUrlListDocument`. */
export function parseKeywordListDocument(
  body: Uint8Array,
  where: string,
  action: KeywordAction = 'block-search',
): TextListDocument<KeywordList> {
  const document = parseVerified(body, where, keywordDocumentSchema);
  const entries = document.entries.map((entry) => ({
    id: entry.entryId,
    term: entry.term,
    category: '',
  }));
  return {
    listId: document.listId,
    version: document.version,
    list: { id: document.listId, action, entries },
  };
}

function parseVerified<Schema extends z.ZodType<{ format: string; sha256: string }>>(
  body: Uint8Array,
  where: string,
  schema: Schema,
): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    // Most often a body cut off mid-transfer.
    throw new ListError('E_LIST_MALFORMED', `${where}: not complete JSON.`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ListError(
      'E_LIST_MALFORMED',
      `${where}: not a list document of the expected format (${issue?.path.join('.')}: ${issue?.message}).`,
      { cause: parsed.error },
    );
  }
  // Over the entries as sent, not as validated: validation may reorder or drop keys.
  const rawEntries = (json as { entries: unknown }).entries;
  const digest = createHash('sha256').update(JSON.stringify(rawEntries)).digest('hex');
  if (digest !== parsed.data.sha256) {
    throw new ListError('E_LIST_CHECKSUM', `${where}: entries do not match the document's sha256.`);
  }
  return parsed.data;
}
