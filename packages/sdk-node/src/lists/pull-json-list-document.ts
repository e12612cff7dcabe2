import { createHash } from 'node:crypto';
import { ListError, SyncError, type TransportResponse } from '@hashguard/sdk-core';

export interface PullJsonListDocumentOptions<Document> {
  /** Our name for the list; the document's `listId` must equal it. */
  listId: string;
  url: string;
  /** Authentication and any other headers. */
  headers?: Record<string, string> | undefined;
  /** The served version, if any: its ETag (`cursor`) and version. */
  previous: { cursor?: string; version: string } | undefined;
  get(url: string, headers: Record<string, string>): Promise<TransportResponse>;
  /** Parses and verifies the body (shape, entries, `sha256`). */
  parse(body: Uint8Array, where: string): Document | Promise<Document>;
}

/**
 * One pull of our JSON list documents (hash, URL and keyword lists alike):
 * always a full document, but `If-None-Match` with the ETag of the served
 * version makes an unchanged list a cheap 304 (`undefined` here). Verified
 * before anything is built: `Repr-Digest` (RFC 9530) over the body, the
 * document through `parse`, its `listId`, and the version never going back.
 */
export async function pullJsonListDocument<
  Document extends { listId: string; version: number | string },
>(
  options: PullJsonListDocumentOptions<Document>,
): Promise<{ document: Document; etag: string | undefined } | undefined> {
  const { listId, url, previous } = options;
  const etag = previous?.cursor;
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (etag) headers['if-none-match'] = etag;
  const response = await options.get(url, headers);
  if (response.status === 304 && etag) return undefined;
  if (response.status !== 200)
    throw new SyncError('E_SYNC_HTTP', `${url} answered ${response.status}.`);

  verifyReprDigest(response.headers['repr-digest'], response.body, url);
  const document = await options.parse(response.body, url);
  if (document.listId !== listId) {
    throw new ListError(
      'E_LIST_MALFORMED',
      `${url} serves list "${document.listId}", expected "${listId}".`,
    );
  }
  const previousVersion = Number(previous?.version);
  if (previous && Number(document.version) < previousVersion) {
    // A server (or a cache in between) rolling the list back would silently drop entries.
    throw new SyncError(
      'E_SYNC_FAILED',
      `${url} went back from version ${previousVersion} to ${document.version}.`,
    );
  }
  return { document, etag: response.headers.etag };
}

/** RFC 9530 `Repr-Digest: sha-256=:<base64>:`; other algorithms are ignored, absence is allowed. */
function verifyReprDigest(header: string | undefined, body: Uint8Array, url: string): void {
  if (!header) return;
  const match = /(?:^|,)\s*sha-256=:([A-Za-z0-9+/=]+):/.exec(header);
  if (!match) return;
  const actual = createHash('sha256').update(body).digest('base64');
  if (actual !== match[1]) {
    throw new ListError('E_LIST_CHECKSUM', `${url}: body does not match its Repr-Digest.`);
  }
}
