import { stripWww } from './normalize-host';
import { canonicalUrl, hostKey, type NormalizedUrl, normalizeUrl } from './normalize-url';
import { sha256Ascii } from './sha256';
import type { UrlList } from './url-list';

/** One list entry that matched: the index of its list among the checker's lists, and its id. */
export interface UrlEntryRef {
  list: number;
  entryId: string;
}

/**
 * Hashed prefixes are looked up for the first 64 ancestors only, so a URL
 * with thousands of path segments cannot make one check hash megabytes.
 * Plain prefixes (a trie walk) have no such limit.
 */
const MAX_HASHED_PREFIX_DEPTH = 64;

interface PrefixNode {
  children: Map<string, PrefixNode> | undefined;
  refs: UrlEntryRef[] | undefined;
}

export interface UrlMatcher {
  /** Entries matching one normalised URL, each at most once. */
  match(url: NormalizedUrl): UrlEntryRef[];
}

function add<K>(map: Map<K, UrlEntryRef[]>, key: K, ref: UrlEntryRef): void {
  const refs = map.get(key);
  if (refs) refs.push(ref);
  else map.set(key, [ref]);
}

/**
 * Exact entries live in hash maps keyed by canonical string (or SHA-256);
 * plain prefixes in a per-host trie of path segments, so `/abc` covers
 * `/abc/d` but never `/abcd`. Hashed prefixes are found by hashing each
 * ancestor path of the URL (as Safe Browsing does), which costs one SHA-256
 * per path segment and is only paid when such entries exist.
 */
export function createUrlMatcher(lists: readonly UrlList[], wwwEquivalent: boolean): UrlMatcher {
  const exactNoQuery = new Map<string, UrlEntryRef[]>();
  const exactOrdered = new Map<string, UrlEntryRef[]>();
  const exactSorted = new Map<string, UrlEntryRef[]>();
  const prefixByHost = new Map<string, PrefixNode>();
  const hashedExact = new Map<string, UrlEntryRef[]>();
  const hashedSorted = new Map<string, UrlEntryRef[]>();
  const hashedPrefix = new Map<string, UrlEntryRef[]>();

  lists.forEach((list, listIndex) => {
    for (const entry of list.entries) {
      const ref = { list: listIndex, entryId: entry.id };
      if (entry.form === 'sha256') {
        const target =
          entry.match === 'prefix'
            ? hashedPrefix
            : entry.queryOrder === 'any'
              ? hashedSorted
              : hashedExact;
        add(target, entry.value, ref);
        continue;
      }
      const url = parseCanonical(entry.value);
      if (entry.match === 'prefix') {
        let node = prefixByHost.get(hostKey(url, wwwEquivalent));
        if (!node) {
          node = { children: undefined, refs: undefined };
          prefixByHost.set(hostKey(url, wwwEquivalent), node);
        }
        for (const segment of url.segments) {
          node.children ??= new Map();
          let child = node.children.get(segment);
          if (!child) {
            child = { children: undefined, refs: undefined };
            node.children.set(segment, child);
          }
          node = child;
        }
        if (node.refs) node.refs.push(ref);
        else node.refs = [ref];
      } else if (url.query === '') {
        add(exactNoQuery, canonicalUrl(url, { stripWww: wwwEquivalent, query: 'none' }), ref);
      } else if (entry.queryOrder === 'any') {
        add(exactSorted, canonicalUrl(url, { stripWww: wwwEquivalent, query: 'sorted' }), ref);
      } else {
        add(exactOrdered, canonicalUrl(url, { stripWww: wwwEquivalent, query: 'ordered' }), ref);
      }
    }
  });
  const anyHashed = hashedExact.size + hashedSorted.size + hashedPrefix.size > 0;

  return {
    match(url) {
      const found: UrlEntryRef[] = [];
      const collect = (refs: UrlEntryRef[] | undefined) => {
        if (refs) for (const ref of refs) found.push(ref);
      };
      collect(exactNoQuery.get(canonicalUrl(url, { stripWww: wwwEquivalent, query: 'none' })));
      if (url.query !== '') {
        collect(exactOrdered.get(canonicalUrl(url, { stripWww: wwwEquivalent, query: 'ordered' })));
        collect(exactSorted.get(canonicalUrl(url, { stripWww: wwwEquivalent, query: 'sorted' })));
      }
      let node = prefixByHost.get(hostKey(url, wwwEquivalent));
      for (let depth = 0; node; depth++) {
        collect(node.refs);
        const segment = url.segments[depth];
        node = segment === undefined ? undefined : node.children?.get(segment);
      }
      if (anyHashed) {
        // Hashed entries keep `www.` as the producer wrote it, so under www
        // equivalence both spellings of the host are tried.
        const bare = stripWww(url.host);
        const hosts = wwwEquivalent ? [bare, `www.${bare}`] : [url.host];
        for (const host of hosts) {
          const variant = { ...url, host };
          if (hashedExact.size > 0) {
            collect(hashedExact.get(sha256Ascii(canonicalUrl(variant, { query: 'none' }))));
            if (url.query !== '') collect(hashedExact.get(sha256Ascii(canonicalUrl(variant))));
          }
          if (hashedSorted.size > 0 && url.query !== '') {
            collect(hashedSorted.get(sha256Ascii(canonicalUrl(variant, { query: 'sorted' }))));
          }
          if (hashedPrefix.size > 0) {
            const deepest = Math.min(url.segments.length, MAX_HASHED_PREFIX_DEPTH);
            for (let depth = 0; depth <= deepest; depth++) {
              collect(
                hashedPrefix.get(sha256Ascii(canonicalUrl(variant, { query: 'none', depth }))),
              );
            }
          }
        }
      }
      return dedupe(found);
    },
  };
}

/**
 * Plain entry values are canonical already (`parseUrlList` wrote them), so
 * they are split without normalising again, which halves the time to index a
 * million entries; a hand-built value that does not round-trip is normalised.
 */
const CANONICAL_AUTHORITY = /^(?:[a-z0-9._-]+|\[[0-9a-f:.]+\])(?::[1-9][0-9]*)?$/;
const CANONICAL_PATH = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$/;

function parseCanonical(value: string): NormalizedUrl {
  const slash = value.indexOf('/');
  const queryAt = value.indexOf('?');
  if (slash > 0 && (queryAt === -1 || queryAt > slash)) {
    const authority = value.slice(0, slash);
    const colon = authority.lastIndexOf(':');
    const hasPort = colon !== -1 && !authority.endsWith(']');
    const path = value.slice(slash + 1, queryAt === -1 ? undefined : queryAt);
    const url: NormalizedUrl = {
      host: hasPort ? authority.slice(0, colon) : authority,
      port: hasPort ? authority.slice(colon + 1) : '',
      segments: path === '' ? [] : path.split('/'),
      query: queryAt === -1 ? '' : value.slice(queryAt + 1),
    };
    const looksCanonical =
      CANONICAL_AUTHORITY.test(authority) &&
      CANONICAL_PATH.test(path) &&
      !url.segments.some((segment) => segment === '' || segment === '.' || segment === '..');
    if (looksCanonical && canonicalUrl(url) === value) return url;
  }
  return normalizeUrl(value);
}

function dedupe(refs: UrlEntryRef[]): UrlEntryRef[] {
  if (refs.length < 2) return refs;
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.list}\u0000${ref.entryId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
