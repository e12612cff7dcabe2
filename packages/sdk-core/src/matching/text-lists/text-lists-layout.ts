import { z } from 'zod';
import { memoise } from '../../memoise';
import type { SnapshotKind } from '../snapshot/snapshot-header';
import { listInfoSchema, sectionSchema } from '../snapshot/snapshot-layout';

/**
 * Text-list snapshot, format version 1: the 32-byte header of every snapshot
 * (`snapshot-header.ts`) with its own magic, then a JSON manifest and
 * 8-byte-aligned sections. Per list, in manifest order:
 *
 * ```
 * entryIdOffsets u32 × (count+1), entryIdBytes    entry ids, UTF-8
 * valueOffsets   u32 × (count+1), valueBytes      URL: canonical URL or SHA-256 hex;
 *                                                 keyword: the term as listed
 * categoryIndex  u32 × count                      into the manifest's categories
 * flags          u8 × count (URL lists only)      URL_FLAG_* bits
 * ```
 *
 * A sibling kind rather than new sections in the hash-list snapshot: hash
 * snapshots keep their version (no reader breaks), each list keeps its own
 * file (one list failing to sync never touches another), and a hash-list
 * reader handed a text-list file says so instead of misreading it.
 */
export const TEXT_LISTS_SNAPSHOT_MAGIC = /* @__PURE__ */ Uint8Array.of(
  0x89,
  0x48, // H
  0x47, // G
  0x54, // T
  0x58, // X
  0x54, // T
  0x0d,
  0x0a,
);
export const TEXT_LISTS_SNAPSHOT_FORMAT_VERSION = 1;

export const TEXT_LISTS_SNAPSHOT_KIND: SnapshotKind = {
  magic: TEXT_LISTS_SNAPSHOT_MAGIC,
  version: TEXT_LISTS_SNAPSHOT_FORMAT_VERSION,
  label: 'Text-list snapshot',
};

/** Bits of a URL entry's flags byte; an unset bit is the default (`exact`, `plain`, ordered query). */
export const URL_FLAG_PREFIX = 1;
export const URL_FLAG_SHA256 = 2;
export const URL_FLAG_QUERY_ANY = 4;
export const URL_FLAGS_ALL = URL_FLAG_PREFIX | URL_FLAG_SHA256 | URL_FLAG_QUERY_ANY;

export const TEXT_SECTION_NAMES = [
  'entryIdOffsets',
  'entryIdBytes',
  'valueOffsets',
  'valueBytes',
  'categoryIndex',
  'flags',
] as const;
export type TextSectionName = (typeof TEXT_SECTION_NAMES)[number];

function buildTextListsManifestSchema() {
  const info = listInfoSchema();
  const sections = z.partialRecord(z.enum(TEXT_SECTION_NAMES), sectionSchema());
  return z.object({
    categories: z.array(z.string()),
    lists: z.array(
      z.discriminatedUnion('kind', [
        z.object({
          kind: z.literal('url'),
          info,
          action: z.enum(['block', 'review']),
          count: z.number().int().nonnegative(),
          sections,
        }),
        z.object({
          kind: z.literal('keyword'),
          info,
          action: z.enum(['block-search', 'warn', 'review']),
          count: z.number().int().nonnegative(),
          sections,
        }),
      ]),
    ),
  });
}

/** The zod schema of a text-list snapshot's JSON manifest, built on first use (`memoise`). */
export const getTextListsManifestSchema = /* @__PURE__ */ memoise(buildTextListsManifestSchema);

export type TextListsManifest = z.infer<ReturnType<typeof buildTextListsManifestSchema>>;
