export { createFileListStore, type FileListStoreOptions } from './file-list-store';
export { createJsonListSource, type JsonListSourceOptions } from './json-list-source';
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
