import { ListError } from '../errors/list-error';

/** Hash algorithms a list entry can carry. PhotoDNA is licensed: matched only through a member's port. */
export const HASH_ALGORITHMS = ['md5', 'sha1', 'sha256', 'pdq', 'photodna'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** The exact-match digests, with their length in bytes. */
export const DIGEST_BYTES = { md5: 16, sha1: 20, sha256: 32 } as const;
export type DigestAlgorithm = keyof typeof DIGEST_BYTES;

/** A PhotoDNA hash is 144 bytes (a 12×12 grid of 8-bit values, per Microsoft's documentation). */
export const PHOTODNA_BYTES = 144;

/**
 * One hash on one list. `value` is normalised: lowercase hex for digests and
 * PDQ; PhotoDNA kept exactly as the source gave it (base64, hex, or NCMEC's
 * comma-separated decimal form). `category` keeps the source's own scheme
 * (IWF A/B/C, NCMEC A1/A2/B1/B2, free text); we never translate it.
 */
export interface HashEntry {
  algorithm: HashAlgorithm;
  value: string;
  category?: string;
  listId: string;
  entryId: string;
  /** ISO 8601 UTC, when the source says when the hash was added. */
  addedAt?: string;
}

/** What parsers and callers hand in before normalisation (any hex case, surrounding spaces). */
export type HashEntryInput = {
  algorithm: string;
  value: string;
  category?: string | undefined;
  listId: string;
  entryId: string;
  addedAt?: string | Date | number | undefined;
};

const HEX_LENGTH: Record<Exclude<HashAlgorithm, 'photodna'>, number> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  pdq: 64,
};

const ALGORITHMS = new Set<string>(HASH_ALGORITHMS);

/**
 * Normalised entry, or the reason it is invalid (parsers prefix the line
 * number). Hand-written rather than a zod schema: it runs once per row of
 * lists with tens of millions of rows.
 */
export function normalizeHashEntry(input: HashEntryInput): HashEntry | string {
  const { algorithm, listId, entryId } = input;
  if (typeof algorithm !== 'string' || !ALGORITHMS.has(algorithm)) {
    return `algorithm "${clip(String(algorithm))}" is not one of ${HASH_ALGORITHMS.join(', ')}`;
  }
  if (typeof listId !== 'string' || listId.length === 0 || listId.length > 256)
    return 'listId is missing or too long';
  if (typeof entryId !== 'string' || entryId.length === 0 || entryId.length > 1024) {
    return 'entry id is missing or too long';
  }
  if (typeof input.value !== 'string') return 'hash value is missing';
  const value = normalizeHashValue(algorithm as HashAlgorithm, input.value);
  if (value === undefined) return `${algorithm} value is malformed: "${clip(input.value)}"`;
  const entry: HashEntry = { algorithm: algorithm as HashAlgorithm, value, listId, entryId };
  if (input.category !== undefined && input.category !== null) {
    if (typeof input.category !== 'string' || input.category.length > 256)
      return 'category is not a short string';
    const category = input.category.trim();
    if (category) entry.category = category;
  }
  const addedAt = input.addedAt;
  if (addedAt !== undefined && addedAt !== null && addedAt !== '') {
    const time = new Date(addedAt).getTime();
    if (Number.isNaN(time)) return `addedAt is not a date: "${clip(String(addedAt))}"`;
    entry.addedAt = new Date(time).toISOString();
  }
  return entry;
}

/** Like `normalizeHashEntry`, but throws `ListError('E_LIST_MALFORMED')`. */
export function createHashEntry(input: HashEntryInput): HashEntry {
  const entry = normalizeHashEntry(input);
  if (typeof entry === 'string')
    throw new ListError('E_LIST_MALFORMED', `Invalid hash entry: ${entry}`);
  return entry;
}

/** Normalised value, or undefined when the value does not fit the algorithm. */
export function normalizeHashValue(algorithm: HashAlgorithm, raw: string): string | undefined {
  const value = raw.trim();
  if (algorithm === 'photodna') return decodePhotoDna(value) ? value : undefined;
  const lower = value.toLowerCase();
  return lower.length === HEX_LENGTH[algorithm] && /^[0-9a-f]+$/.test(lower) ? lower : undefined;
}

/**
 * The 144 bytes of a PhotoDNA hash in any of the forms sources use: NCMEC's
 * comma-separated decimals, 288 hex digits, or base64. Undefined if none fits.
 */
export function decodePhotoDna(value: string): Uint8Array | undefined {
  const text = value.trim();
  if (text.includes(',')) {
    const parts = text.split(',');
    if (parts.length !== PHOTODNA_BYTES) return undefined;
    const bytes = new Uint8Array(PHOTODNA_BYTES);
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!.trim();
      if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
      bytes[i] = Number(part);
    }
    return bytes;
  }
  if (text.length === PHOTODNA_BYTES * 2 && /^[0-9a-fA-F]+$/.test(text)) {
    const bytes = new Uint8Array(PHOTODNA_BYTES);
    for (let i = 0; i < PHOTODNA_BYTES; i++)
      bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
    return bytes;
  }
  return decodeBase64(text, PHOTODNA_BYTES);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Strict base64 (standard alphabet, padded) decoding to exactly `length` bytes. */
function decodeBase64(text: string, length: number): Uint8Array | undefined {
  if (text.length !== Math.ceil(length / 3) * 4) return undefined;
  const bytes = new Uint8Array(length);
  let bits = 0;
  let buffer = 0;
  let at = 0;
  for (const char of text.replace(/=+$/, '')) {
    const sextet = BASE64.indexOf(char);
    if (sextet < 0) return undefined;
    buffer = (buffer << 6) | sextet;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (at < length) bytes[at++] = (buffer >> bits) & 0xff;
    }
  }
  return at === length ? bytes : undefined;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
