export { buildHashList, defaultHashList, defaultKeywordList, defaultUrlList } from './build-lists';
export {
  HASHGUARD_LIST_FORMAT,
  type HashguardListEntry,
  type HashguardListV1,
  hashguardListEntrySchema,
  hashguardListV1Schema,
  LIST_ALGORITHMS,
} from './hashguard-list-v1';
export {
  type KeywordListV1,
  keywordListV1Schema,
  type UrlListV1,
  urlListV1Schema,
} from './term-lists';
