/**
 * Percent-encoding normalisation (RFC 3986 §6.2.2.1–2): unreserved characters
 * are decoded (`%7E` → `~`, `%41` → `A`), every other escape gets uppercase hex,
 * stray `%` becomes `%25`, and characters that may not appear raw (space,
 * quotes, non-ASCII after NFC, …) are UTF-8 percent-encoded. Reserved escapes
 * such as `%2F` stay escaped: decoding them would change the URL's meaning.
 */
const HEX_UPPER = '0123456789ABCDEF';

function isHex(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

function isUnreserved(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x2e ||
    code === 0x5f ||
    code === 0x7e
  );
}

// sub-delims and the pchar extras `:` `@`; the query additionally allows `/` and `?`.
const PATH_RAW = new Set("!$&'()*+,;=:@");
const QUERY_RAW = new Set("!$&'()*+,;=:@/?");

function encodeByte(byte: number): string {
  return `%${HEX_UPPER[byte >> 4]}${HEX_UPPER[byte & 0xf]}`;
}

/** UTF-8 percent-encoding of one code point. */
function encodeCodePoint(cp: number): string {
  if (cp < 0x80) return encodeByte(cp);
  if (cp < 0x800) return encodeByte(0xc0 | (cp >> 6)) + encodeByte(0x80 | (cp & 0x3f));
  if (cp < 0x10000) {
    return (
      encodeByte(0xe0 | (cp >> 12)) +
      encodeByte(0x80 | ((cp >> 6) & 0x3f)) +
      encodeByte(0x80 | (cp & 0x3f))
    );
  }
  return (
    encodeByte(0xf0 | (cp >> 18)) +
    encodeByte(0x80 | ((cp >> 12) & 0x3f)) +
    encodeByte(0x80 | ((cp >> 6) & 0x3f)) +
    encodeByte(0x80 | (cp & 0x3f))
  );
}

function normalizeComponent(raw: string, allowedRaw: Set<string>): string {
  const text = raw.normalize('NFC');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25) {
      const hi = text.charCodeAt(i + 1);
      const lo = text.charCodeAt(i + 2);
      if (isHex(hi) && isHex(lo)) {
        const byte = Number.parseInt(text.slice(i + 1, i + 3), 16);
        out += isUnreserved(byte) ? String.fromCharCode(byte) : encodeByte(byte);
        i += 2;
      } else {
        out += '%25';
      }
      continue;
    }
    if (isUnreserved(code) || (code < 0x80 && allowedRaw.has(text[i]!))) {
      out += text[i];
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    out += encodeCodePoint(cp);
  }
  return out;
}

export function normalizePathSegment(segment: string): string {
  return normalizeComponent(segment, PATH_RAW);
}

export function normalizeQuery(query: string): string {
  return normalizeComponent(query, QUERY_RAW);
}

/**
 * Decodes every escape (for hosts, where percent-encoding has no meaning
 * beyond the characters it stands for). Invalid UTF-8 → `undefined`.
 */
export function percentDecode(text: string): string | undefined {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x25 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (code < 0x80) {
      bytes.push(code);
    } else {
      return undefined;
    }
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: number[]): string | undefined {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b0 = bytes[i]!;
    let cp: number;
    let extra: number;
    if (b0 < 0x80) [cp, extra] = [b0, 0];
    else if (b0 >= 0xc2 && b0 < 0xe0) [cp, extra] = [b0 & 0x1f, 1];
    else if (b0 >= 0xe0 && b0 < 0xf0) [cp, extra] = [b0 & 0x0f, 2];
    else if (b0 >= 0xf0 && b0 < 0xf5) [cp, extra] = [b0 & 0x07, 3];
    else return undefined;
    for (let k = 1; k <= extra; k++) {
      const b = bytes[i + k];
      if (b === undefined || (b & 0xc0) !== 0x80) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    out += String.fromCodePoint(cp);
    i += extra + 1;
  }
  return out;
}
