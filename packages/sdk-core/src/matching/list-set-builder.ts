import { ListError } from '../errors/list-error';
import { encodeUtf8 } from './formats/utf8';
import { Growable } from './growable';
import {
  HASH_ALGORITHMS,
  type HashAlgorithm,
  type HashEntry,
  type HashEntryInput,
  normalizeHashEntry,
} from './hash-entry';
import { type HashColumn, type ListInfo, type ListSet, VALUE_WIDTH } from './list-set';
import { type StringColumn, stringAt } from './string-column';

export type ListMeta = Omit<ListInfo, 'entryCount'>;

export interface ListSetBuilder {
  /** Declares a list; entries name it by `listId`. Declaring it again updates its metadata. */
  addList(meta: ListMeta): void;
  /** Adds one entry (normalised and validated; `E_LIST_MALFORMED` if invalid). */
  add(entry: HashEntry | HashEntryInput): void;
  /** Adds every entry of a parser's output. */
  addAll(entries: AsyncIterable<HashEntry> | Iterable<HashEntry>): Promise<number>;
  /** Copies every entry of an existing set (e.g. the previous snapshot, for an incremental sync). */
  addSet(set: ListSet): void;
  /**
   * Removes every entry with this id in this list that was added before this
   * call (NCMEC `deletedImage`; an update is `remove` then `add`).
   */
  remove(listId: string, entryId: string): void;
  /** Entries added so far (before removals). */
  readonly size: number;
  build(): ListSet;
}

interface ColumnBuffers {
  values: Growable<Uint8Array>;
  texts: { offsets: Growable<Uint32Array>; bytes: Growable<Uint8Array> };
  listIndex: Growable<Uint16Array>;
  entryIds: { offsets: Growable<Uint32Array>; bytes: Growable<Uint8Array> };
  categoryIndex: Growable<Uint32Array>;
  addedAt: Growable<Float64Array>;
  /** Global add sequence of each row, to order removals against adds. */
  sequence: Growable<Float64Array>;
}

const HEX = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) {
    table['0123456789abcdef'.charCodeAt(i)] = i;
    table['0123456789ABCDEF'.charCodeAt(i)] = i;
  }
  return table;
})();

/**
 * Accumulates lists straight into typed-array columns, so building a set of
 * 10 M entries allocates no object per entry beyond what the caller passes in.
 */
export function createListSetBuilder(): ListSetBuilder {
  const lists: ListMeta[] = [];
  const listIndexById = new Map<string, number>();
  const categories: string[] = [];
  const categoryIndexByName = new Map<string, number>();
  const columns = new Map<HashAlgorithm, ColumnBuffers>();
  const removals = new Map<string, number>();
  let sequence = 0;

  const columnFor = (algorithm: HashAlgorithm): ColumnBuffers => {
    let column = columns.get(algorithm);
    if (!column) {
      const offsets = new Growable(Uint32Array);
      offsets.push(0);
      const textOffsets = new Growable(Uint32Array);
      textOffsets.push(0);
      column = {
        values: new Growable(Uint8Array),
        texts: { offsets: textOffsets, bytes: new Growable(Uint8Array) },
        listIndex: new Growable(Uint16Array),
        entryIds: { offsets, bytes: new Growable(Uint8Array) },
        categoryIndex: new Growable(Uint32Array),
        addedAt: new Growable(Float64Array),
        sequence: new Growable(Float64Array),
      };
      columns.set(algorithm, column);
    }
    return column;
  };

  const categoryRef = (category: string | undefined): number => {
    if (category === undefined) return 0;
    let index = categoryIndexByName.get(category);
    if (index === undefined) {
      categories.push(category);
      index = categories.length;
      categoryIndexByName.set(category, index);
    }
    return index;
  };

  const addNormalised = (entry: HashEntry): void => {
    const listIndex = listIndexById.get(entry.listId);
    if (listIndex === undefined) {
      throw new ListError(
        'E_LIST_MALFORMED',
        `Entry "${entry.entryId}" names undeclared list "${entry.listId}"`,
      );
    }
    const column = columnFor(entry.algorithm);
    const width = VALUE_WIDTH[entry.algorithm];
    if (width > 0) {
      const out = column.values.append(width);
      for (let i = 0; i < width; i++) {
        out[i] =
          (HEX[entry.value.charCodeAt(i * 2)]! << 4) | HEX[entry.value.charCodeAt(i * 2 + 1)]!;
      }
    } else {
      appendString(column.texts, entry.value);
    }
    column.listIndex.push(listIndex);
    appendString(column.entryIds, entry.entryId);
    column.categoryIndex.push(categoryRef(entry.category));
    column.addedAt.push(entry.addedAt === undefined ? Number.NaN : Date.parse(entry.addedAt));
    column.sequence.push(sequence++);
  };

  const builder: ListSetBuilder = {
    addList(meta) {
      const existing = listIndexById.get(meta.listId);
      if (existing !== undefined) {
        lists[existing] = { ...meta };
        return;
      }
      if (lists.length >= 0xffff)
        throw new ListError('E_LIST_UNSUPPORTED', 'More than 65535 lists in one set');
      listIndexById.set(meta.listId, lists.length);
      lists.push({ ...meta });
    },
    add(input) {
      const entry = normalizeHashEntry(input as HashEntryInput);
      if (typeof entry === 'string')
        throw new ListError('E_LIST_MALFORMED', `Invalid hash entry: ${entry}`);
      addNormalised(entry);
    },
    async addAll(entries) {
      let count = 0;
      for await (const entry of entries) {
        builder.add(entry);
        count++;
      }
      return count;
    },
    addSet(set) {
      for (const info of set.lists) {
        const { entryCount: _count, ...meta } = info;
        if (!listIndexById.has(info.listId)) builder.addList(meta);
      }
      for (const column of Object.values(set.columns)) {
        if (!column) continue;
        const target = columnFor(column.algorithm);
        const remapList = set.lists.map((info) => listIndexById.get(info.listId)!);
        const remapCategory = set.categories.map((name) => categoryRef(name));
        for (let row = 0; row < column.count; row++) {
          target.listIndex.push(remapList[column.listIndex[row]!]!);
          const category = column.categoryIndex[row]!;
          target.categoryIndex.push(category === 0 ? 0 : remapCategory[category - 1]!);
          target.addedAt.push(column.addedAt[row]!);
          target.sequence.push(sequence++);
          appendBytes(target.entryIds, slice(column.entryIds, row));
          if (column.texts) appendBytes(target.texts, slice(column.texts, row));
        }
        if (column.width > 0)
          target.values.pushAll(column.values.subarray(0, column.count * column.width));
      }
    },
    remove(listId, entryId) {
      removals.set(`${listId}\u0000${entryId}`, sequence);
    },
    get size() {
      return sequence;
    },
    build() {
      const entryCounts = new Array<number>(lists.length).fill(0);
      const built: Partial<Record<HashAlgorithm, HashColumn>> = {};
      for (const algorithm of HASH_ALGORITHMS) {
        const buffers = columns.get(algorithm);
        if (!buffers) continue;
        const column = finishColumn(algorithm, buffers, lists, removals);
        for (let row = 0; row < column.count; row++) entryCounts[column.listIndex[row]!]!++;
        built[algorithm] = column;
      }
      return {
        lists: lists.map((meta, index) => ({ ...meta, entryCount: entryCounts[index]! })),
        categories: [...categories],
        columns: built,
      };
    },
  };
  return builder;
}

