export {
  createMatcher,
  type Match,
  type Matcher,
  type MatcherOptions,
  type MatcherSource,
  type MatchOptions,
  type MatchQuery,
} from './create-matcher';
export { createDigestSet, type DigestSet } from './digest-set';
export { type CanonicalCsvOptions, parseCanonicalCsv } from './formats/canonical-csv';
export {
  type HashguardListV1Options,
  type HashguardListV1Result,
  parseHashguardListV1,
} from './formats/hashguard-list-v1';
export {
  getHashguardListEntrySchema,
  getHashguardListV1DocumentSchema,
  getHashguardListV1Schema,
  HASHGUARD_LIST_FORMAT,
  type HashguardListV1Document,
  type HashguardListV1Entry,
} from './formats/hashguard-list-v1-schema';
export type { ListChunks, ListParseLimits } from './formats/list-chunks';
export { LINE_LIST_FORMATS, type LineListFormat, parseListEntries } from './formats/list-format';
export {
  decodeXmlEntities,
  NCMEC_NAMESPACE,
  type NcmecDeletion,
  type NcmecFingerprintLink,
  type NcmecPage,
  type NcmecPageOptions,
  parseNcmecEntriesPage,
} from './formats/ncmec-xml';
export { type NdjsonOptions, parseNdjson } from './formats/ndjson';
export {
  parseThreatExchangePdq,
  type ThreatExchangePdqOptions,
} from './formats/threatexchange-pdq';
export {
  createHashEntry,
  DIGEST_BYTES,
  decodePhotoDna,
  HASH_ALGORITHMS,
  type HashAlgorithm,
  type HashEntry,
  type HashEntryInput,
  normalizeHashEntry,
  normalizeHashValue,
  PHOTODNA_BYTES,
} from './hash-entry';
export { createHashList, type HashList, type HashListInput, packHashLists } from './hash-list';
export { entryAt, type HashColumn, type ListInfo, type ListSet, listSetEntries } from './list-set';
export { createListSetBuilder, type ListMeta, type ListSetBuilder } from './list-set-builder';
export type { PdqHit } from './pdq-index/linear-scan';
export { scanPdqLinear } from './pdq-index/linear-scan';
export { ballVolume, chooseSlotBits, type MihPlan, planMih } from './pdq-index/mih-plan';
export { buildMihTables, type MihTables } from './pdq-index/mih-tables';
export {
  createPdqIndex,
  type PdqIndex,
  type PdqIndexOptions,
  type PdqQueryOptions,
} from './pdq-index/pdq-index';
export { pdqDistanceAt, pdqQueryWords, pdqWordsView, popcount32 } from './pdq-index/pdq-words';
export type { PhotoDnaPort } from './photodna-port';
export { crc32 } from './snapshot/crc32';
export { type DecodeSnapshotOptions, decodeSnapshot } from './snapshot/decode-snapshot';
export { type EncodeSnapshotOptions, encodeSnapshot } from './snapshot/encode-snapshot';
export { SNAPSHOT_FORMAT_VERSION } from './snapshot/snapshot-layout';
export type { StringColumn } from './string-column';
export {
  type DecodeTextListsSnapshotOptions,
  decodeTextListsSnapshot,
} from './text-lists/decode-text-lists-snapshot';
export { encodeTextListsSnapshot } from './text-lists/encode-text-lists-snapshot';
export {
  createTextListSet,
  keywordListsOf,
  type TextList,
  type TextListInput,
  type TextListMeta,
  type TextListSet,
  urlListsOf,
} from './text-lists/text-list-set';
export {
  TEXT_LISTS_SNAPSHOT_FORMAT_VERSION,
  TEXT_LISTS_SNAPSHOT_MAGIC,
} from './text-lists/text-lists-layout';
