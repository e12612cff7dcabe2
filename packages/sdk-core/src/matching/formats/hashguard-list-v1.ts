import { ListError } from '../../errors/list-error';
import type { Digest } from '../../ports/digest';
import { type HashEntry, normalizeHashEntry } from '../hash-entry';
import type { HashList } from '../hash-list';
import {
  getHashguardListEntrySchema,
  getHashguardListV1Schema,
  HASHGUARD_LIST_FORMAT,
} from './hashguard-list-v1-schema';
import type { ListChunks } from './list-chunks';
import { readBody } from './read-body';
import { encodeUtf8 } from './utf8';

// The format and its schemas: hashguard-list-v1-schema.ts.

export interface HashguardListV1Options {
  /** Recorded as the list's `source`. Default `hashguard-list-v1`. */
  source?: string;
  /**
   * Verifies `sha256` against the entries (`E_LIST_CHECKSUM` on mismatch).
   * sdk-core has no SHA-256 of its own: pass the platform's digest port.
   * Without it the checksum is not checked; say so in your sync.
   */
  digest?: Digest;
  /** Largest document accepted. Default 256 MiB (the whole document is parsed at once). */
  maxBytes?: number;
}

export interface HashguardListV1Result extends HashList {
  generatedAt: string;
  sha256: string;
  /** True when `sha256` was verified through the digest port. */
  checksumVerified: boolean;
}

/**
 * Parses and validates one hashguard-list-v1 document. JSON is parsed whole
 * (bounded by `maxBytes`); invalid entries are `E_LIST_MALFORMED` naming the
 * entry index.
 */
export async function parseHashguardListV1(
  chunks: ListChunks,
  options: HashguardListV1Options = {},
): Promise<HashguardListV1Result> {
  const text = await readBody(chunks, options.maxBytes ?? 256 << 20, 'hashguard-list-v1 document');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ListError('E_LIST_MALFORMED', 'hashguard-list-v1 document is not JSON', {
      cause: error,
    });
  }
  if (
    typeof json === 'object' &&
    json !== null &&
    'format' in json &&
    json.format !== HASHGUARD_LIST_FORMAT
  ) {
    throw new ListError(
      'E_LIST_UNSUPPORTED',
      `List format "${String(json.format)}" is not ${HASHGUARD_LIST_FORMAT}`,
    );
  }
  const parsed = getHashguardListV1Schema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ListError(
      'E_LIST_MALFORMED',
      `hashguard-list-v1: ${issue?.path.join('.')}: ${issue?.message}`,
    );
  }
  const document = parsed.data;
  const entries: HashEntry[] = [];
  document.entries.forEach((raw, index) => {
    const checked = getHashguardListEntrySchema().safeParse(raw);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new ListError(
        'E_LIST_MALFORMED',
        `hashguard-list-v1 entries[${index}]: ${issue?.path.join('.') || 'entry'}: ${issue?.message}`,
      );
    }
    const entry = normalizeHashEntry({ ...checked.data, listId: document.listId });
    if (typeof entry === 'string')
      throw new ListError('E_LIST_MALFORMED', `hashguard-list-v1 entries[${index}]: ${entry}`);
    entries.push(entry);
  });
  let checksumVerified = false;
  if (options.digest) {
    const state = await options.digest.create('sha256');
    state.update(encodeUtf8(JSON.stringify(document.entries)));
    const actual = state.hex();
    if (actual !== document.sha256) {
      throw new ListError(
        'E_LIST_CHECKSUM',
        `hashguard-list-v1 "${document.listId}" v${document.version}: entries hash to ${actual}, document says ${document.sha256}`,
      );
    }
    checksumVerified = true;
  }
  return {
    listId: document.listId,
    version: String(document.version),
    source: options.source ?? HASHGUARD_LIST_FORMAT,
    entries,
    generatedAt: document.generatedAt,
    sha256: document.sha256,
    checksumVerified,
  };
}
