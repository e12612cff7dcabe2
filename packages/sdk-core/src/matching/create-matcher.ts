import { ConfigError } from '../errors/config-error';
import type { PdqHex } from '../hashing/pdq-hash';
import { createDigestSet, type DigestSet } from './digest-set';
import {
  type DigestAlgorithm,
  decodePhotoDna,
  type HashAlgorithm,
  PHOTODNA_BYTES,
} from './hash-entry';
import { type HashList, packHashLists } from './hash-list';
import { categoryAt, type ListInfo, type ListSet } from './list-set';
import { createPdqIndex, type PdqIndex, type PdqIndexOptions } from './pdq-index/pdq-index';
import type { PhotoDnaPort } from './photodna-port';
import { decodeSnapshot } from './snapshot/decode-snapshot';
import { stringAt } from './string-column';

/** The hashes of one file to look up. Absent fields are not matched. */
export interface MatchQuery {
  md5?: string;
  sha1?: string;
  sha256?: string;
  pdq?: PdqHex;
  /** The other dihedral PDQ hashes of the file (rotations, mirrors); used unless `dihedral: false`. */
  pdqDihedral?: readonly PdqHex[];
  /** PhotoDNA of the file, matched only when the matcher has a `photoDna` port. */
  photodna?: string | Uint8Array;
}

/** One listed entry the file matched. `distance` is 0 for exact digests. */
export interface Match {
  listId: string;
  entryId: string;
  algorithm: HashAlgorithm;
  distance: number;
  category?: string;
}

export interface MatcherOptions {
  /** Largest PDQ Hamming distance that matches. Default 31 (the ecosystem convention). */
  pdqThreshold?: number;
  /** Tighter (or looser) PDQ thresholds for some lists, by listId. */
  pdqThresholdByList?: Readonly<Record<string, number>>;
  /** A licensee's PhotoDNA comparison; without it `photodna` entries are never matched. */
  photoDna?: PhotoDnaPort;
  /** Passed to the PDQ index (see `PdqIndexOptions.slotBits`). */
  pdqSlotBits?: number;
}

export interface MatchOptions {
  /** Overrides the matcher's default for this call (per-list thresholds still apply when tighter). */
  pdqThreshold?: number;
  /** Also try `pdqDihedral`. Default true. */
  dihedral?: boolean;
}

export interface Matcher {
  readonly lists: readonly ListInfo[];
  readonly set: ListSet;
  /** Every entry the file matches on any list, closest first. */
  match(query: MatchQuery, options?: MatchOptions): Match[];
  /** `match` for many files. */
  matchAll(queries: readonly MatchQuery[], options?: MatchOptions): Match[][];
}

/** What a matcher is built from: a decoded set, snapshot bytes, or plain lists. */
export type MatcherSource = ListSet | Uint8Array | readonly HashList[];

/**
 * Indexes a set of lists for matching: exact sets for MD5/SHA-1/SHA-256, a
 * multi-index-hashing PDQ index, and PhotoDNA through the member's port.
 * Building is synchronous and done once; `match` allocates little.
 */
