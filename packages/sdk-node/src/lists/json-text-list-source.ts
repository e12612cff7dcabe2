import {
  ConfigError,
  createTextListSet,
  type KeywordAction,
  type KeywordList,
  type TextList,
  type UrlList,
  type UrlListAction,
} from '@hashguard/sdk-core';
import { pullJsonListDocument } from './pull-json-list-document';
import {
  parseKeywordListDocument,
  parseUrlListDocument,
  type TextListDocument,
} from './text-list-documents';
import type { TextListPullContext, TextListPullResult, TextListSource } from './text-list-source';

export interface JsonTextListSourceOptions<Action> {
  /** Our name for the list; must equal the document's `listId`. */
  listId: string;
  /** URL of the JSON document. */
  url: string;
  /** Authentication (bearer token) and any other headers. */
  headers?: Record<string, string>;
  /** What a match means: URL lists default to `'block'`, keyword lists to `'block-search'`. */
  action?: Action;
}

/** Our JSON URL list ("hashguard-url-list-v1"), e.g. `@hashguard/testing`'s `/lists/urls.json`. */
export function createJsonUrlListSource(
  options: JsonTextListSourceOptions<UrlListAction>,
): TextListSource {
  return createJsonTextListSource(options, 'url', 'hashguard-url-json', (body, where) =>
    parseUrlListDocument(body, where, options.action),
  );
}

/** Our JSON keyword list ("hashguard-keyword-list-v1"), e.g. `/lists/keywords.json`. */
export function createJsonKeywordListSource(
  options: JsonTextListSourceOptions<KeywordAction>,
): TextListSource {
  return createJsonTextListSource(options, 'keyword', 'hashguard-keyword-json', (body, where) =>
    parseKeywordListDocument(body, where, options.action),
  );
}

/**
 * Always a full document, but `If-None-Match` with the ETag of the served
 * version makes an unchanged list a cheap 304. Verified before anything is
 * built, as for hash lists: `Repr-Digest` (RFC 9530) over the body, the
 * document's `sha256` over its entries, every entry's syntax, and the version
 * never going backwards.
 */
function createJsonTextListSource(
  options: JsonTextListSourceOptions<unknown>,
  listKind: TextList['kind'],
  kind: string,
  parse: (body: Uint8Array, where: string) => TextListDocument<UrlList | KeywordList>,
): TextListSource {
  if (!options?.listId || !options.url) {
    throw new ConfigError('E_MISSING_OPTION', `A ${kind} source needs \`listId\` and \`url\`.`);
  }
  const { listId, url } = options;
  return {
    listId,
    listKind,
    kind,
    async pull(context: TextListPullContext): Promise<TextListPullResult> {
      const pulled = await pullJsonListDocument({
        listId,
        url,
        headers: options.headers,
        previous: context.previous?.info,
        get: context.get,
        parse,
      });
      if (!pulled) return { changed: false };
      const { document, etag: cursor } = pulled;
      const meta = {
        version: String(document.version),
        source: `${kind}:${url}`,
        syncedAt: new Date(context.now).toISOString(),
        ...(cursor ? { cursor } : {}),
      };
      const [list] = createTextListSet([
        listKind === 'url'
          ? { kind: 'url', meta, list: document.list as UrlList }
          : { kind: 'keyword', meta, list: document.list as KeywordList },
      ]).lists;
      return {
        changed: true,
        list: list!,
        added: document.list.entries.length,
        removed: context.previous?.info.entryCount ?? 0,
      };
    },
  };
}
