import { ListError } from '../../errors/list-error';
import { type HashEntry, normalizeHashEntry } from '../hash-entry';
import type { ListChunks, ListParseLimits } from './list-chunks';
import { readLineBatches } from './read-lines';

export interface NdjsonOptions extends ListParseLimits {
  /** Written into every entry (a row's own `listId` must agree when present). */
  listId: string;
}

/**
 * One JSON object per line: `{"algorithm":"pdq","hash":"…","category":"A1","id":"e-1"}`
 * (`value`/`entryId` are accepted for `hash`/`id`, `addedAt` optional). Blank
 * lines are skipped.
 */
export async function* parseNdjson(
  chunks: ListChunks,
  options: NdjsonOptions,
): AsyncGenerator<HashEntry> {
  for await (const batch of readLineBatches(chunks, options.maxLineLength)) {
    for (const { text, lineNumber } of batch) {
      if (text.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch (error) {
        throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber}: not JSON`, { cause: error });
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber}: not a JSON object`);
      }
      const record = row as Record<string, unknown>;
      if (record.listId !== undefined && record.listId !== options.listId) {
        throw new ListError(
          'E_LIST_MALFORMED',
          `Line ${lineNumber}: listId "${String(record.listId)}" is not "${options.listId}"`,
        );
      }
      const entry = normalizeHashEntry({
        algorithm: stringOr(record.algorithm).toLowerCase(),
        value: stringOr(record.hash ?? record.value),
        category:
          record.category === undefined || record.category === null
            ? undefined
            : stringOr(record.category),
        entryId: stringOr(record.id ?? record.entryId),
        listId: options.listId,
        addedAt: record.addedAt as string | undefined,
      });
      if (typeof entry === 'string')
        throw new ListError('E_LIST_MALFORMED', `Line ${lineNumber}: ${entry}`);
      yield entry;
    }
  }
}

function stringOr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return '';
}
