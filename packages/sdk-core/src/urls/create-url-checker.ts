import { ConfigError } from '../errors/index';
import { extractUrls } from './extract-urls';
import { normalizeUrl } from './normalize-url';
import type { UrlList } from './url-list';
import { createUrlMatcher, type UrlEntryRef } from './url-matcher';

export type UrlVerdict = 'block' | 'review' | 'allow';

/** A list entry that matched, by ids only: list contents are never echoed. */
export interface UrlMatch {
  listId: string;
  entryId: string;
}

export interface UrlCheckResult {
  verdict: UrlVerdict;
  matches: UrlMatch[];
}

export interface MessageCheckResult extends UrlCheckResult {
  /** How many URLs were found in the text and could be checked. */
  urlsChecked: number;
}

/** Payload of `url:checked`: ids and counts only, neither the URL nor the list entry. */
export interface UrlCheckedEvent {
  source: 'url' | 'message';
  verdict: UrlVerdict;
  matches: UrlMatch[];
  urlsChecked: number;
}

export type UrlEventMap = {
  'url:checked': UrlCheckedEvent;
};

export interface UrlCheckerOptions {
  lists: readonly UrlList[];
  /**
   * `'equivalent'` (default): `www.x.example` and `x.example` are one site,
   * in both directions. `'distinct'`: they are different hosts.
   */
  wwwHandling?: 'equivalent' | 'distinct';
  /** Receives `url:checked`; e.g. an emitter from `createEventEmitter()`. */
  events?: { emit(name: 'url:checked', payload: UrlCheckedEvent): void };
}

export interface UrlChecker {
  /** Checks one URL. Throws `InputError` `E_INVALID_URL` when it is not a checkable web URL. */
  checkUrl(url: string): UrlCheckResult;
  /** Extracts every URL from a message or post and checks each; unparseable candidates are skipped. */
  checkMessage(text: string): MessageCheckResult;
}

/**
 * Checks URLs and messages against URL lists. Lists are indexed once here;
 * both checks are synchronous.
 */
export function createUrlChecker(options: UrlCheckerOptions): UrlChecker {
  const wwwHandling = options.wwwHandling ?? 'equivalent';
  if (wwwHandling !== 'equivalent' && wwwHandling !== 'distinct') {
    throw new ConfigError('E_INVALID_OPTIONS', `wwwHandling must be 'equivalent' or 'distinct'.`);
  }
  const lists = [...options.lists];
  const matcher = createUrlMatcher(lists, wwwHandling === 'equivalent');
  const events = options.events;

  const toResult = (refs: UrlEntryRef[]): UrlCheckResult => {
    let verdict: UrlVerdict = 'allow';
    for (const ref of refs) {
      if (lists[ref.list]!.action === 'block') verdict = 'block';
      else if (verdict === 'allow') verdict = 'review';
    }
    return {
      verdict,
      matches: refs.map((ref) => ({ listId: lists[ref.list]!.id, entryId: ref.entryId })),
    };
  };

  return {
    checkUrl(url) {
      const result = toResult(matcher.match(normalizeUrl(url)));
      events?.emit('url:checked', { source: 'url', ...result, urlsChecked: 1 });
      return result;
    },
    checkMessage(text) {
      const refs: UrlEntryRef[] = [];
      const seen = new Set<string>();
      let urlsChecked = 0;
      for (const candidate of extractUrls(text)) {
        let url: ReturnType<typeof normalizeUrl>;
        try {
          url = normalizeUrl(candidate);
        } catch {
          continue; // a word that only looked like a host; nothing to check
        }
        urlsChecked++;
        for (const ref of matcher.match(url)) {
          const key = `${ref.list}\u0000${ref.entryId}`;
          if (!seen.has(key)) {
            seen.add(key);
            refs.push(ref);
          }
        }
      }
      const result = { ...toResult(refs), urlsChecked };
      events?.emit('url:checked', { source: 'message', ...result });
      return result;
    },
  };
}
