import { createHash } from 'node:crypto';
import { FIXTURE_HASHES } from '../fixtures/fixture-hashes.generated';
import {
  HASHGUARD_LIST_FORMAT,
  type HashguardListEntry,
  type HashguardListV1,
} from './hashguard-list-v1';
import type { KeywordListV1, UrlListV1 } from './term-lists';

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Builds a list document, computing its `sha256` over `JSON.stringify(entries)`. */
export function buildHashList(fields: {
  listId: string;
  version: number;
  generatedAt: string;
  entries: HashguardListEntry[];
}): HashguardListV1 {
  return {
    format: HASHGUARD_LIST_FORMAT,
    ...fields,
    sha256: sha256Hex(JSON.stringify(fields.entries)),
  };
}

/**
 * The default list: every recorded hash of the benign fixture images (the
 * generated patterns and `fixtures/images/`), as category "test".
 */
export function defaultHashList(): HashguardListV1 {
  const entries: HashguardListEntry[] = [];
  for (const [name, hashes] of Object.entries(FIXTURE_HASHES)) {
    for (const [algorithm, value] of Object.entries(hashes)) {
      entries.push({
        algorithm: algorithm as HashguardListEntry['algorithm'],
        value,
        category: 'test',
        entryId: `${name}-${algorithm}`,
        addedAt: '2026-01-01T00:00:00Z',
      });
    }
  }
  return buildHashList({
    listId: 'hashguard-fixtures',
    version: 1,
    generatedAt: '2026-01-01T00:00:00Z',
    entries,
  });
}

export function defaultUrlList(): UrlListV1 {
  const entries: UrlListV1['entries'] = [
    { entryId: 'u1', url: 'https://blocked.example/gallery/', match: 'prefix', category: 'test' },
    { entryId: 'u2', url: 'https://mirror.blocked.example/', match: 'domain', category: 'test' },
    { entryId: 'u3', url: 'https://files.example/item/12345', match: 'exact', category: 'test' },
  ];
  return {
    format: 'hashguard-url-list-v1',
    listId: 'hashguard-url-fixtures',
    version: 1,
    generatedAt: '2026-01-01T00:00:00Z',
    entries,
    sha256: sha256Hex(JSON.stringify(entries)),
  };
}

export function defaultKeywordList(): KeywordListV1 {
  // Made-up terms that mean nothing in any language.
  const entries: KeywordListV1['entries'] = [
    { entryId: 'k1', term: 'zorblax-test-term', language: 'en' },
    { entryId: 'k2', term: 'quindle vesp', language: 'en' },
  ];
  return {
    format: 'hashguard-keyword-list-v1',
    listId: 'hashguard-keyword-fixtures',
    version: 1,
    generatedAt: '2026-01-01T00:00:00Z',
    entries,
    sha256: sha256Hex(JSON.stringify(entries)),
  };
}
