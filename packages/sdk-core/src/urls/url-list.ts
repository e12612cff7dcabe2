import { ListError } from '../errors/index';
import { HASH_ALGORITHMS, type ListTextRow, malformed, readListText } from './list-text';
import { canonicalUrl, normalizeUrl } from './normalize-url';

export type UrlListAction = 'block' | 'review';

export interface UrlListEntry {
  /** Stable id from the CSV `id` column, or `line:<n>` for one-per-line files. */
  id: string;
  /** `'exact'`: that page (any query when the entry has none); `'prefix'`: the whole path subtree. */
  match: 'exact' | 'prefix';
  /** `'plain'`: `value` is the canonical URL; `'sha256'`: the lowercase hex SHA-256 of it. */
  form: 'plain' | 'sha256';
  value: string;
  /** `'any'`: the entry's query parameters match in any order (its hash is of the sorted query). */
  queryOrder: 'exact' | 'any';
  category: string;
}

export interface UrlList {
  id: string;
  /** What a match on this list means; default `'block'`. */
  action: UrlListAction;
  entries: UrlListEntry[];
}

export interface ParseUrlListOptions {
  id: string;
  action?: UrlListAction;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;
const FLAGS = new Set(['prefix', 'query-unordered']);

/**
 * Parses a URL list file. One-per-line form: `<url or sha256 hex> [prefix]
 * [query-unordered]`. CSV form: algorithm `url`, `url-prefix` or
 * `url-sha256` (flags column: `prefix`, `query-unordered`); rows of hash-list
 * algorithms and `keyword` are skipped, unknown algorithms rejected.
 * Throws `ListError` `E_LIST_MALFORMED` naming the line.
 */
export function parseUrlList(text: string, options: ParseUrlListOptions): UrlList {
  const entries: UrlListEntry[] = [];
  for (const row of readListText(text, options.id)) {
    const entry = toEntry(row, options.id);
    if (entry) entries.push(entry);
  }
  return { id: options.id, action: options.action ?? 'block', entries };
}

function toEntry(row: ListTextRow, listId: string): UrlListEntry | undefined {
  let value: string;
  let flags: string[];
  let match: UrlListEntry['match'] = 'exact';
  let hashed: boolean;
  let id: string;
  let category = '';
  if (row.format === 'lines') {
    [value, ...flags] = row.text.split(/\s+/) as [string, ...string[]];
    hashed = SHA256_HEX.test(value);
    id = `line:${row.line}`;
  } else {
    if (row.algorithm === 'keyword' || HASH_ALGORITHMS.has(row.algorithm)) return undefined;
    if (
      row.algorithm !== 'url' &&
      row.algorithm !== 'url-prefix' &&
      row.algorithm !== 'url-sha256'
    ) {
      throw new ListError(
        'E_LIST_UNSUPPORTED',
        `List "${listId}" line ${row.line}: unknown algorithm "${row.algorithm}".`,
      );
    }
    ({ value, flags, id, category } = row);
    hashed = row.algorithm === 'url-sha256';
    if (row.algorithm === 'url-prefix') match = 'prefix';
  }
  for (const flag of flags) {
    if (!FLAGS.has(flag)) throw malformed(listId, row.line, `unknown flag "${flag}"`);
  }
  if (flags.includes('prefix')) match = 'prefix';
  const queryOrder = flags.includes('query-unordered') ? 'any' : 'exact';
  if (hashed) {
    if (!SHA256_HEX.test(value)) throw malformed(listId, row.line, 'not a SHA-256 hex digest');
    return { id, match, form: 'sha256', value: value.toLowerCase(), queryOrder, category };
  }
  let url: ReturnType<typeof normalizeUrl>;
  try {
    url = normalizeUrl(value);
  } catch (error) {
    throw new ListError('E_LIST_MALFORMED', `List "${listId}" line ${row.line}: not a web URL.`, {
      cause: error,
    });
  }
  if (match === 'prefix' && url.query !== '') {
    throw malformed(listId, row.line, 'a URL prefix cannot carry a query');
  }
  const canonical = canonicalUrl(url, { query: queryOrder === 'any' ? 'sorted' : 'ordered' });
  return { id, match, form: 'plain', value: canonical, queryOrder, category };
}
