/**
 * PhotoDNA is licensed by Microsoft; Hashguard neither implements nor ships
 * it. A member who holds a licence plugs in their own comparison here, and
 * only then are `photodna` list entries matched. Without a port those entries
 * are stored and carried through snapshots, never matched.
 */
export interface PhotoDnaPort {
  /**
   * Distance between two 144-byte PhotoDNA hashes, in the licensee's own
   * units (lower is closer).
   */
  distance(query: Uint8Array, listed: Uint8Array): number;
  /** A listed hash matches when `distance <= threshold`. */
  readonly threshold: number;
}
