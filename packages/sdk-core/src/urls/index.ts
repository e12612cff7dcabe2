export {
  createUrlChecker,
  type MessageCheckResult,
  type UrlCheckedEvent,
  type UrlChecker,
  type UrlCheckerOptions,
  type UrlCheckResult,
  type UrlEventMap,
  type UrlMatch,
  type UrlVerdict,
} from './create-url-checker';
export { extractUrls } from './extract-urls';
export { hashUrlEntry } from './hash-url-entry';
export {
  type CanonicalOptions,
  canonicalUrl,
  type NormalizedUrl,
  normalizeUrl,
} from './normalize-url';
export {
  type ParseUrlListOptions,
  parseUrlList,
  type UrlList,
  type UrlListAction,
  type UrlListEntry,
} from './url-list';
