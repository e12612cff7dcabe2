import { ListError } from '../../errors/list-error';
import type { HashEntry } from '../hash-entry';
import { parseCanonicalCsv } from './canonical-csv';
import type { ListChunks, ListParseLimits } from './list-chunks';
import { parseNdjson } from './ndjson';
import { parseThreatExchangePdq } from './threatexchange-pdq';

/** The line-oriented list formats, which stream entry by entry. */
export const LINE_LIST_FORMATS = ['canonical-csv', 'ndjson', 'threatexchange-pdq'] as const;
export type LineListFormat = (typeof LINE_LIST_FORMATS)[number];

/**
 * One entry point for the line formats (for `hashguard list import --format`).
 * NCMEC XML pages (`parseNcmecEntriesPage`) and hashguard-list-v1 documents
 * (`parseHashguardListV1`) carry more than entries and have their own calls.
 */
export function parseListEntries(
  format: LineListFormat,
  chunks: ListChunks,
  options: ListParseLimits & { listId: string },
): AsyncGenerator<HashEntry> {
  switch (format) {
    case 'canonical-csv':
      return parseCanonicalCsv(chunks, options);
    case 'ndjson':
      return parseNdjson(chunks, options);
    case 'threatexchange-pdq':
      return parseThreatExchangePdq(chunks, options);
    default:
      throw new ListError('E_LIST_UNSUPPORTED', `Unknown list format "${String(format)}"`);
  }
}
