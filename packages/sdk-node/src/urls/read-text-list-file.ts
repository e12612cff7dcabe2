import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import {
  InputError,
  type KeywordAction,
  type KeywordList,
  parseKeywordList,
  parseUrlList,
  type UrlList,
  type UrlListAction,
} from '@hashguard/sdk-core';

/** Largest URL or keyword list file read into memory (1 M URL entries is ~100 MiB). */
const MAX_LIST_FILE_BYTES = 512 * 1024 * 1024;

export interface ReadUrlListFileOptions {
  /** Default: the file name without its extension. */
  listId?: string;
  action?: UrlListAction;
}

export interface ReadKeywordListFileOptions {
  /** Default: the file name without its extension. */
  listId?: string;
  action?: KeywordAction;
}

/**
 * Reads a URL list file (one entry per line, or the canonical CSV). Throws
 * `InputError` `E_READ_FAILED` when the file cannot be read and `ListError`
 * (with the line number) when it is malformed.
 */
export async function readUrlListFile(
  path: string,
  options: ReadUrlListFileOptions = {},
): Promise<UrlList> {
  const text = await readListText(path);
  return parseUrlList(text, {
    id: options.listId ?? basename(path, extname(path)),
    ...(options.action ? { action: options.action } : {}),
  });
}

/** Reads a keyword list file (one term per line, or the canonical CSV); errors as `readUrlListFile`. */
export async function readKeywordListFile(
  path: string,
  options: ReadKeywordListFileOptions = {},
): Promise<KeywordList> {
  const text = await readListText(path);
  return parseKeywordList(text, {
    id: options.listId ?? basename(path, extname(path)),
    ...(options.action ? { action: options.action } : {}),
  });
}

async function readListText(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError('E_READ_FAILED', `Cannot read list file ${path}.`, { cause: error });
  }
  if (bytes.length > MAX_LIST_FILE_BYTES) {
    throw new InputError(
      'E_INPUT_TOO_LARGE',
      `List file ${path} is ${bytes.length} bytes; the limit is ${MAX_LIST_FILE_BYTES}.`,
    );
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
