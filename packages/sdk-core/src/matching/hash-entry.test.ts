import { describe, expect, it } from 'vitest';
import { decodePhotoDna, normalizeHashEntry, normalizeHashValue } from './hash-entry';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Plain base64 (no btoa: sdk-core compiles without DOM types). */
function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

describe('normalizeHashValue', () => {
  it.each([
    ['md5', ' ABCDEF0123456789ABCDEF0123456789 ', 'abcdef0123456789abcdef0123456789'],
    ['md5', 'abc', undefined],
    ['sha1', 'g'.repeat(40), undefined],
    ['sha256', 'A'.repeat(64), 'a'.repeat(64)],
    ['pdq', 'F'.repeat(64), 'f'.repeat(64)],
    ['pdq', 'f'.repeat(63), undefined],
  ] as const)('%s %s → %s', (algorithm, raw, expected) => {
    expect(normalizeHashValue(algorithm, raw)).toBe(expected);
  });

  it('keeps PhotoDNA as given, accepting NCMEC decimals, hex and base64 of 144 bytes', () => {
    const bytes = Uint8Array.from({ length: 144 }, (_, i) => (i * 5) % 256);
    const forms = [
      [...bytes].join(','),
      [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(''),
      base64(bytes),
    ];
    for (const form of forms) {
      expect(normalizeHashValue('photodna', form)).toBe(form);
      expect(decodePhotoDna(form)).toEqual(bytes);
    }
    expect(normalizeHashValue('photodna', [...bytes.subarray(1)].join(','))).toBeUndefined();
    expect(normalizeHashValue('photodna', '300,'.repeat(143) + '1')).toBeUndefined();
    expect(normalizeHashValue('photodna', base64(Uint8Array.of(1, 2, 3)))).toBeUndefined();
  });
});

describe('normalizeHashEntry', () => {
  it('explains what is wrong', () => {
    const base = { algorithm: 'md5', value: '0'.repeat(32), listId: 'l', entryId: 'e' };
    expect(normalizeHashEntry({ ...base, algorithm: 'crc' })).toMatch(/algorithm/);
    expect(normalizeHashEntry({ ...base, entryId: '' })).toMatch(/entry id/);
    expect(normalizeHashEntry({ ...base, addedAt: 'yesterday' })).toMatch(/addedAt/);
    expect(normalizeHashEntry({ ...base, category: '  ' })).toEqual(base);
  });
});
