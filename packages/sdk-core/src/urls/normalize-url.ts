import { InputError } from '../errors/index';
import { normalizeHost, stripWww } from './normalize-host';
import { normalizePathSegment, normalizeQuery } from './percent-encoding';
import { refang } from './refang';

/**
 * A URL in Hashguard's canonical form. The scheme is dropped on purpose:
 * hotline URL lists name web pages, which serve the same content over http
 * and https, and both default ports (80, 443) are removed for the same reason.
 */
export interface NormalizedUrl {
  /** Lowercase ASCII (punycode), no trailing dot; `www.` kept as written. */
  host: string;
  /** Non-default port digits, or `''`. */
  port: string;
  /** Path segments after percent-encoding normalisation, dot-segment removal and dropping empty segments (so duplicate and trailing slashes vanish). Case is kept: paths are case-sensitive. */
  segments: string[];
  /** Normalised query without the `?`, empty parameters dropped, order kept; `''` when none. */
  query: string;
}

const WEB_SCHEME = /^(https?):/i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d+(?:[/?#]|$))/i;

function invalid(input: string, why: string): InputError {
  // The URL itself is not put in the message: it is user content and may be abusive.
  return new InputError(
    'E_INVALID_URL',
    `Not a checkable web URL (${input.length} chars): ${why}.`,
  );
}

/**
 * Parses and normalises a URL or URL-like string (scheme-less `host/path`,
 * `//host/path`, defanged `hxxp://x[.]example`). Throws `InputError`
 * `E_INVALID_URL` for other schemes (`ftp:`, `mailto:`, `javascript:`) and
 * unusable hosts. Userinfo (`user:pass@`) and the fragment are discarded.
 */
export function normalizeUrl(input: string): NormalizedUrl {
  let rest = refang(stripControlsAndSpaces(input));
  rest = rest.replace(/\\/g, '/');
  const scheme = WEB_SCHEME.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  else if (OTHER_SCHEME.test(rest)) throw invalid(input, 'only http and https URLs can be checked');
  rest = rest.replace(/^\/+/, '');

  const fragmentAt = rest.indexOf('#');
  if (fragmentAt !== -1) rest = rest.slice(0, fragmentAt);
  const authorityEnd = rest.search(/[/?]/);
  let authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const afterAuthority = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);

  let rawHost = authority;
  let port = '';
  const portMatch = /:(\d*)$/.exec(authority);
  if (portMatch && !authority.endsWith(']')) {
    rawHost = authority.slice(0, portMatch.index);
    const digits = portMatch[1]!.replace(/^0+(?=\d)/, '');
    if (digits !== '' && Number(digits) > 65535) throw invalid(input, 'port out of range');
    port = digits === '80' || digits === '443' ? '' : digits;
  } else if (!authority.startsWith('[') && authority.includes(':')) {
    throw invalid(input, 'malformed port');
  }
  const host = normalizeHost(rawHost);
  if (host === undefined) throw invalid(input, 'unusable host');

  const queryAt = afterAuthority.indexOf('?');
  const rawPath = queryAt === -1 ? afterAuthority : afterAuthority.slice(0, queryAt);
  const rawQuery = queryAt === -1 ? '' : afterAuthority.slice(queryAt + 1);
  return {
    host,
    port,
    segments: normalizeSegments(rawPath),
    query: normalizeQueryParams(rawQuery),
  };
}

/** WHATWG: leading/trailing C0 controls and spaces are stripped, tabs and newlines inside removed. */
function stripControlsAndSpaces(input: string): string {
  let start = 0;
  let end = input.length;
  while (start < end && input.charCodeAt(start) <= 0x20) start++;
  while (end > start && input.charCodeAt(end - 1) <= 0x20) end--;
  return input.slice(start, end).replace(/[\t\n\r]/g, '');
}

/** RFC 3986 §5.2.4 dot-segment removal over normalised segments; `%2E` counts as a dot. */
function normalizeSegments(rawPath: string): string[] {
  const out: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    const segment = normalizePathSegment(raw);
    if (segment === '.') continue;
    if (segment === '..') {
      out.pop();
      continue;
    }
    out.push(segment);
  }
  return out;
}

function normalizeQueryParams(rawQuery: string): string {
  if (rawQuery === '') return '';
  return normalizeQuery(rawQuery)
    .split('&')
    .filter((param) => param !== '')
    .join('&');
}

/** `host[:port]` with `www.` removed when www-prefixed hosts count as the same site. */
export function hostKey(url: NormalizedUrl, stripLeadingWww: boolean): string {
  const host = stripLeadingWww ? stripWww(url.host) : url.host;
  return url.port === '' ? host : `${host}:${url.port}`;
}

export interface CanonicalOptions {
  /** Drop `www.` from the host. */
  stripWww?: boolean;
  /** `'ordered'` keeps the query as written, `'sorted'` sorts its parameters, `'none'` drops it. */
  query?: 'ordered' | 'sorted' | 'none';
  /** Use only the first `depth` path segments (for prefix lookups). */
  depth?: number;
}

/**
 * The canonical string: `host[:port]/seg/seg[?query]`, root as `host/`. This
 * is what `url-sha256` list entries hash, with `www.` kept as the list
 * producer wrote it and the query sorted for entries marked `query-unordered`.
 */
export function canonicalUrl(url: NormalizedUrl, options: CanonicalOptions = {}): string {
  const segments =
    options.depth === undefined ? url.segments : url.segments.slice(0, options.depth);
  let out = `${hostKey(url, options.stripWww ?? false)}/${segments.join('/')}`;
  const query = options.query ?? 'ordered';
  if (query !== 'none' && url.query !== '') {
    out += `?${query === 'sorted' ? sortQuery(url.query) : url.query}`;
  }
  return out;
}

export function sortQuery(query: string): string {
  return query.split('&').sort().join('&');
}
