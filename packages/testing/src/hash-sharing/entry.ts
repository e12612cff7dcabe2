/** The fingerprint kinds NCMEC's hash-sharing API v2 names (also its feedback types). */
export const FINGERPRINT_TYPES = [
  'MD5',
  'SHA1',
  'PDNA',
  'PDQ',
  'NETCLEAN',
  'VIDENTIFIER',
  'TMK_PDQF',
  'SSVH_PDNA',
  'SSVH_SAFER_HASH',
] as const;
export type FingerprintType = (typeof FINGERPRINT_TYPES)[number];

/**
 * One entry of the hash-sharing database. The array order of entries is the
 * service's internal id order, which is what paging follows; `timestamp`
 * (last change) is independent of it, so pages are deliberately not in time
 * order, as on the real service.
 */
export interface HashSharingEntry {
  id: string;
  type: 'image' | 'video';
  member: { id: number; name: string };
  /** Last change, epoch milliseconds (whole seconds: the wire format has no fraction). */
  timestamp: number;
  /** A deletion tombstone (`deletedImage` / `deletedVideo`). */
  deleted: boolean;
  classification?: string;
  /** Inline fingerprints, element name → value: `md5`, `sha1`, `pdna`, `pdq`. */
  fingerprints: Record<string, string>;
  /** Fingerprints too large to inline, served as links: e.g. `TMK_PDQF`, `VIDENTIFIER`. */
  largeFingerprints?: string[];
}
