import type { KeywordListEntry } from '../../keywords/keyword-list';
import type { UrlListEntry } from '../../urls/url-list';
import { decodeUtf8 } from '../formats/utf8';
import { checkSnapshotHeader, snapshotCorrupt } from '../snapshot/snapshot-header';
import { HASH_SNAPSHOT_KIND } from '../snapshot/snapshot-layout';
import type { TextList, TextListSet } from './text-list-set';
import {
  getTextListsManifestSchema,
  TEXT_LISTS_SNAPSHOT_KIND,
  type TextListsManifest,
  type TextSectionName,
  URL_FLAG_PREFIX,
  URL_FLAG_QUERY_ANY,
  URL_FLAG_SHA256,
  URL_FLAGS_ALL,
} from './text-lists-layout';

export interface DecodeTextListsSnapshotOptions {
  /** Skip the body CRC (the caller verified a stronger digest of the same bytes). Default false. */
  skipChecksum?: boolean;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Loads a text-list snapshot. Refuses, with `ListError`: `E_SNAPSHOT_CORRUPT`
 * for a wrong magic (a hash-list snapshot is named as such), truncation,
 * checksum mismatch or inconsistent structure; `E_SNAPSHOT_VERSION` for
 * another format version.
 */
export function decodeTextListsSnapshot(
  input: Uint8Array,
  options: DecodeTextListsSnapshotOptions = {},
): TextListSet {
  const { bytes, manifest: manifestBytes } = checkSnapshotHeader(input, TEXT_LISTS_SNAPSHOT_KIND, {
    skipChecksum: options.skipChecksum,
    otherKinds: [HASH_SNAPSHOT_KIND],
  });
  let manifest: TextListsManifest;
  try {
    manifest = getTextListsManifestSchema().parse(JSON.parse(decodeUtf8(manifestBytes)));
  } catch (error) {
    return corrupt('manifest is not valid', error);
  }
  const ids = new Set<string>();
  const lists = manifest.lists.map((list): TextList => {
    const { listId } = list.info;
    if (ids.has(listId)) corrupt(`two lists "${listId}"`);
    ids.add(listId);
    if (list.info.entryCount !== list.count) corrupt(`list "${listId}" entry count disagrees`);
    const read = createSectionReader(bytes, list, manifest.categories.length);
    const entryIds = read.strings('entryIdOffsets', 'entryIdBytes');
    const values = read.strings('valueOffsets', 'valueBytes');
    const categoryIndex = read.categories();
    for (let row = 0; row < list.count; row++) {
      if (entryIds[row] === '') corrupt(`list "${listId}" row ${row} has no entry id`);
    }
    if (list.kind === 'keyword') {
      const entries: KeywordListEntry[] = entryIds.map((id, row) => {
        if (values[row] === '') corrupt(`list "${listId}" row ${row} has no term`);
        return { id, term: values[row]!, category: manifest.categories[categoryIndex[row]!]! };
      });
      return {
        kind: 'keyword',
        info: list.info,
        list: { id: listId, action: list.action, entries },
      };
    }
    const flags = read.view('flags', Uint8Array, list.count);
    const entries: UrlListEntry[] = entryIds.map((id, row) => {
      const bits = flags[row]!;
      if ((bits & ~URL_FLAGS_ALL) !== 0) corrupt(`list "${listId}" row ${row} has unknown flags`);
      const form = bits & URL_FLAG_SHA256 ? 'sha256' : 'plain';
      const value = values[row]!;
      if (form === 'sha256' ? !SHA256_HEX.test(value) : value === '')
        corrupt(`list "${listId}" row ${row} has an unusable value`);
      return {
        id,
        match: bits & URL_FLAG_PREFIX ? 'prefix' : 'exact',
        form,
        value,
        queryOrder: bits & URL_FLAG_QUERY_ANY ? 'any' : 'exact',
        category: manifest.categories[categoryIndex[row]!]!,
      };
    });
    return { kind: 'url', info: list.info, list: { id: listId, action: list.action, entries } };
  });
  return { lists };
}

function createSectionReader(
  bytes: Uint8Array,
  list: TextListsManifest['lists'][number],
  categoryCount: number,
) {
  const listId = list.info.listId;
  const view = <T>(
    name: TextSectionName,
    Kind: { new (b: ArrayBufferLike, o: number, l: number): T; BYTES_PER_ELEMENT: number },
    length: number,
  ): T => {
    const place = list.sections[name];
    if (!place) return corrupt(`list "${listId}" lacks its ${name} section`);
    const [offset, byteLength] = place;
    if (
      byteLength !== length * Kind.BYTES_PER_ELEMENT ||
      offset + byteLength > bytes.length ||
      offset % 8 !== 0
    ) {
      corrupt(`list "${listId}" ${name} section is out of bounds or of the wrong size`);
    }
    return new Kind(bytes.buffer, bytes.byteOffset + offset, length);
  };
  return {
    view,
    strings(offsetsName: TextSectionName, bytesName: TextSectionName): string[] {
      const offsets = view(offsetsName, Uint32Array, list.count + 1);
      const blob = view(bytesName, Uint8Array, list.sections[bytesName]?.[1] ?? 0);
      if (offsets[0] !== 0 || offsets[list.count] !== blob.length)
        corrupt(`list "${listId}" ${offsetsName} do not span the strings`);
      const out: string[] = new Array(list.count);
      for (let i = 0; i < list.count; i++) {
        if (offsets[i]! > offsets[i + 1]!) corrupt(`list "${listId}" ${offsetsName} go backwards`);
        out[i] = decodeUtf8(blob.subarray(offsets[i]!, offsets[i + 1]!));
      }
      return out;
    },
    categories(): Uint32Array {
      const index = view('categoryIndex', Uint32Array, list.count);
      for (let i = 0; i < list.count; i++) {
        if (index[i]! >= categoryCount) corrupt(`list "${listId}" row ${i} names no category`);
      }
      return index;
    },
  };
}

function corrupt(reason: string, cause?: unknown): never {
  return snapshotCorrupt(TEXT_LISTS_SNAPSHOT_KIND, reason, cause);
}