export function createMatcher(source: MatcherSource, options: MatcherOptions = {}): Matcher {
  const set = toListSet(source);
  const defaultThreshold = checkThreshold(options.pdqThreshold ?? 31);
  const byListIndex = set.lists.map((info) => {
    const own = options.pdqThresholdByList?.[info.listId];
    return own === undefined ? undefined : checkThreshold(own);
  });
  const widest = Math.max(
    defaultThreshold,
    ...byListIndex.filter((t): t is number => t !== undefined),
  );

  const digests: Partial<Record<DigestAlgorithm, DigestSet>> = {};
  for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
    const column = set.columns[algorithm];
    if (column && column.count > 0) digests[algorithm] = createDigestSet(algorithm, column.values);
  }
  const pdqColumn = set.columns.pdq;
  const pdq: PdqIndex | undefined =
    pdqColumn && pdqColumn.count > 0
      ? createPdqIndex(pdqColumn.values, pdqIndexOptions(set, options.pdqSlotBits))
      : undefined;
  let photoDnaValues: Uint8Array | undefined;

  const toMatch = (algorithm: HashAlgorithm, row: number, distance: number): Match => {
    const column = set.columns[algorithm]!;
    const match: Match = {
      listId: set.lists[column.listIndex[row]!]!.listId,
      entryId: stringAt(column.entryIds, row),
      algorithm,
      distance,
    };
    const category = categoryAt(set, column, row);
    if (category !== undefined) match.category = category;
    return match;
  };

  const match = (query: MatchQuery, callOptions: MatchOptions = {}): Match[] => {
    const matches: Match[] = [];
    for (const algorithm of ['md5', 'sha1', 'sha256'] as const) {
      const value = query[algorithm];
      const digestSet = digests[algorithm];
      if (!value || !digestSet) continue;
      for (const row of digestSet.lookup(value.toLowerCase()))
        matches.push(toMatch(algorithm, row, 0));
    }
    if (query.pdq && pdq && pdqColumn) {
      const threshold =
        callOptions.pdqThreshold === undefined ? widest : checkThreshold(callOptions.pdqThreshold);
      const dihedral = callOptions.dihedral === false ? [] : (query.pdqDihedral ?? []);
      for (const hit of pdq.query(query.pdq, { threshold, dihedral })) {
        const listIndex = pdqColumn.listIndex[hit.row]!;
        const limit =
          callOptions.pdqThreshold === undefined
            ? (byListIndex[listIndex] ?? defaultThreshold)
            : threshold;
        if (hit.distance <= limit) matches.push(toMatch('pdq', hit.row, hit.distance));
      }
    }
    const photoDnaColumn = set.columns.photodna;
    if (query.photodna && options.photoDna && photoDnaColumn?.texts) {
      const queryBytes =
        typeof query.photodna === 'string' ? decodePhotoDna(query.photodna) : query.photodna;
      if (queryBytes && queryBytes.length === PHOTODNA_BYTES) {
        if (!photoDnaValues) {
          photoDnaValues = new Uint8Array(photoDnaColumn.count * PHOTODNA_BYTES);
          for (let row = 0; row < photoDnaColumn.count; row++) {
            const decoded = decodePhotoDna(stringAt(photoDnaColumn.texts, row));
            if (decoded) photoDnaValues.set(decoded, row * PHOTODNA_BYTES);
          }
        }
        for (let row = 0; row < photoDnaColumn.count; row++) {
          const listed = photoDnaValues.subarray(row * PHOTODNA_BYTES, (row + 1) * PHOTODNA_BYTES);
          const distance = options.photoDna.distance(queryBytes, listed);
          if (distance <= options.photoDna.threshold)
            matches.push(toMatch('photodna', row, distance));
        }
      }
    }
    return matches.sort(
      (a, b) =>
        a.distance - b.distance ||
        compare(a.listId, b.listId) ||
        compare(a.algorithm, b.algorithm) ||
        compare(a.entryId, b.entryId),
    );
  };

  return {
    lists: set.lists,
    set,
    match,
    matchAll: (queries, callOptions) => queries.map((query) => match(query, callOptions)),
  };
}

/** Stored tables are adopted unless the caller asked for another slot width. */
function pdqIndexOptions(set: ListSet, slotBits: number | undefined): PdqIndexOptions {
  const tables = set.pdqIndexTables;
  if (tables && (slotBits === undefined || slotBits === tables.slotBits)) return { tables };
  return slotBits === undefined ? {} : { slotBits };
}

function toListSet(source: MatcherSource): ListSet {
  if (source instanceof Uint8Array) return decodeSnapshot(source);
  if (Array.isArray(source)) return packHashLists(source as readonly HashList[]);
  return source as ListSet;
}

function checkThreshold(threshold: number): number {
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 256) {
    throw new ConfigError(
      'E_INVALID_OPTIONS',
      `PDQ threshold must be an integer 0..256, got ${threshold}`,
    );
  }
  return threshold;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
