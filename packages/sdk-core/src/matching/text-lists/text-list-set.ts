import { ListError } from '../../errors/list-error';
import type { KeywordList } from '../../keywords/keyword-list';
import type { UrlList } from '../../urls/url-list';
import type { ListInfo } from '../list-set';

/**
 * A URL or keyword list in the list model: the same `ListInfo` as a hash
 * list (version, source, sync time, cursor, entry count) beside the parsed
 * list that `createUrlChecker` / `createKeywordChecker` take.
 */
export type TextList =
  | { kind: 'url'; info: ListInfo; list: UrlList }
  | { kind: 'keyword'; info: ListInfo; list: KeywordList };

/** What a text-list snapshot holds: any number of URL and keyword lists, ids unique. */
export interface TextListSet {
  readonly lists: readonly TextList[];
}

/** `ListInfo` without what is derived from the list itself. */
export type TextListMeta = Omit<ListInfo, 'listId' | 'entryCount'>;

export type TextListInput =
  | { kind: 'url'; meta: TextListMeta; list: UrlList }
  | { kind: 'keyword'; meta: TextListMeta; list: KeywordList };

/**
 * Builds a set, taking each list's id and entry count from the list so the
 * metadata cannot disagree with it. Throws `ListError` `E_LIST_MALFORMED`
 * when two lists share an id (checks would not know which one matched).
 */
export function createTextListSet(inputs: readonly TextListInput[]): TextListSet {
  const seen = new Set<string>();
  const lists = inputs.map((input): TextList => {
    if (seen.has(input.list.id)) {
      throw new ListError('E_LIST_MALFORMED', `Two text lists share the id "${input.list.id}".`);
    }
    seen.add(input.list.id);
    const info: ListInfo = {
      ...input.meta,
      listId: input.list.id,
      entryCount: input.list.entries.length,
    };
    return input.kind === 'url'
      ? { kind: 'url', info, list: input.list }
      : { kind: 'keyword', info, list: input.list };
  });
  return { lists };
}

export function urlListsOf(set: TextListSet): UrlList[] {
  return set.lists.flatMap((entry) => (entry.kind === 'url' ? [entry.list] : []));
}

export function keywordListsOf(set: TextListSet): KeywordList[] {
  return set.lists.flatMap((entry) => (entry.kind === 'keyword' ? [entry.list] : []));
}
