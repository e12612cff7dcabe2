export {
  type ReadKeywordListFileOptions,
  type ReadUrlListFileOptions,
  readKeywordListFile,
  readUrlListFile,
} from './read-text-list-file';
export { readKeywordListsFromPath, readUrlListsFromPath } from './read-text-list-path';