function finishColumn(
  algorithm: HashAlgorithm,
  buffers: ColumnBuffers,
  lists: ListMeta[],
  removals: Map<string, number>,
): HashColumn {
  const width = VALUE_WIDTH[algorithm];
  const count = buffers.listIndex.length;
  const entryIds = {
    offsets: buffers.entryIds.offsets.toArray(),
    bytes: buffers.entryIds.bytes.toArray(),
  };
  const texts =
    width === 0
      ? { offsets: buffers.texts.offsets.toArray(), bytes: buffers.texts.bytes.toArray() }
      : undefined;
  let keep: number[] | undefined;
  if (removals.size > 0) {
    keep = [];
    for (let row = 0; row < count; row++) {
      const key = `${lists[buffers.listIndex.get(row)]!.listId}\u0000${stringAt(entryIds, row)}`;
      const removedAt = removals.get(key);
      if (removedAt === undefined || removedAt <= buffers.sequence.get(row)) keep.push(row);
    }
    if (keep.length === count) keep = undefined;
  }
  const values = buffers.values.toArray();
  const listIndex = buffers.listIndex.toArray();
  const categoryIndex = buffers.categoryIndex.toArray();
  const addedAt = buffers.addedAt.toArray();
  if (!keep) {
    const column: HashColumn = {
      algorithm,
      count,
      width,
      values,
      listIndex,
      entryIds,
      categoryIndex,
      addedAt,
    };
    return texts ? { ...column, texts } : column;
  }
  const rows = keep;
  const pickValues = new Uint8Array(rows.length * width);
  rows.forEach((row, i) => {
    pickValues.set(values.subarray(row * width, row * width + width), i * width);
  });
  const column: HashColumn = {
    algorithm,
    count: rows.length,
    width,
    values: pickValues,
    listIndex: Uint16Array.from(rows, (row) => listIndex[row]!),
    entryIds: pickStrings(entryIds, rows),
    categoryIndex: Uint32Array.from(rows, (row) => categoryIndex[row]!),
    addedAt: Float64Array.from(rows, (row) => addedAt[row]!),
  };
  return texts ? { ...column, texts: pickStrings(texts, rows) } : column;
}

function pickStrings(column: StringColumn, rows: number[]): StringColumn {
  const offsets = new Growable(Uint32Array, rows.length + 1);
  const bytes = new Growable(Uint8Array);
  offsets.push(0);
  for (const row of rows) {
    bytes.pushAll(slice(column, row));
    offsets.push(bytes.length);
  }
  return { offsets: offsets.toArray(), bytes: bytes.toArray() };
}

function slice(column: StringColumn, row: number): Uint8Array {
  return column.bytes.subarray(column.offsets[row]!, column.offsets[row + 1]!);
}

function appendBytes(
  target: { offsets: Growable<Uint32Array>; bytes: Growable<Uint8Array> },
  bytes: Uint8Array,
) {
  target.bytes.pushAll(bytes);
  target.offsets.push(target.bytes.length);
}

/** ASCII ids (the common case) are copied byte by byte; others go through TextEncoder. */
function appendString(
  target: { offsets: Growable<Uint32Array>; bytes: Growable<Uint8Array> },
  text: string,
) {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const out = target.bytes.append(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  } else {
    target.bytes.pushAll(encodeUtf8(text));
  }
  target.offsets.push(target.bytes.length);
}
