import { compileKeywords } from './compile-keywords';
import type { KeywordAction, KeywordList } from './keyword-list';
import { TextScanner } from './text-scanner';

/** `allow` when nothing matched; otherwise the most severe action of the lists that matched. */
export type TextAction = KeywordAction | 'allow';

/** A list entry that matched, by ids only: list terms are never echoed. */
export interface KeywordMatch {
  listId: string;
  entryId: string;
  action: KeywordAction;
}

export interface TextCheckResult {
  action: TextAction;
  matches: KeywordMatch[];
}

/** Payload of `text:checked`: ids and the text's length, never the text or the terms. */
export interface TextCheckedEvent {
  action: TextAction;
  matches: KeywordMatch[];
  textLength: number;
}

export type KeywordEventMap = {
  'text:checked': TextCheckedEvent;
};

export interface KeywordCheckerOptions {
  lists: readonly KeywordList[];
  /** Receives `text:checked`; e.g. an emitter from `createEventEmitter()`. */
  events?: { emit(name: 'text:checked', payload: TextCheckedEvent): void };
}

export interface KeywordChecker {
  /** Checks a search query, message or post. Synchronous; safe to call on every keystroke. */
  checkText(text: string): TextCheckResult;
}

// Most severe first: a blocked search is also reviewed and warned about.
const SEVERITY: Record<TextAction, number> = { allow: 0, warn: 1, review: 2, 'block-search': 3 };

/**
 * Builds the automaton once (per list version: build a new checker when the
 * lists change) and returns a synchronous checker.
 */
export function createKeywordChecker(options: KeywordCheckerOptions): KeywordChecker {
  const lists = [...options.lists];
  const compiled = compileKeywords(lists);
  const scanner = new TextScanner(compiled);
  const events = options.events;
  return {
    checkText(text) {
      let action: TextAction = 'allow';
      const matches: KeywordMatch[] = [];
      for (const index of scanner.scan(text)) {
        const entry = compiled.entries[index]!;
        const list = lists[entry.list]!;
        matches.push({ listId: list.id, entryId: entry.id, action: list.action });
        if (SEVERITY[list.action] > SEVERITY[action]) action = list.action;
      }
      const result = { action, matches };
      events?.emit('text:checked', { ...result, textLength: text.length });
      return result;
    },
  };
}
