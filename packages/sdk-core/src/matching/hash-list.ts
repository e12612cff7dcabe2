import { ListError } from '../errors/list-error';
import { type HashEntry, type HashEntryInput, normalizeHashEntry } from './hash-entry';
import type { ListSet } from './list-set';
import { createListSetBuilder, type ListMeta } from './list-set-builder';

/**
 * One list as plain objects: convenient for small lists, tests and the demo.
 * Lists of millions go through `createListSetBuilder` (columnar) instead.
 */
export interface HashList extends ListMeta {
  readonly entries: readonly HashEntry[];
}

export interface HashListInput extends ListMeta {
  /** Entries; `listId` may be omitted (it is the list's). */
  entries: Iterable<Omit<HashEntryInput, 'listId'> & { listId?: string }>;
}

/** Validates and normalises a list; `E_LIST_MALFORMED` names the first bad entry by position. */
export function createHashList(input: HashListInput): HashList {
  if (!input.listId || !input.version || !input.source) {
    throw new ListError('E_LIST_MALFORMED', 'A hash list needs listId, version and source');
  }
  const entries: HashEntry[] = [];
  let position = 0;
  for (const raw of input.entries) {
    position++;
    if (raw.listId !== undefined && raw.listId !== input.listId) {
      throw new ListError(
        'E_LIST_MALFORMED',
        `Entry ${position} belongs to list "${raw.listId}", not "${input.listId}"`,
      );
    }
    const entry = normalizeHashEntry({ ...raw, listId: input.listId });
    if (typeof entry === 'string')
      throw new ListError('E_LIST_MALFORMED', `Entry ${position}: ${entry}`);
    entries.push(entry);
  }
  const { entries: _ignored, ...meta } = input;
  return { ...meta, entries };
}

/** Packs plain lists into the columnar set the matcher and snapshots use. */
export function packHashLists(lists: Iterable<HashList>): ListSet {
  const builder = createListSetBuilder();
  for (const list of lists) {
    const { entries, ...meta } = list;
    builder.addList(meta);
    for (const entry of entries) builder.add(entry);
  }
  return builder.build();
}
