export {
  type ReadKeywordListFileOptions,
  type ReadUrlListFileOptions,
  readKeywordListFile,
  readUrlListFile,
} from './read-text-list-file';
