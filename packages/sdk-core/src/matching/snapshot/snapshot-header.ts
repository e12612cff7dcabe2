import { ListError } from '../../errors/list-error';
import { crc32 } from './crc32';

/**
 * The 32-byte header shared by every snapshot kind (hash lists, text lists);
 * the kinds differ only in magic, format version and what the manifest and
 * sections hold. All integers little-endian:
 *
 * ```
 * 0   8 B  magic (kind-specific; starts 0x89 "HG" and ends "\r\n": the PNG
 *          trick, so 7-bit and text-mode transfers are caught)
 * 8   u32  format version of that kind
 * 12  u32  manifest length in bytes (UTF-8 JSON, starts at byte 32)
 * 16  u32  body length, low 32 bits   (body = everything after the header)
 * 20  u32  body length, high bits
 * 24  u32  CRC-32 of the body
 * 28  u32  CRC-32 of header bytes 0..27
 * ```
 */
export const SNAPSHOT_HEADER_BYTES = 32;

export interface SnapshotKind {
  magic: Uint8Array;
  version: number;
  /** For messages, e.g. `Snapshot`, `Text-list snapshot`. */
  label: string;
}

/** Fills the header of `out`, whose body (manifest and sections) is already in place. */
export function writeSnapshotHeader(
  out: Uint8Array,
  kind: SnapshotKind,
  manifestLength: number,
): void {
  const header = new DataView(out.buffer, out.byteOffset, SNAPSHOT_HEADER_BYTES);
  out.set(kind.magic, 0);
  const bodyLength = out.length - SNAPSHOT_HEADER_BYTES;
  header.setUint32(8, kind.version, true);
  header.setUint32(12, manifestLength, true);
  header.setUint32(16, bodyLength >>> 0, true);
  header.setUint32(20, Math.floor(bodyLength / 2 ** 32), true);
  header.setUint32(24, crc32(out.subarray(SNAPSHOT_HEADER_BYTES)), true);
  header.setUint32(28, crc32(out.subarray(0, 28)), true);
}

export interface CheckedSnapshot {
  /** The snapshot, 8-byte aligned in its buffer (copied once when the input was not). */
  bytes: Uint8Array;
  /** The manifest's UTF-8 bytes. */
  manifest: Uint8Array;
}

/**
 * Checks magic, header CRC, version, length and (unless skipped) body CRC.
 * Throws `ListError` `E_SNAPSHOT_CORRUPT` or `E_SNAPSHOT_VERSION`; `otherKinds`
 * only make the message say which kind of snapshot was given instead.
 */
export function checkSnapshotHeader(
  input: Uint8Array,
  kind: SnapshotKind,
  options: { skipChecksum?: boolean; otherKinds?: readonly SnapshotKind[] } = {},
): CheckedSnapshot {
  const corrupt = (reason: string): never => snapshotCorrupt(kind, reason);
  if (input.length < SNAPSHOT_HEADER_BYTES)
    corrupt(`only ${input.length} bytes, shorter than the header`);
  if (!hasMagic(input, kind.magic)) {
    const other = options.otherKinds?.find((candidate) => hasMagic(input, candidate.magic));
    corrupt(
      other
        ? `this is a ${other.label.toLowerCase()}`
        : 'not a Hashguard snapshot (wrong magic bytes)',
    );
  }
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const header = new DataView(bytes.buffer, bytes.byteOffset, SNAPSHOT_HEADER_BYTES);
  if (header.getUint32(28, true) !== crc32(bytes.subarray(0, 28)))
    corrupt('header checksum mismatch');
  const version = header.getUint32(8, true);
  if (version !== kind.version) {
    throw new ListError(
      'E_SNAPSHOT_VERSION',
      `${kind.label} format version ${version}; this SDK reads version ${kind.version}. Re-sync or upgrade.`,
    );
  }
  const manifestLength = header.getUint32(12, true);
  const bodyLength = header.getUint32(16, true) + header.getUint32(20, true) * 2 ** 32;
  if (bytes.length !== SNAPSHOT_HEADER_BYTES + bodyLength) {
    corrupt(
      `length ${bytes.length} bytes, header says ${SNAPSHOT_HEADER_BYTES + bodyLength} (truncated?)`,
    );
  }
  if (
    !options.skipChecksum &&
    header.getUint32(24, true) !== crc32(bytes.subarray(SNAPSHOT_HEADER_BYTES))
  ) {
    corrupt('body checksum mismatch');
  }
  if (SNAPSHOT_HEADER_BYTES + manifestLength > bytes.length) corrupt('manifest runs past the end');
  return {
    bytes,
    manifest: bytes.subarray(SNAPSHOT_HEADER_BYTES, SNAPSHOT_HEADER_BYTES + manifestLength),
  };
}

export function hasMagic(bytes: Uint8Array, magic: Uint8Array): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

export function snapshotCorrupt(kind: SnapshotKind, reason: string, cause?: unknown): never {
  throw new ListError(
    'E_SNAPSHOT_CORRUPT',
    `${kind.label} is corrupt: ${reason}. Keep serving the previous snapshot and re-sync.`,
    cause === undefined ? undefined : { cause },
  );
}
