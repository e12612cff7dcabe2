import { ListError } from '../../errors/list-error';
import { type HashEntry, normalizeHashEntry } from '../hash-entry';
import { readCsvRecordBatches } from './csv-records';
import type { ListChunks, ListParseLimits } from './list-chunks';

export interface CanonicalCsvOptions extends ListParseLimits {
  /** Written into every entry: the list these rows belong to. */
  listId: string;
}

const REQUIRED = ['algorithm', 'hash', 'category', 'id'] as const;

/**
 * Hashguard's canonical CSV: a header naming `algorithm,hash,category,id`
 * (any order, case-insensitive, an optional `added_at` column, other columns
 * ignored), then one hash per row. RFC 4180 quoting; CRLF or LF; BOM allowed.
 *
 * ```csv
 * algorithm,hash,category,id
 * md5,0cc175b9c0f1b6a831c399e269772661,A,iwf-1
 * ```
 */
export async function* parseCanonicalCsv(
  chunks: ListChunks,
  options: CanonicalCsvOptions,
): AsyncGenerator<HashEntry> {
  let columns: Record<string, number> | undefined;
  for await (const batch of readCsvRecordBatches(chunks, ',', options.maxLineLength)) {
    for (const { fields, lineNumber } of batch) {
      if (!columns) {
        columns = readHeader(fields, lineNumber);
        continue;
      }
      if (fields.length < Object.keys(columns).length) {
        throw new ListError(
          'E_LIST_MALFORMED',
          `Line ${lineNumber}: ${fields.length} fields, the header has ${Object.keys(columns).length}`,
        );
      }
      const at = (name: string) => {
        const index = columns?.[name];
        return index === undefined ? undefined : fields[index]?.trim();
      };
      const entry = normalizeHashEntry({
        algorithm: (at('algorithm') ?? '').toLowerCase(),
        value: at('hash') ?? '',
        category: at('category'),
        entryId: at('id') ?? '',
        listId: options.listId,
        addedAt: at('added_at'),
      });
      if (typeof entry === 'string')
        throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber}: ${entry}`);
      yield entry;
    }
  }
  if (!columns) throw new ListError('E_LIST_MALFORMED', 'Line 1: empty list, expected a header');
}

function readHeader(fields: string[], lineNumber: number): Record<string, number> {
  const columns: Record<string, number> = {};
  fields.forEach((name, index) => {
    columns[name.trim().toLowerCase()] = index;
  });
  const missing = REQUIRED.filter((name) => columns[name] === undefined);
  if (missing.length > 0) {
    throw new ListError(
      'E_LIST_MALFORMED',
      `Line ${lineNumber}: header lacks ${missing.join(', ')} (want "algorithm,hash,category,id")`,
    );
  }
  const kept: Record<string, number> = {};
  for (const name of [...REQUIRED, 'added_at'])
    if (columns[name] !== undefined) kept[name] = columns[name];
  return kept;
}
