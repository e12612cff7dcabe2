import { refang } from './refang';

/**
 * Finds the URLs in a message or post: `http(s)://…` links, and bare hosts
 * (`bad.example`, `www.bad.example/path?q`) with or without a path, after
 * undoing defanging (`hxxp://`, `bad[.]example`, `bad(dot)example`). Email
 * addresses are not URLs and are skipped. Bare hosts need a final label of
 * two or more letters, so `e.g.` and version numbers are not picked up;
 * false picks such as `notes.txt` are harmless because they only ever get
 * looked up. Trailing sentence punctuation and an unbalanced closing bracket
 * are trimmed, so `(see bad.example/x).` yields `bad.example/x`.
 * A candidate longer than `MAX_URL_LENGTH` (8 KiB) is truncated to it before
 * trimming: its scheme, host and the start of its path are kept for the
 * lookup, and no input makes one candidate cost more than that.
 */
const URL_IN_TEXT = new RegExp(
  [
    String.raw`https?:\/\/[^\s<>"'\x60]+`,
    String.raw`(?<![\p{L}\p{N}@._\-\/])(?:[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*[\p{L}\p{N}](?::\d{1,5})?(?:[\/?#][^\s<>"'\x60]*)?`,
  ].join('|'),
  'giu',
);
/** Longest URL returned, in UTF-16 code units; longer candidates are truncated. */
export const MAX_URL_LENGTH = 8192;
const TRAILING_PUNCTUATION = `.,;:!?'"*>`;
const CLOSING_TO_OPENING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of refang(text).matchAll(URL_IN_TEXT)) {
    const trimmed = trimTrailing(capLength(match[0]));
    if (trimmed !== '') urls.push(trimmed);
  }
  return urls;
}

/**
 * Trims trailing punctuation and unbalanced closing brackets in one pass:
 * brackets are counted once, and the count of a closing bracket drops as it
 * is trimmed (linear, not a recount per character).
 */
function trimTrailing(url: string): string {
  const counts: Record<string, number> = { '(': 0, ')': 0, '[': 0, ']': 0, '{': 0, '}': 0 };
  for (let i = 0; i < url.length; i++) {
    const c = url.charAt(i);
    if (c in counts) counts[c] = (counts[c] ?? 0) + 1;
  }
  let end = url.length;
  while (end > 0) {
    const last = url.charAt(end - 1);
    if (TRAILING_PUNCTUATION.includes(last)) {
      end--;
      continue;
    }
    // A closing bracket stays when it closes one opened inside the URL (wiki-style paths).
    const open = CLOSING_TO_OPENING[last];
    if (open !== undefined && (counts[open] ?? 0) < (counts[last] ?? 0)) {
      counts[last] = (counts[last] ?? 0) - 1;
      end--;
      continue;
    }
    break;
  }
  return url.slice(0, end);
}

/** Cuts a candidate to `MAX_URL_LENGTH` code units, not inside a surrogate pair. */
function capLength(url: string): string {
  if (url.length <= MAX_URL_LENGTH) return url;
  const code = url.charCodeAt(MAX_URL_LENGTH);
  const end = code >= 0xdc00 && code <= 0xdfff ? MAX_URL_LENGTH - 1 : MAX_URL_LENGTH;
  return url.slice(0, end);
}
