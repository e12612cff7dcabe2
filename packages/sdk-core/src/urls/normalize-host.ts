import { percentDecode } from './percent-encoding';
import { punycodeEncode } from './punycode';

/**
 * Host normalisation: percent-decoding, an approximation of UTS #46 mapping
 * (NFKC + full lowercase, ideographic full stops as dots), trailing dot
 * removed, non-ASCII labels to `xn--` punycode, and WHATWG IPv4 parsing so
 * `0x7f.1`, `2130706433` and `127.0.0.1` are one host. Returns `undefined`
 * for a host that cannot be a web host.
 */
const IDEOGRAPHIC_DOTS = /[\u3002\uff0e\uff61]/g;
const ASCII_LABEL = /^[a-z0-9_-]+$/;

export function normalizeHost(raw: string): string | undefined {
  if (raw.startsWith('[')) {
    // IPv6 literal: kept as written apart from case; compression is not normalised.
    return /^\[[0-9a-f:.]+\]$/i.test(raw) ? raw.toLowerCase() : undefined;
  }
  const decoded = percentDecode(raw);
  if (decoded === undefined) return undefined;
  let host = decoded.normalize('NFKC').replace(IDEOGRAPHIC_DOTS, '.').toLowerCase();
  while (host.endsWith('.')) host = host.slice(0, -1);
  if (host === '') return undefined;
  const labels = host.split('.');
  const ipv4 = parseIpv4(labels);
  if (ipv4 === null) return undefined;
  if (ipv4 !== undefined) return ipv4;
  const out: string[] = [];
  for (const label of labels) {
    if (label === '') return undefined;
    if (ASCII_LABEL.test(label)) {
      out.push(label);
      continue;
    }
    // Anything ASCII outside letters, digits, `-` and `_` (spaces, `<`, `%`, …) is no host.
    if (hasAsciiOutsideLabelSet(label)) return undefined;
    out.push(`xn--${punycodeEncode(label)}`);
  }
  const normalized = out.join('.');
  return normalized.length <= 253 ? normalized : undefined;
}

function hasAsciiOutsideLabelSet(label: string): boolean {
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    if (code < 0x80 && !ASCII_LABEL.test(label[i]!)) return true;
  }
  return false;
}

/**
 * WHATWG URL §3.5 "IPv4 parser": when the last label is numeric the host is
 * an IPv4 address in decimal, octal (leading 0) or hex (0x) parts.
 * `undefined` = not IPv4; `null` = looks like IPv4 but is invalid.
 */
function parseIpv4(labels: string[]): string | null | undefined {
  const last = labels.at(-1)!;
  if (parseIpv4Part(last) === undefined) return undefined;
  if (labels.length > 4) return null;
  const parts: number[] = [];
  for (const label of labels) {
    const value = parseIpv4Part(label);
    if (value === undefined) return null;
    parts.push(value);
  }
  const lastPart = parts.pop()!;
  if (parts.some((p) => p > 255) || lastPart >= 256 ** (4 - parts.length)) return null;
  let address = lastPart;
  parts.forEach((p, i) => {
    address += p * 256 ** (3 - i);
  });
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join('.');
}

function parseIpv4Part(label: string): number | undefined {
  if (/^0x[0-9a-f]*$/.test(label))
    return label.length === 2 ? 0 : Number.parseInt(label.slice(2), 16);
  if (/^0[0-7]+$/.test(label)) return Number.parseInt(label.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(label)) return Number(label);
  return undefined;
}

/** `www.x.example` → `x.example`; a bare `www.example` keeps its label. */
export function stripWww(host: string): string {
  return host.startsWith('www.') && host.indexOf('.', 4) !== -1 ? host.slice(4) : host;
}
