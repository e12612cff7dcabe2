import { ConfigError, createListSetBuilder } from '@hashguard/sdk-core';
import { parseHashguardListDocument } from './hashguard-list-document';
import type { ListPullContext, ListPullResult, ListSource } from './list-source';
import { pullJsonListDocument } from './pull-json-list-document';

export interface JsonListSourceOptions {
  /** Our name for the list; must equal the document's `listId`. */
  listId: string;
  /** URL of the "hashguard-list-v1" document. */
  url: string;
  /** Authentication (bearer token) and any other headers. */
  headers?: Record<string, string>;
}

/**
 * Our JSON list: always a full document, but `If-None-Match` with the ETag
 * of the active version makes an unchanged list a cheap 304. Verified three
 * ways before anything is built: `Repr-Digest` (RFC 9530) over the body, the
 * document's own `sha256` over its entries, and every entry's syntax.
 */
export function createJsonListSource(options: JsonListSourceOptions): ListSource {
  if (!options.listId || !options.url) {
    throw new ConfigError('E_MISSING_OPTION', 'createJsonListSource needs `listId` and `url`.');
  }
  const { listId, url } = options;
  return {
    listId,
    kind: 'hashguard-json',
    async pull(context: ListPullContext): Promise<ListPullResult> {
      const pulled = await pullJsonListDocument({
        listId,
        url,
        headers: options.headers,
        previous: context.previous ? context.previousInfo : undefined,
        get: context.get,
        parse: parseHashguardListDocument,
      });
      if (!pulled) return { changed: false };
      const { document, etag: cursor } = pulled;

      const builder = createListSetBuilder();
      builder.addList({
        listId,
        version: document.version,
        source: `hashguard-json:${url}`,
        syncedAt: new Date(context.now).toISOString(),
        ...(cursor ? { cursor } : {}),
      });
      for (const entry of document.entries) builder.add({ ...entry, listId });
      const removed = context.previousInfo?.entryCount ?? 0;
      return {
        changed: true,
        set: builder.build(),
        incremental: false,
        added: document.entries.length,
        removed,
      };
    },
  };
}
