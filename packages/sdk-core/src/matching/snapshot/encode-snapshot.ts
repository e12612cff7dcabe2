import type { HashColumn, ListSet } from '../list-set';
import { chooseSlotBits } from '../pdq-index/mih-plan';
import { buildMihTables } from '../pdq-index/mih-tables';
import { pdqWordsView } from '../pdq-index/pdq-words';
import { HASH_SNAPSHOT_KIND, type SectionName, type SnapshotManifest } from './snapshot-layout';
import { type PlacedSection, writeSnapshotFile } from './write-snapshot-file';

export interface EncodeSnapshotOptions {
  /**
   * Store the PDQ index tables too, so loading skips building them (at 10 M
   * hashes building takes seconds; viewing stored tables, none), at ~4 bytes
   * × slots per hash of file size. `'auto'` (default) stores them from
   * 100 000 PDQ hashes up. Tables already on the set (`pdqIndexTables`) are
   * reused, else built here.
   */
  pdqIndex?: 'auto' | 'always' | 'never';
}

const AUTO_INDEX_ROWS = 100_000;

/** Serialises a list set into one versioned, checksummed snapshot (layout in `snapshot-layout.ts`). */
export function encodeSnapshot(set: ListSet, options: EncodeSnapshotOptions = {}): Uint8Array {
  const pdqRows = set.columns.pdq?.count ?? 0;
  const mode = options.pdqIndex ?? 'auto';
  const storeIndex =
    pdqRows > 0 && (mode === 'always' || (mode === 'auto' && pdqRows >= AUTO_INDEX_ROWS));
  const tables = storeIndex
    ? (set.pdqIndexTables ??
      buildMihTables(pdqWordsView(set.columns.pdq!.values), chooseSlotBits(pdqRows)))
    : undefined;
  const indexParts = (tables?.directories ?? []).map((directory, slot) => [
    bytesOf(directory),
    bytesOf(tables!.ids[slot]!),
  ]);
  const columns = Object.values(set.columns).filter((column): column is HashColumn => !!column);
  const parts: { name: SectionName; bytes: Uint8Array }[][] = columns.map((column) => {
    const sections: { name: SectionName; bytes: Uint8Array }[] = [
      { name: 'values', bytes: column.values.subarray(0, column.count * column.width) },
      { name: 'listIndex', bytes: bytesOf(column.listIndex) },
      { name: 'entryIdOffsets', bytes: bytesOf(column.entryIds.offsets) },
      { name: 'entryIdBytes', bytes: column.entryIds.bytes },
      { name: 'categoryIndex', bytes: bytesOf(column.categoryIndex) },
      { name: 'addedAt', bytes: bytesOf(column.addedAt) },
    ];
    if (column.texts) {
      sections.push({ name: 'textOffsets', bytes: bytesOf(column.texts.offsets) });
      sections.push({ name: 'textBytes', bytes: column.texts.bytes });
    }
    return sections;
  });

  return writeSnapshotFile(HASH_SNAPSHOT_KIND, (place) => {
    const manifest: SnapshotManifest = {
      lists: set.lists.map((info) => ({ ...info })),
      categories: [...set.categories],
      columns: columns.map((column, index) => {
        const sections: SnapshotManifest['columns'][number]['sections'] = {};
        for (const part of parts[index]!) sections[part.name] = place(part.bytes);
        return { algorithm: column.algorithm, count: column.count, width: column.width, sections };
      }),
    };
    if (tables) {
      const slots = indexParts.map(
        ([directory, ids]) => [place(directory!), place(ids!)] as [PlacedSection, PlacedSection],
      );
      manifest.pdqIndex = { slotBits: tables.slotBits, slots };
    }
    return manifest;
  });
}

function bytesOf(array: Uint16Array | Uint32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
