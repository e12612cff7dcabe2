import { DIGEST_BYTES, type HashAlgorithm, type HashEntry } from './hash-entry';
import type { MihTables } from './pdq-index/mih-tables';
import { type StringColumn, stringAt } from './string-column';

/** What is known about one list in a set: enough to report `listVersions` and decide staleness. */
export interface ListInfo {
  listId: string;
  version: string;
  /** Where it came from, e.g. `ncmec:industry`, `iwf`, `file:banks/pdq.csv`. */
  source: string;
  /** ISO 8601 time of the last successful sync. */
  syncedAt?: string;
  /** The source's resume point for incremental sync (e.g. NCMEC's `to` timestamp). */
  cursor?: string;
  /** Entries of this list in the set, over all algorithms. */
  entryCount: number;
}

/**
 * The entries of one algorithm over all lists, column by column. Row `i` is
 * one entry: its value at `values[i*width..]` (PhotoDNA: `texts`), its list
 * `lists[listIndex[i]]`, its id `entryIds[i]`, its category
 * `categories[categoryIndex[i] - 1]` (0 = none), `addedAt[i]` in epoch ms
 * (NaN = unknown).
 */
export interface HashColumn {
  readonly algorithm: HashAlgorithm;
  readonly count: number;
  /** Bytes per value in `values`: 16/20/32 for digests, 32 for PDQ, 0 for PhotoDNA. */
  readonly width: number;
  readonly values: Uint8Array;
  /** PhotoDNA values exactly as the source gave them. */
  readonly texts?: StringColumn;
  readonly listIndex: Uint16Array;
  readonly entryIds: StringColumn;
  readonly categoryIndex: Uint32Array;
  readonly addedAt: Float64Array;
}

/**
 * A set of lists in packed, columnar form: what a snapshot holds and what the
 * matcher indexes. Built by `createListSetBuilder`/`packHashLists` or loaded
 * by `decodeSnapshot`; entry metadata is decoded lazily by row.
 */
export interface ListSet {
  readonly lists: readonly ListInfo[];
  /** Distinct categories, referenced 1-based by `HashColumn.categoryIndex`. */
  readonly categories: readonly string[];
  readonly columns: Readonly<Partial<Record<HashAlgorithm, HashColumn>>>;
  /**
   * Prebuilt PDQ index tables over `columns.pdq`, when a snapshot carries
   * them: loading then skips building the index.
   */
  readonly pdqIndexTables?: MihTables;
}

export const VALUE_WIDTH: Record<HashAlgorithm, number> = { ...DIGEST_BYTES, pdq: 32, photodna: 0 };

const HEX_DIGITS = '0123456789abcdef';

/** Decodes row `row` of `algorithm` into a plain `HashEntry`. */
export function entryAt(set: ListSet, algorithm: HashAlgorithm, row: number): HashEntry {
  const column = set.columns[algorithm];
  if (!column || row < 0 || row >= column.count) {
    throw new RangeError(`No ${algorithm} entry at row ${row}`);
  }
  const entry: HashEntry = {
    algorithm,
    value: valueAt(column, row),
    listId: set.lists[column.listIndex[row]!]!.listId,
    entryId: stringAt(column.entryIds, row),
  };
  const category = categoryAt(set, column, row);
  if (category !== undefined) entry.category = category;
  const addedAt = column.addedAt[row]!;
  if (!Number.isNaN(addedAt)) entry.addedAt = new Date(addedAt).toISOString();
  return entry;
}

export function categoryAt(set: ListSet, column: HashColumn, row: number): string | undefined {
  const index = column.categoryIndex[row]!;
  return index === 0 ? undefined : set.categories[index - 1];
}

/** Normalised value of a row: lowercase hex, or the PhotoDNA text as given. */
export function valueAt(column: HashColumn, row: number): string {
  if (column.texts) return stringAt(column.texts, row);
  let hex = '';
  const start = row * column.width;
  for (let i = start; i < start + column.width; i++) {
    const byte = column.values[i]!;
    hex += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  }
  return hex;
}

/** All entries of a set, in column order: for export and tests, not for hot paths. */
export function* listSetEntries(set: ListSet): Generator<HashEntry> {
  for (const column of Object.values(set.columns)) {
    if (!column) continue;
    for (let row = 0; row < column.count; row++) yield entryAt(set, column.algorithm, row);
  }
}
