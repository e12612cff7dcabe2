import { ListError } from '../errors/index';
import { HASH_ALGORITHMS, readListText } from '../urls/list-text';

/** What a search or message matching a list should lead to. */
export type KeywordAction = 'block-search' | 'warn' | 'review';

export interface KeywordListEntry {
  /** Stable id from the CSV `id` column, or `line:<n>` for one-per-line files. */
  id: string;
  /** The term or phrase as the list gives it; folded when a checker is built. Never echoed in results. */
  term: string;
  category: string;
}

export interface KeywordList {
  id: string;
  /** Default `'block-search'`. */
  action: KeywordAction;
  entries: KeywordListEntry[];
}

export interface ParseKeywordListOptions {
  id: string;
  action?: KeywordAction;
}

/**
 * Parses a keyword list: one term or phrase per line (`#` comment lines), or
 * the canonical CSV with algorithm `keyword` (the term in the `hash` column;
 * rows of hash and URL algorithms are skipped). Throws `ListError` naming the line.
 */
export function parseKeywordList(text: string, options: ParseKeywordListOptions): KeywordList {
  const entries: KeywordListEntry[] = [];
  for (const row of readListText(text, options.id)) {
    if (row.format === 'lines') {
      entries.push({ id: `line:${row.line}`, term: row.text, category: '' });
      continue;
    }
    if (row.algorithm !== 'keyword') {
      if (HASH_ALGORITHMS.has(row.algorithm) || row.algorithm.startsWith('url')) continue;
      throw new ListError(
        'E_LIST_UNSUPPORTED',
        `List "${options.id}" line ${row.line}: unknown algorithm "${row.algorithm}".`,
      );
    }
    if (row.flags.length > 0) {
      throw new ListError(
        'E_LIST_MALFORMED',
        `List "${options.id}" line ${row.line}: keyword entries take no flags.`,
      );
    }
    entries.push({ id: row.id, term: row.value, category: row.category });
  }
  return { id: options.id, action: options.action ?? 'block-search', entries };
}
