import { readFile } from 'node:fs/promises';
import { createHashList, type HashList } from '@hashguard/sdk-core';

/** The benign demo list shipped with this example, standing in for a hotline list. */
export const DEMO_LIST_FILE = new URL('../demo/demo-list.json', import.meta.url);

interface DemoListFile {
  listId: string;
  version: string;
  source: string;
  entries: { entryId: string; algorithm: string; value: string; category?: string }[];
}

/**
 * Reads demo/demo-list.json into sdk-core's list model. `createHashList`
 * validates every entry (`E_LIST_MALFORMED` names the first bad one), as it
 * would a real list; a platform gets its lists from `createListSync` or a
 * snapshot instead.
 */
export async function loadDemoList(file: URL = DEMO_LIST_FILE): Promise<HashList> {
  const json = JSON.parse(await readFile(file, 'utf8')) as DemoListFile;
  return createHashList({
    listId: json.listId,
    version: json.version,
    source: json.source,
    entries: json.entries,
  });
}
