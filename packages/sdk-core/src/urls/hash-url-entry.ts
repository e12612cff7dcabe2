import { canonicalUrl, normalizeUrl } from './normalize-url';
import { sha256Ascii } from './sha256';

/**
 * The value a list producer writes in a `url-sha256` entry: the SHA-256 of
 * the canonical URL (`www.` kept as written; query sorted when the entry is
 * `query-unordered`; no query for a prefix). Lets a member hold a URL list
 * without holding readable URLs, and lets tests build hashed lists.
 */
export function hashUrlEntry(
  url: string,
  options: { match?: 'exact' | 'prefix'; queryOrder?: 'exact' | 'any' } = {},
): string {
  const normalized = normalizeUrl(url);
  const query =
    options.match === 'prefix' ? 'none' : options.queryOrder === 'any' ? 'sorted' : 'ordered';
  return sha256Ascii(canonicalUrl(normalized, { query }));
}
