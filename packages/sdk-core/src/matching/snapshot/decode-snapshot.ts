import { decodeUtf8 } from '../formats/utf8';
import { type HashColumn, type ListSet, VALUE_WIDTH } from '../list-set';
import type { StringColumn } from '../string-column';
import { TEXT_LISTS_SNAPSHOT_KIND } from '../text-lists/text-lists-layout';
import { checkSnapshotHeader, snapshotCorrupt } from './snapshot-header';
import {
  getManifestSchema,
  HASH_SNAPSHOT_KIND,
  type SectionName,
  type SnapshotManifest,
} from './snapshot-layout';

export interface DecodeSnapshotOptions {
  /**
   * Skip the body CRC (e.g. the caller verified a stronger digest of the same
   * bytes). Structure and bounds are still checked. Default false.
   */
  skipChecksum?: boolean;
}

/**
 * Loads a snapshot as typed-array views over `bytes` (copied once only when
 * `bytes` is not 8-byte aligned). Refuses, with `ListError`:
 * `E_SNAPSHOT_CORRUPT` for a wrong magic, truncation, checksum mismatch or
 * inconsistent structure; `E_SNAPSHOT_VERSION` for another format version.
 */
export function decodeSnapshot(input: Uint8Array, options: DecodeSnapshotOptions = {}): ListSet {
  const { bytes, manifest: manifestBytes } = checkSnapshotHeader(input, HASH_SNAPSHOT_KIND, {
    skipChecksum: options.skipChecksum,
    otherKinds: [TEXT_LISTS_SNAPSHOT_KIND],
  });
  let manifest: SnapshotManifest;
  try {
    const json: unknown = JSON.parse(decodeUtf8(manifestBytes));
    manifest = getManifestSchema().parse(json);
  } catch (error) {
    return corrupt('manifest is not valid', error);
  }
  const columns: Partial<Record<HashColumn['algorithm'], HashColumn>> = {};
  for (const entry of manifest.columns) {
    if (columns[entry.algorithm]) corrupt(`two ${entry.algorithm} columns`);
    columns[entry.algorithm] = readColumn(bytes, entry, manifest);
  }
  const index = manifest.pdqIndex;
  if (!index) return { lists: manifest.lists, categories: manifest.categories, columns };
  const rows = columns.pdq?.count ?? 0;
  const directories: Uint32Array[] = [];
  const ids: Uint32Array[] = [];
  for (const [directory, slotIds] of index.slots) {
    directories.push(tableView(bytes, directory, (1 << index.slotBits) + 1));
    ids.push(tableView(bytes, slotIds, rows));
  }
  return {
    lists: manifest.lists,
    categories: manifest.categories,
    columns,
    pdqIndexTables: { slotBits: index.slotBits, directories, ids },
  };
}

/** A u32 table section; its contents are checked when the index adopts it (`createPdqIndex`). */
function tableView(
  bytes: Uint8Array,
  [offset, byteLength]: [number, number],
  length: number,
): Uint32Array {
  if (byteLength !== length * 4 || offset % 8 !== 0 || offset + byteLength > bytes.length) {
    corrupt('PDQ index section is out of bounds or of the wrong size');
  }
  return new Uint32Array(bytes.buffer, bytes.byteOffset + offset, length);
}

function readColumn(
  bytes: Uint8Array,
  entry: SnapshotManifest['columns'][number],
  manifest: SnapshotManifest,
): HashColumn {
  const { algorithm, count, width } = entry;
  if (width !== VALUE_WIDTH[algorithm]) corrupt(`${algorithm} values of ${width} bytes`);
  const view = <T>(
    name: SectionName,
    Kind: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number },
    length: number,
  ): T => {
    const place = entry.sections[name];
    if (!place) return corrupt(`${algorithm} column lacks its ${name} section`);
    const [offset, byteLength] = place;
    if (
      byteLength !== length * Kind.BYTES_PER_ELEMENT ||
      offset + byteLength > bytes.length ||
      offset % 8 !== 0
    ) {
      corrupt(`${algorithm} ${name} section is out of bounds or of the wrong size`);
    }
    return new Kind(bytes.buffer, bytes.byteOffset + offset, length);
  };
  const strings = (offsetsName: SectionName, bytesName: SectionName): StringColumn => {
    const offsets = view(offsetsName, Uint32Array, count + 1);
    const place = entry.sections[bytesName];
    const blob = view(bytesName, Uint8Array, place?.[1] ?? 0);
    if (offsets[0] !== 0 || offsets[count] !== blob.length)
      corrupt(`${algorithm} ${offsetsName} do not span the strings`);
    for (let i = 0; i < count; i++)
      if (offsets[i]! > offsets[i + 1]!) corrupt(`${algorithm} ${offsetsName} go backwards`);
    return { offsets, bytes: blob };
  };
  const listIndex = view('listIndex', Uint16Array, count);
  for (let i = 0; i < count; i++)
    if (listIndex[i]! >= manifest.lists.length) corrupt(`${algorithm} row ${i} names no list`);
  const categoryIndex = view('categoryIndex', Uint32Array, count);
  for (let i = 0; i < count; i++) {
    if (categoryIndex[i]! > manifest.categories.length)
      corrupt(`${algorithm} row ${i} names no category`);
  }
  const column: HashColumn = {
    algorithm,
    count,
    width,
    values: view('values', Uint8Array, count * width),
    listIndex,
    entryIds: strings('entryIdOffsets', 'entryIdBytes'),
    categoryIndex,
    addedAt: view('addedAt', Float64Array, count),
  };
  return width === 0 ? { ...column, texts: strings('textOffsets', 'textBytes') } : column;
}

function corrupt(reason: string, cause?: unknown): never {
  return snapshotCorrupt(HASH_SNAPSHOT_KIND, reason, cause);
}
