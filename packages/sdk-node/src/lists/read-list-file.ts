import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import {
  createListSetBuilder,
  decodeSnapshot,
  type HashEntry,
  ListError,
  type ListSet,
  parseCanonicalCsv,
  parseNcmecEntriesPage,
  parseNdjson,
  parseThreatExchangePdq,
} from '@hashguard/sdk-core';
import { MAX_LIST_DOCUMENT_BYTES, parseHashguardListDocument } from './hashguard-list-document';

export const LIST_FILE_FORMATS = [
  'snapshot',
  'csv',
  'ndjson',
  'threatexchange',
  'hashguard-json',
  'ncmec-xml',
] as const;
export type ListFileFormat = (typeof LIST_FILE_FORMATS)[number];

export interface ReadListFileOptions {
  /** The list's id; default the file name without extension. Ignored for snapshots. */
  listId?: string;
  /** Default: a snapshot by its magic bytes, else by extension (.csv .tsv .ndjson .jsonl .json .xml). */
  format?: ListFileFormat;
  /** Largest hashguard-json document read, in bytes; larger fails before reading. Default 256 MiB. */
  maxJsonBytes?: number;
}

// First bytes of every snapshot (see sdk-core's snapshot layout): \x89 H G S N P.
const SNAPSHOT_PREFIX = [0x89, 0x48, 0x47, 0x53, 0x4e, 0x50];

/**
 * Reads a list file of any supported format into a list set, streaming the
 * text formats. A snapshot comes back as written (all its lists); any other
 * format becomes one list whose version is the file's SHA-256 prefix.
 */
export async function readListFile(
  path: string,
  options: ReadListFileOptions = {},
): Promise<ListSet> {
  const format = options.format ?? (await detectFormat(path));
  if (format === 'snapshot') return decodeSnapshot(new Uint8Array(await readFile(path)));

  const listId = options.listId ?? basename(path, extname(path));
  const [version, info] = await Promise.all([fileDigest(path), stat(path)]);
  const builder = createListSetBuilder();
  const meta = {
    listId,
    version: version.slice(0, 16),
    source: `file:${path}`,
    syncedAt: info.mtime.toISOString(),
  };

  if (format === 'hashguard-json') {
    // Read whole, so refuse an oversized file before reading it.
    const maxBytes = options.maxJsonBytes ?? MAX_LIST_DOCUMENT_BYTES;
    if (info.size > maxBytes) {
      throw new ListError('E_LIST_MALFORMED', `${path}: larger than ${maxBytes} bytes`);
    }
    const document = await parseHashguardListDocument(
      new Uint8Array(await readFile(path)),
      path,
      maxBytes,
    );
    builder.addList({
      ...meta,
      listId: options.listId ?? document.listId,
      version: document.version,
    });
    for (const entry of document.entries)
      builder.add({ ...entry, listId: options.listId ?? document.listId });
    return builder.build();
  }
  builder.addList(meta);
  if (format === 'ncmec-xml') {
    const page = await parseNcmecEntriesPage(createReadStream(path), { listId });
    for (const entry of page.entries) builder.add(entry);
    return builder.build();
  }
  await builder.addAll(parse(format, path, listId));
  return builder.build();
}

function parse(
  format: 'csv' | 'ndjson' | 'threatexchange',
  path: string,
  listId: string,
): AsyncIterable<HashEntry> {
  const chunks = createReadStream(path);
  if (format === 'csv') return parseCanonicalCsv(chunks, { listId });
  if (format === 'ndjson') return parseNdjson(chunks, { listId });
  return parseThreatExchangePdq(chunks, { listId });
}

async function detectFormat(path: string): Promise<ListFileFormat> {
  const head = Buffer.alloc(256);
  const handle = await open(path, 'r');
  let length: number;
  try {
    ({ bytesRead: length } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  if (SNAPSHOT_PREFIX.every((byte, i) => head[i] === byte)) return 'snapshot';
  const extension = extname(path).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  if (extension === '.json') return 'hashguard-json';
  if (extension === '.xml') return 'ncmec-xml';
  if (extension === '.tsv' || extension === '.txt') return 'threatexchange';
  if (extension === '.csv') {
    // Our CSV names its columns, `algorithm` among them; a PDQ bank export does not.
    const firstLine = head.subarray(0, length).toString('utf8').split(/\r?\n/, 1)[0]!.toLowerCase();
    return /(^|,)\s*"?algorithm"?\s*(,|$)/.test(firstLine) ? 'csv' : 'threatexchange';
  }
  throw new ListError(
    'E_LIST_UNSUPPORTED',
    `Cannot tell the format of ${path}; pass a format (${LIST_FILE_FORMATS.join(', ')}).`,
  );
}

async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Paths as given, with each directory (a sync's snapshot store) replaced by its snapshots. */
export async function expandListPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const names = (await readdir(path)).filter((name) => name.endsWith('.hgsnap')).sort();
      if (names.length === 0)
        throw new ListError('E_LIST_MALFORMED', `No snapshots (*.hgsnap) in ${path}.`);
      out.push(...names.map((name) => join(path, name)));
    } else {
      out.push(path);
    }
  }
  return out;
}
