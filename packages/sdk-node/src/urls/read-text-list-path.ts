import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeTextListsSnapshot,
  InputError,
  type KeywordList,
  keywordListsOf,
  ListError,
  TEXT_LISTS_SNAPSHOT_MAGIC,
  type TextListSet,
  type UrlList,
  urlListsOf,
} from '@hashguard/sdk-core';
import {
  type ReadKeywordListFileOptions,
  type ReadUrlListFileOptions,
  readKeywordListFile,
  readUrlListFile,
} from './read-text-list-file';

// First bytes of a hash-list snapshot (sdk-core's snapshot layout): \x89 H G S N P.
const HASH_SNAPSHOT_PREFIX = [0x89, 0x48, 0x47, 0x53, 0x4e, 0x50];
/** As for text list files: a snapshot is decoded whole in memory. */
const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

/**
 * The URL lists at `path`: a text-list snapshot (`*.hgtxt`, as
 * `createTextListSync` stores them: every URL list in it), a directory (a
 * sync's store: every `*.hgtxt` in it), or a list file in one of the text
 * forms of `readUrlListFile` (one list; `options` apply to it only). Throws
 * `ListError` when a snapshot is corrupt or holds no URL list.
 */
export async function readUrlListsFromPath(
  path: string,
  options: ReadUrlListFileOptions = {},
): Promise<UrlList[]> {
  const sets = await readSnapshots(path);
  if (!sets) return [await readUrlListFile(path, options)];
  return pick(sets.flatMap(urlListsOf), path, 'URL');
}

/** The keyword lists at `path`; as `readUrlListsFromPath`. */
export async function readKeywordListsFromPath(
  path: string,
  options: ReadKeywordListFileOptions = {},
): Promise<KeywordList[]> {
  const sets = await readSnapshots(path);
  if (!sets) return [await readKeywordListFile(path, options)];
  return pick(sets.flatMap(keywordListsOf), path, 'keyword');
}

function pick<List>(lists: List[], path: string, what: string): List[] {
  if (lists.length === 0) throw new ListError('E_LIST_MALFORMED', `${path} holds no ${what} list.`);
  return lists;
}

/** The snapshots at `path`, or undefined when it is a text list file. */
async function readSnapshots(path: string): Promise<TextListSet[] | undefined> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (error) {
    throw new InputError('E_READ_FAILED', `Cannot read list file ${path}.`, { cause: error });
  }
  if (info.isDirectory()) {
    const names = (await readdir(path)).filter((name) => name.endsWith('.hgtxt')).sort();
    if (names.length === 0)
      throw new ListError('E_LIST_MALFORMED', `No text-list snapshots (*.hgtxt) in ${path}.`);
    return Promise.all(names.map((name) => readSnapshot(join(path, name))));
  }
  const head = await readHead(path);
  if (HASH_SNAPSHOT_PREFIX.every((byte, i) => head[i] === byte)) {
    throw new ListError(
      'E_LIST_UNSUPPORTED',
      `${path} is a hash-list snapshot; URL and keyword checks need a text-list snapshot (*.hgtxt) or list file.`,
    );
  }
  if (!TEXT_LISTS_SNAPSHOT_MAGIC.every((byte, i) => head[i] === byte)) return undefined;
  return [await readSnapshot(path)];
}

async function readSnapshot(path: string): Promise<TextListSet> {
  if ((await stat(path)).size > MAX_SNAPSHOT_BYTES) {
    throw new InputError(
      'E_INPUT_TOO_LARGE',
      `Snapshot ${path} is larger than ${MAX_SNAPSHOT_BYTES} bytes.`,
    );
  }
  return decodeTextListsSnapshot(new Uint8Array(await readFile(path)));
}

async function readHead(path: string): Promise<Uint8Array> {
  const head = new Uint8Array(TEXT_LISTS_SNAPSHOT_MAGIC.length);
  try {
    const handle = await open(path, 'r');
    try {
      await handle.read(head, 0, head.length, 0);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError('E_READ_FAILED', `Cannot read list file ${path}.`, { cause: error });
  }
  return head;
}
