import { createHash } from 'node:crypto';
import type { RouteContext, RouteDefinition } from '../core/route';
import { defaultHashList, defaultKeywordList, defaultUrlList } from './build-lists';

/**
 * Our own list endpoints (`/lists/...`): the JSON document with a strong
 * ETag, `If-None-Match` answered with 304, and `Repr-Digest` (RFC 9530)
 * carrying the SHA-256 of the body. Auth is a bearer token in real
 * deployments; the mock accepts any request, as list auth is the member's.
 */
export const listRoutes: RouteDefinition[] = [
  {
    id: 'lists.hashes',
    method: 'GET',
    path: '/hashes.json',
    auth: 'none',
    handle: async (context) => serve(context, context.config.lists.hashList ?? defaultHashList()),
  },
  {
    id: 'lists.urls',
    method: 'GET',
    path: '/urls.json',
    auth: 'none',
    handle: async (context) => serve(context, context.config.lists.urlList ?? defaultUrlList()),
  },
  {
    id: 'lists.keywords',
    method: 'GET',
    path: '/keywords.json',
    auth: 'none',
    handle: async (context) =>
      serve(context, context.config.lists.keywordList ?? defaultKeywordList()),
  },
];

function serve(context: RouteContext, document: { version: number }): Response {
  const body = JSON.stringify(document);
  const digest = createHash('sha256').update(body).digest();
  const etag = `"v${document.version}-${digest.subarray(0, 8).toString('hex')}"`;
  const headers = {
    etag,
    'cache-control': 'no-cache',
    'repr-digest': `sha-256=:${digest.toString('base64')}:`,
  };
  const ifNoneMatch = context.request.headers.get('if-none-match');
  if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers: { ...headers, 'content-type': 'application/json' } });
}
