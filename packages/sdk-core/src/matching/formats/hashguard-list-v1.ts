import { z } from 'zod';
import { ListError } from '../../errors/list-error';
import type { Digest } from '../../ports/digest';
import { HASH_ALGORITHMS, type HashEntry, normalizeHashEntry } from '../hash-entry';
import type { HashList } from '../hash-list';
import type { ListChunks } from './list-chunks';
import { readBody } from './read-body';
import { encodeUtf8 } from './utf8';

/**
 * "hashguard-list-v1": our own JSON list document, served by
 * `@hashguard/testing`'s mock list endpoint (`/lists/hashes.json`). We do not
 * know IWF's private format, so this is named for what it is:
 *
 * ```json
 * { "format": "hashguard-list-v1", "listId": "…", "version": 3,
 *   "generatedAt": "2026-01-01T00:00:00Z",
 *   "entries": [{ "algorithm": "pdq", "value": "…", "category": "test",
 *                 "entryId": "…", "addedAt": "…" }],
 *   "sha256": "<hex SHA-256 of JSON.stringify(entries), UTF-8>" }
 * ```
 */
export const HASHGUARD_LIST_FORMAT = 'hashguard-list-v1';

const HEX_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, pdq: 64 };

export const hashguardListEntrySchema = z
  .object({
    algorithm: z.enum(HASH_ALGORITHMS),
    value: z.string().min(1).max(4096),
    category: z.string().min(1).max(64).optional(),
    entryId: z.string().min(1).max(128),
    addedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .refine(
    (entry) =>
      entry.algorithm === 'photodna' ||
      new RegExp(`^[0-9a-f]{${HEX_LENGTHS[entry.algorithm]}}$`).test(entry.value),
    { message: 'value must be lowercase hex of the algorithm’s length' },
  );

export const hashguardListV1Schema = z.object({
  format: z.literal(HASHGUARD_LIST_FORMAT),
  listId: z.string().min(1).max(128),
  version: z.number().int().nonnegative(),
  generatedAt: z.iso.datetime({ offset: true }),
  entries: z.array(z.unknown()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

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
  const parsed = hashguardListV1Schema.safeParse(json);
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
    const checked = hashguardListEntrySchema.safeParse(raw);
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
