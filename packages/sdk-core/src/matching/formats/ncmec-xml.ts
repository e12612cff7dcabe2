import { XMLParser } from 'fast-xml-parser';
import { ListError } from '../../errors/list-error';
import { type HashAlgorithm, type HashEntry, normalizeHashEntry } from '../hash-entry';
import type { ListChunks } from './list-chunks';
import { readBody } from './read-body';

/** XML namespace of NCMEC's hash-sharing API v2. */
export const NCMEC_NAMESPACE = 'https://hashsharing.ncmec.org/hashsharing/v2';

export interface NcmecPageOptions {
  /** Written into every entry. */
  listId: string;
  /** Largest page accepted; NCMEC pages hold ≤ 1000 entries. Default 64 MiB. */
  maxBytes?: number;
}

/** An entry NCMEC withdrew (`deletedImage`/`deletedVideo`): remove every hash with this id. */
export interface NcmecDeletion {
  entryId: string;
  kind: 'image' | 'video';
  memberId?: string;
  timestamp?: string;
}

/** A fingerprint too large to inline (e.g. `tmk-pdqf`), given as a link to fetch separately. */
export interface NcmecFingerprintLink {
  entryId: string;
  type: string;
  href: string;
}

export interface NcmecPage {
  entries: HashEntry[];
  deletions: NcmecDeletion[];
  /** Linked fingerprints, reported so a caller can see what was skipped. */
  links: NcmecFingerprintLink[];
  /** Path of the next page (`/v2/entries?…&start=…&size=…&max=…`), entities decoded; undefined on the last page. */
  next?: string;
  /** `start`/`size`/`max` of the next page's query, when `next` carries them (progress: start of max). */
  nextPaging?: { start: number; size: number; max: number };
  /** Greatest `maxTimestamp` of the page's `images`/`videos`, ISO 8601. */
  maxTimestamp?: string;
}

// Fingerprint element → our algorithm ("pdna" is NCMEC's name for PhotoDNA).
const FINGERPRINTS: Record<string, HashAlgorithm> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  pdq: 'pdq',
  pdna: 'photodna',
};

const ITEM_TAGS = new Set(['image', 'video', 'deletedImage', 'deletedVideo']);

/**
 * Parses one page of `GET /v2/entries` (`<queryResult>`). Hostile XML is
 * refused: a DOCTYPE (the vehicle of entity-expansion attacks; NCMEC never
 * sends one) is `E_LIST_MALFORMED`, entities are not processed (we decode only
 * the five predefined ones ourselves), nesting is capped.
 *
 * NCMEC does not return entries in time order: a sync is complete only when
 * `next` is undefined (see python-threatexchange's `hash_api.py`).
 */
export async function parseNcmecEntriesPage(
  chunks: ListChunks,
  options: NcmecPageOptions,
): Promise<NcmecPage> {
  const xml = await readBody(chunks, options.maxBytes ?? 64 << 20, 'NCMEC page');
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new ListError('E_LIST_MALFORMED', 'NCMEC page has a DOCTYPE/ENTITY declaration; refused');
  }
  let document: Record<string, unknown>;
  try {
    document = createParser().parse(xml, true) as Record<string, unknown>;
  } catch (error) {
    throw new ListError(
      'E_LIST_MALFORMED',
      `NCMEC page is not well-formed XML: ${message(error)}`,
      {
        cause: error,
      },
    );
  }
  // An element with no children and no attributes parses as ''.
  const root = (document.queryResult === '' ? {} : document.queryResult) as
    | Record<string, unknown>
    | undefined;
  if (!root || typeof root !== 'object') {
    throw new ListError('E_LIST_MALFORMED', 'NCMEC page has no <queryResult> root element');
  }
  // removeNSPrefix drops xmlns attributes, so read the namespace off the root tag itself.
  const rootTag = /<(?:[A-Za-z_][\w.-]*:)?queryResult\b([^>]*)>/.exec(xml);
  const namespace = /\bxmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/.exec(rootTag?.[1] ?? '')?.[1];
  if (namespace !== undefined && namespace !== NCMEC_NAMESPACE) {
    throw new ListError(
      'E_LIST_UNSUPPORTED',
      `NCMEC page is in namespace "${namespace}", not ${NCMEC_NAMESPACE}`,
    );
  }
  const page: NcmecPage = { entries: [], deletions: [], links: [] };
  let maxTime = Number.NEGATIVE_INFINITY;
  for (const groupName of ['images', 'videos']) {
    for (const group of asArray(root[groupName])) {
      if (typeof group !== 'object' || group === null) continue;
      const record = group as Record<string, unknown>;
      const groupMax = Date.parse(String(record['@_maxTimestamp'] ?? ''));
      if (!Number.isNaN(groupMax)) maxTime = Math.max(maxTime, groupMax);
      for (const tag of ITEM_TAGS) {
        for (const item of asArray(record[tag])) readItem(tag, item, options.listId, page);
      }
    }
  }
  if (maxTime > Number.NEGATIVE_INFINITY) page.maxTimestamp = new Date(maxTime).toISOString();
  const next = text((root.paging as Record<string, unknown> | undefined)?.next);
  if (next) {
    page.next = decodeXmlEntities(next);
    const paging = pagingOf(page.next);
    if (paging) page.nextPaging = paging;
  }
  return page;
}

