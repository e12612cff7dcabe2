import { createRandom } from '../core/random';
import type { HashSharingEntry } from './entry';

/** Made-up member organisations; none is a real ESP. */
const MEMBERS = [
  { id: 42, name: 'Example Photo Host' },
  { id: 43, name: 'Example Chat App' },
  { id: 101, name: 'Example Video Site' },
];
const CLASSIFICATIONS = ['A1', 'A2', 'B1', 'B2'];
const SPAN_START = Date.UTC(2025, 0, 1);
const SPAN_MS = Date.UTC(2026, 5, 30) - SPAN_START;

/**
 * A deterministic synthetic database. Every fingerprint is random bytes from
 * the seeded PRNG: it is the hash of nothing, certainly of no real image.
 */
export function createSampleEntries(seed: number, count: number): HashSharingEntry[] {
  const random = createRandom(seed ^ 0x4a5b);
  const entries: HashSharingEntry[] = [];
  for (let i = 0; i < count; i++) {
    const type = random.next() < 0.85 ? 'image' : 'video';
    const deleted = random.next() < 0.08;
    const member = MEMBERS[random.int(MEMBERS.length)]!;
    // Whole seconds: the wire format is yyyy-MM-ddTHH:mm:ssZ.
    const timestamp = Math.floor((SPAN_START + random.next() * SPAN_MS) / 1000) * 1000;
    const entry: HashSharingEntry = {
      id: `${type}-${(i + 1).toString().padStart(6, '0')}`,
      type,
      member,
      timestamp,
      deleted,
      fingerprints: {},
    };
    if (!deleted) {
      entry.classification = CLASSIFICATIONS[random.int(CLASSIFICATIONS.length)]!;
      entry.fingerprints.md5 = random.hex(16);
      entry.fingerprints.sha1 = random.hex(20);
      if (type === 'image') {
        entry.fingerprints.pdna = Buffer.from(random.hex(144), 'hex').toString('base64');
        entry.fingerprints.pdq = random.hex(32);
      } else {
        entry.largeFingerprints = ['TMK_PDQF', 'VIDENTIFIER'];
      }
    }
    entries.push(entry);
  }
  return entries;
}
