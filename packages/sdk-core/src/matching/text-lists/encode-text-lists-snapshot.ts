import { encodeUtf8 } from '../formats/utf8';
import { writeSnapshotFile } from '../snapshot/write-snapshot-file';
import type { TextList, TextListSet } from './text-list-set';
import {
  TEXT_LISTS_SNAPSHOT_KIND,
  type TextListsManifest,
  type TextSectionName,
  URL_FLAG_PREFIX,
  URL_FLAG_QUERY_ANY,
  URL_FLAG_SHA256,
} from './text-lists-layout';

interface Part {
  name: TextSectionName;
  bytes: Uint8Array;
}

/** Serialises URL and keyword lists into one versioned, checksummed snapshot (layout in `text-lists-layout.ts`). */
export function encodeTextListsSnapshot(set: TextListSet): Uint8Array {
  const categories: string[] = [];
  const categoryIds = new Map<string, number>();
  const categoryOf = (category: string): number => {
    let id = categoryIds.get(category);
    if (id === undefined) {
      id = categories.length;
      categories.push(category);
      categoryIds.set(category, id);
    }
    return id;
  };
  const parts = set.lists.map((entry) => listParts(entry, categoryOf));

  return writeSnapshotFile(
    TEXT_LISTS_SNAPSHOT_KIND,
    (place): TextListsManifest => ({
      categories,
      lists: set.lists.map((entry, index) => {
        const sections: TextListsManifest['lists'][number]['sections'] = {};
        for (const part of parts[index]!) sections[part.name] = place(part.bytes);
        const common = { info: { ...entry.info }, count: entry.list.entries.length, sections };
        return entry.kind === 'url'
          ? { kind: 'url' as const, action: entry.list.action, ...common }
          : { kind: 'keyword' as const, action: entry.list.action, ...common };
      }),
    }),
  );
}

function listParts(entry: TextList, categoryOf: (category: string) => number): Part[] {
  const count = entry.list.entries.length;
  const ids: string[] = new Array(count);
  const values: string[] = new Array(count);
  const categoryIndex = new Uint32Array(count);
  const flags = new Uint8Array(count);
  if (entry.kind === 'url') {
    entry.list.entries.forEach((item, row) => {
      ids[row] = item.id;
      values[row] = item.value;
      categoryIndex[row] = categoryOf(item.category);
      flags[row] =
        (item.match === 'prefix' ? URL_FLAG_PREFIX : 0) |
        (item.form === 'sha256' ? URL_FLAG_SHA256 : 0) |
        (item.queryOrder === 'any' ? URL_FLAG_QUERY_ANY : 0);
    });
  } else {
    entry.list.entries.forEach((item, row) => {
      ids[row] = item.id;
      values[row] = item.term;
      categoryIndex[row] = categoryOf(item.category);
    });
  }
  const [idOffsets, idBytes] = stringColumn(ids);
  const [valueOffsets, valueBytes] = stringColumn(values);
  const parts: Part[] = [
    { name: 'entryIdOffsets', bytes: bytesOf(idOffsets) },
    { name: 'entryIdBytes', bytes: idBytes },
    { name: 'valueOffsets', bytes: bytesOf(valueOffsets) },
    { name: 'valueBytes', bytes: valueBytes },
    { name: 'categoryIndex', bytes: bytesOf(categoryIndex) },
  ];
  if (entry.kind === 'url') parts.push({ name: 'flags', bytes: flags });
  return parts;
}

function stringColumn(strings: readonly string[]): [Uint32Array, Uint8Array] {
  const encoded = strings.map(encodeUtf8);
  const offsets = new Uint32Array(strings.length + 1);
  let total = 0;
  encoded.forEach((bytes, index) => {
    total += bytes.length;
    offsets[index + 1] = total;
  });
  const blob = new Uint8Array(total);
  encoded.forEach((bytes, index) => {
    blob.set(bytes, offsets[index]!);
  });
  return [offsets, blob];
}

function bytesOf(array: Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