function readItem(tag: string, item: unknown, listId: string, page: NcmecPage): void {
  if (typeof item !== 'object' || item === null) {
    throw new ListError('E_LIST_MALFORMED', `NCMEC <${tag}> has no content`);
  }
  const record = item as Record<string, unknown>;
  const entryId = text(record.id);
  if (!entryId) throw new ListError('E_LIST_MALFORMED', `NCMEC <${tag}> has no <id>`);
  const timestamp = text(record.timestamp);
  const member = record.member as Record<string, unknown> | string | undefined;
  const memberId = typeof member === 'object' && member ? text(member['@_id']) : undefined;
  if (tag.startsWith('deleted')) {
    const deletion: NcmecDeletion = { entryId, kind: tag === 'deletedImage' ? 'image' : 'video' };
    if (memberId) deletion.memberId = memberId;
    if (timestamp) deletion.timestamp = timestamp;
    page.deletions.push(deletion);
    return;
  }
  const fingerprints = record.fingerprints;
  if (typeof fingerprints !== 'object' || fingerprints === null) return;
  const category = text(record.classification);
  for (const [name, value] of Object.entries(fingerprints as Record<string, unknown>)) {
    for (const one of asArray(value)) {
      if (typeof one === 'object' && one !== null && '@_href' in one) {
        page.links.push({ entryId, type: name, href: decodeXmlEntities(String(one['@_href'])) });
        continue;
      }
      const algorithm = FINGERPRINTS[name];
      if (!algorithm) continue;
      const entry = normalizeHashEntry({
        algorithm,
        value: text(one) ?? '',
        category,
        entryId,
        listId,
        addedAt: timestamp,
      });
      if (typeof entry === 'string') {
        throw new ListError('E_LIST_MALFORMED', `NCMEC entry "${entryId}": ${entry}`);
      }
      page.entries.push(entry);
    }
  }
}

/** Reads start/size/max from a `next` path (no URLSearchParams: sdk-core has no DOM or Node types). */
function pagingOf(path: string): NcmecPage['nextPaging'] {
  const query = path.slice(path.indexOf('?') + 1);
  const values: Record<string, number> = {};
  for (const pair of query.split('&')) {
    const [name, value] = pair.split('=');
    if (name && value && /^\d+$/.test(value)) values[name] = Number(value);
  }
  const { start, size, max } = values;
  return start !== undefined && size !== undefined && max !== undefined
    ? { start, size, max }
    : undefined;
}

function createParser(): XMLParser {
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    maxNestedTags: 32,
  });
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return decodeXmlEntities(value.trim()) || undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object' && value !== null && '#text' in value) {
    return text((value as Record<string, unknown>)['#text']);
  }
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined XML entities and numeric references; anything else stays as written. */
export function decodeXmlEntities(value: string): string {
  return value.replace(
    /&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g,
    (whole, name: string) => {
      if (name.startsWith('#x')) return safeCodePoint(Number.parseInt(name.slice(2), 16), whole);
      if (name.startsWith('#')) return safeCodePoint(Number.parseInt(name.slice(1), 10), whole);
      return ENTITIES[name] ?? whole;
    },
  );
}

function safeCodePoint(code: number, fallback: string): string {
  return code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
