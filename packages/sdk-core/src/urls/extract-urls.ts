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
 */
const URL_IN_TEXT = new RegExp(
  [
    String.raw`https?:\/\/[^\s<>"'\x60]+`,
    String.raw`(?<![\p{L}\p{N}@._\-\/])(?:[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?\.)+\p{L}[\p{L}\p{N}-]*[\p{L}\p{N}](?::\d{1,5})?(?:[\/?#][^\s<>"'\x60]*)?`,
  ].join('|'),
  'giu',
);
const TRAILING_PUNCTUATION = `.,;:!?'"*>`;
const CLOSING_TO_OPENING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

export function extractUrls(text: string): string[] {
  const urls: string[] = [];
  for (const match of refang(text).matchAll(URL_IN_TEXT)) {
    const trimmed = trimTrailing(match[0]);
    if (trimmed !== '') urls.push(trimmed);
  }
  return urls;
}

function trimTrailing(url: string): string {
  let out = url;
  for (;;) {
    const last = out.at(-1);
    if (last === undefined) return out;
    if (TRAILING_PUNCTUATION.includes(last)) {
      out = out.slice(0, -1);
      continue;
    }
    // A closing bracket stays when it closes one opened inside the URL (wiki-style paths).
    const open = CLOSING_TO_OPENING[last];
    if (open !== undefined && count(out, open) < count(out, last)) {
      out = out.slice(0, -1);
      continue;
    }
    return out;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
