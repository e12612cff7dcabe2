import { encodeUtf8 } from '../formats/utf8';
import { type SnapshotKind, writeSnapshotHeader } from './snapshot-header';
import { align8, SNAPSHOT_HEADER_BYTES } from './snapshot-layout';

/** A section's `[offset, length]` in the file, as manifests record it. */
export type PlacedSection = [offset: number, length: number];

/**
 * Writes a snapshot file of either kind: the header, the JSON manifest, then
 * each section 8-byte aligned (so loading makes zero-copy typed-array views).
 * `buildManifest` places every section with `place`, in file order, and
 * returns the manifest recording the offsets. The offsets depend on the
 * manifest's own length, so it is built with a placeholder length and again
 * until that length is stable.
 */
export function writeSnapshotFile(
  kind: SnapshotKind,
  buildManifest: (place: (bytes: Uint8Array) => PlacedSection) => unknown,
): Uint8Array {
  let manifestBytes: Uint8Array = new Uint8Array(0);
  let placed: { bytes: Uint8Array; at: number }[] = [];
  let end = 0;
  for (let pass = 0; pass < 4; pass++) {
    let at = align8(SNAPSHOT_HEADER_BYTES + manifestBytes.length);
    placed = [];
    const manifest = buildManifest((bytes) => {
      const section: PlacedSection = [at, bytes.byteLength];
      placed.push({ bytes, at });
      at = align8(at + bytes.byteLength);
      return section;
    });
    end = at;
    const next = encodeUtf8(JSON.stringify(manifest));
    const stable = next.length === manifestBytes.length;
    manifestBytes = next;
    if (stable) break;
  }

  const out = new Uint8Array(end);
  out.set(manifestBytes, SNAPSHOT_HEADER_BYTES);
  for (const part of placed) out.set(part.bytes, part.at);
  writeSnapshotHeader(out, kind, manifestBytes.length);
  return out;
}
