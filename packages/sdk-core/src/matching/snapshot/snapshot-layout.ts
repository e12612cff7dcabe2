import { z } from 'zod';
import { memoise } from '../../memoise';
import { HASH_ALGORITHMS } from '../hash-entry';
import type { SnapshotKind } from './snapshot-header';

/**
 * Snapshot file layout, format version 1 (all integers little-endian; the
 * 32-byte header is shared with text-list snapshots, see `snapshot-header.ts`):
 *
 * ```
 * 0   8 B  magic "\x89HGSNP\r\n" (the PNG trick: high bit and CRLF catch
 *          7-bit and text-mode transfers)
 * 8   u32  format version (1)
 * 12  u32  manifest length in bytes (UTF-8 JSON)
 * 16  u32  body length, low 32 bits   (body = everything after the header)
 * 20  u32  body length, high bits
 * 24  u32  CRC-32 of the body
 * 28  u32  CRC-32 of header bytes 0..27
 * 32       manifest JSON (lists, categories, column section table), padded to 8
 *          sections, each 8-byte aligned: per algorithm its packed values
 *          (PDQ 32 B per row, in one contiguous block), list index (u16),
 *          entry-id offsets (u32) + UTF-8 bytes, category index (u32),
 *          addedAt (f64 epoch ms), PhotoDNA text offsets + bytes; then,
 *          optionally, the PDQ index tables (per slot: directory u32 × 2^w+1,
 *          ids u32 × rows) so that loading need not rebuild the index
 * ```
 *
 * Sections are 8-byte aligned so that loading makes zero-copy typed-array
 * views: no object per entry, entry metadata decoded lazily by row.
 */
export const SNAPSHOT_MAGIC = /* @__PURE__ */ Uint8Array.of(
  0x89,
  0x48,
  0x47,
  0x53,
  0x4e,
  0x50,
  0x0d,
  0x0a,
);
export const SNAPSHOT_FORMAT_VERSION = 1;
export { SNAPSHOT_HEADER_BYTES } from './snapshot-header';

/** The hash-list kind of the header shared with text-list snapshots (`snapshot-header.ts`). */
export const HASH_SNAPSHOT_KIND: SnapshotKind = {
  magic: SNAPSHOT_MAGIC,
  version: SNAPSHOT_FORMAT_VERSION,
  label: 'Snapshot',
};

export const SECTION_NAMES = [
  'values',
  'listIndex',
  'entryIdOffsets',
  'entryIdBytes',
  'categoryIndex',
  'addedAt',
  'textOffsets',
  'textBytes',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** A section's `[offset, length]` in bytes (also in text-list manifests). */
export function sectionSchema() {
  return z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
}

/** One list's `ListInfo` as a manifest stores it (also in text-list manifests). */
export function listInfoSchema() {
  return z.object({
    listId: z.string().min(1),
    version: z.string(),
    source: z.string(),
    syncedAt: z.string().optional(),
    cursor: z.string().optional(),
    entryCount: z.number().int().nonnegative(),
  });
}

function buildManifestSchema() {
  const section = sectionSchema();
  return z.object({
    lists: z.array(listInfoSchema()).max(0xffff),
    categories: z.array(z.string()),
    /** PDQ index tables: per slot, its directory and ids sections. */
    pdqIndex: z
      .object({
        slotBits: z.number().int().min(1).max(24),
        slots: z.array(z.tuple([section, section])),
      })
      .optional(),
    columns: z.array(
      z.object({
        algorithm: z.enum(HASH_ALGORITHMS),
        count: z.number().int().nonnegative(),
        width: z.number().int().nonnegative(),
        sections: z.partialRecord(z.enum(SECTION_NAMES), section),
      }),
    ),
  });
}

/** The zod schema of a hash snapshot's JSON manifest, built on first use (`memoise`). */
export const getManifestSchema = /* @__PURE__ */ memoise(buildManifestSchema);

export type SnapshotManifest = z.infer<ReturnType<typeof buildManifestSchema>>;

export function align8(offset: number): number {
  return (offset + 7) & ~7;
}
