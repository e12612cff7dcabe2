import { createHash } from 'node:crypto';
import { ConfigError, createListSetBuilder, ListError, SyncError } from '@hashguard/sdk-core';
import { parseHashguardListDocument } from './hashguard-list-document';
import type { ListPullContext, ListPullResult, ListSource } from './list-source';

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
      const etag = context.previous ? context.previousInfo?.cursor : undefined;
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
      if (etag) headers['if-none-match'] = etag;
      const response = await context.get(url, headers);
      if (response.status === 304 && etag) return { changed: false };
      if (response.status !== 200)
        throw new SyncError('E_SYNC_HTTP', `${url} answered ${response.status}.`);

      verifyReprDigest(response.headers['repr-digest'], response.body, url);
      const document = parseHashguardListDocument(response.body, url);
      if (document.listId !== listId) {
        throw new ListError(
          'E_LIST_MALFORMED',
          `${url} serves list "${document.listId}", expected "${listId}".`,
        );
      }
      const previousVersion = Number(context.previousInfo?.version);
      if (context.previous && document.version < previousVersion) {
        // A server (or a cache in between) rolling the list back would silently drop entries.
        throw new SyncError(
          'E_SYNC_FAILED',
          `${url} went back from version ${previousVersion} to ${document.version}.`,
        );
      }

      const builder = createListSetBuilder();
      const cursor = response.headers.etag;
      builder.addList({
        listId,
        version: String(document.version),
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

/** RFC 9530 `Repr-Digest: sha-256=:<base64>:`; other algorithms are ignored, absence is allowed. */
// Exported for the URL and keyword list sources (json-text-list-source.ts).
export function verifyReprDigest(header: string | undefined, body: Uint8Array, url: string): void {
  if (!header) return;
  const match = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/=]+):/.exec(header);
  if (!match) return;
  const actual = createHash('sha256').update(body).digest('base64');
  if (actual !== match[1]) {
    throw new ListError('E_LIST_CHECKSUM', `${url}: body does not match its Repr-Digest.`);
  }
}
