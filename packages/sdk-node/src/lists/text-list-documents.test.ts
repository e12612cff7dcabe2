import { createHash } from 'node:crypto';
import { createUrlChecker, isHashguardError } from '@hashguard/sdk-core';
import { defaultKeywordList, defaultUrlList } from '@hashguard/testing';
import { describe, expect, it } from 'vitest';
import { parseKeywordListDocument, parseUrlListDocument } from './text-list-documents';

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

function urlDocument(entries: unknown[]) {
  return {
    format: 'hashguard-url-list-v1',
    listId: 'u',
    version: 3,
    generatedAt: '2026-11-25T12:00:00Z',
    entries,
    sha256: sha256(entries),
  };
}

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isHashguardError(error) ? error.code : `not a HashguardError: ${String(error)}`;
  }
  return 'no error';
};

describe('parseUrlListDocument', () => {
  it('reads the document @hashguard/testing serves, in canonical form', () => {
    const parsed = parseUrlListDocument(bytes(defaultUrlList()), 'urls.json', 'review');
    expect(parsed).toMatchObject({ listId: 'hashguard-url-fixtures', version: 1 });
    expect(parsed.list).toEqual({
      id: 'hashguard-url-fixtures',
      action: 'review',
      entries: [
        {
          id: 'u1',
          match: 'prefix',
          form: 'plain',
          value: 'blocked.example/gallery',
          queryOrder: 'exact',
          category: 'test',
        },
        {
          id: 'u2',
          match: 'prefix',
          form: 'plain',
          value: 'mirror.blocked.example/',
          queryOrder: 'exact',
          category: 'test',
        },
        {
          id: 'u3',
          match: 'exact',
          form: 'plain',
          value: 'files.example/item/12345',
          queryOrder: 'exact',
          category: 'test',
        },
      ],
    });
  });

  it('makes a domain entry cover every page of its host, and only that host', () => {
    const { list } = parseUrlListDocument(
      bytes(
        urlDocument([
          { entryId: 'd', url: 'https://host.example/ignored/path?q=1', match: 'domain' },
        ]),
      ),
      'x',
    );
    const checker = createUrlChecker({ lists: [list] });
    expect(checker.checkUrl('http://HOST.example').verdict).toBe('block');
    expect(checker.checkUrl('host.example/a/b?c=d').verdict).toBe('block');
    expect(checker.checkUrl('other.host.example/a').verdict).toBe('allow');
    expect(checker.checkUrl('host.example.evil.example/a').verdict).toBe('allow');
  });

  it.each([
    [
      'a body cut off mid-document',
      new TextEncoder().encode(JSON.stringify(defaultUrlList()).slice(0, 80)),
      'E_LIST_MALFORMED',
    ],
    [
      'entries that do not match sha256',
      bytes({ ...defaultUrlList(), sha256: sha256([]) }),
      'E_LIST_CHECKSUM',
    ],
    ['a keyword list', bytes(defaultKeywordList()), 'E_LIST_MALFORMED'],
    [
      'a non-web URL',
      bytes(urlDocument([{ entryId: 'f', url: 'ftp://files.example/x', match: 'exact' }])),
      'E_LIST_MALFORMED',
    ],
    [
      'a prefix with a query',
      bytes(urlDocument([{ entryId: 'p', url: 'https://q.example/a?b=1', match: 'prefix' }])),
      'E_LIST_MALFORMED',
    ],
    [
      'an unknown match kind',
      bytes(urlDocument([{ entryId: 'm', url: 'https://q.example/', match: 'regex' }])),
      'E_LIST_MALFORMED',
    ],
  ] as [string, Uint8Array, string][])('refuses %s', (_name, body, code) => {
    expect(codeOf(() => parseUrlListDocument(body, 'x'))).toBe(code);
  });
});

describe('parseKeywordListDocument', () => {
  it('reads the document @hashguard/testing serves, with the configured action', () => {
    const { list, version } = parseKeywordListDocument(bytes(defaultKeywordList()), 'k', 'warn');
    expect(version).toBe(1);
    expect(list).toEqual({
      id: 'hashguard-keyword-fixtures',
      action: 'warn',
      entries: [
        { id: 'k1', term: 'zorblax-test-term', category: '' },
        { id: 'k2', term: 'quindle vesp', category: '' },
      ],
    });
  });

  it('refuses a document whose entries were changed after signing', () => {
    const document = defaultKeywordList();
    document.entries[0]!.term = 'other';
    expect(codeOf(() => parseKeywordListDocument(bytes(document), 'k'))).toBe('E_LIST_CHECKSUM');
  });
});
