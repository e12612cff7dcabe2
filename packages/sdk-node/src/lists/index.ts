export { createFileListStore, type FileListStoreOptions } from './file-list-store';
export { createJsonListSource, type JsonListSourceOptions } from './json-list-source';
// URL and keyword lists (issue 10): same store, events and atomic swap as hash lists.
export {
  createJsonKeywordListSource,
  createJsonUrlListSource,
  type JsonTextListSourceOptions,
} from './json-text-list-source';
export { createKyTransport, type KyTransportOptions } from './ky-transport';
export { createListMatcher } from './list-matcher';
export type { ListPullContext, ListPullResult, ListSource } from './list-source';
export {
  createListSync,
  type ListStatus,
  type ListSync,
  type ListSyncOptions,
} from './list-sync';
export type {
  ListStaleEvent,
  ListSyncEventMap,
  ListSyncedEvent,
  ListSyncFailedEvent,
} from './list-sync-events';
export { createNcmecSource, type NcmecSourceOptions } from './ncmec-source';
export { nodeClock } from './node-clock';
export {
  expandListPaths,
  LIST_FILE_FORMATS,
  type ListFileFormat,
  type ReadListFileOptions,
  readListFile,
} from './read-list-file';
export { snapshotName } from './snapshot-name';
export {
  parseKeywordListDocument,
  parseUrlListDocument,
  type TextListDocument,
} from './text-list-documents';
export { textListSnapshotName } from './text-list-snapshot-name';
export type {
  TextListPullContext,
  TextListPullResult,
  TextListSource,
} from './text-list-source';
export {
  type ActiveTextLists,
  createTextListSync,
  type TextListSync,
  type TextListSyncOptions,
} from './text-list-sync';
