export {
  createKeywordChecker,
  type KeywordChecker,
  type KeywordCheckerOptions,
  type KeywordEventMap,
  type KeywordMatch,
  type TextAction,
  type TextCheckedEvent,
  type TextCheckResult,
} from './create-keyword-checker';
export { foldText } from './fold-text';
export {
  type KeywordAction,
  type KeywordList,
  type KeywordListEntry,
  type ParseKeywordListOptions,
  parseKeywordList,
} from './keyword-list';
