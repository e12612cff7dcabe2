import { type AhoCorasick, SYMBOL_BREAK } from './aho-corasick';
import type { CompiledKeywords } from './compile-keywords';
import {
  type FoldTable,
  foldAstral,
  getFoldTable,
  KIND_EXPANSION,
  KIND_HIGH_SURROGATE,
  KIND_IGNORABLE,
  KIND_LEET_SYMBOL,
  KIND_LETTER,
  KIND_NOSPACE,
  KIND_SEPARATOR,
  kindOfFolded,
  resolveLeetRun,
} from './fold-table';

/** Longest folding of one code unit or surrogate pair, in letters (e.g. `㍻` → 4). */
const EVENT_CAPACITY = 32;
const EMPTY = new Int32Array(0);

/**
 * Streams text through the folding of `foldLetters` and the automaton in one
 * pass, without building the folded string: the inlined equivalent of
 * `foldLetters` + matching, written for throughput. A plain letter costs one
 * table read for its kind, one for its symbol and one for the next state, all
 * in local variables; anything rarer (expansions, surrogate pairs, leet
 * symbols) is first unfolded into a small event buffer that goes through the
 * same code.
 *
 * Separator obfuscation (`w.o.r.d`, `w o r d`, `w-o-r-d`, `w_o_r_d`): the
 * letters of consecutive single-letter words also go through a second
 * automaton of the terms' letters (phrases without their spaces), which
 * finds a spelled-out term anywhere inside such a run, also when other
 * single letters stand next to it (`a w o r d`). One extra table read per
 * single-letter word; nothing for ordinary words.
 */
export class TextScanner {
  private readonly table: FoldTable;
  private readonly compiled: CompiledKeywords;
  private readonly marks: Uint32Array;
  private readonly eventSymbol = new Uint16Array(EVENT_CAPACITY);
  private readonly eventKind = new Uint8Array(EVENT_CAPACITY);
  private generation = 0;
  private found: number[] = [];

  constructor(compiled: CompiledKeywords) {
    this.table = getFoldTable();
    this.compiled = compiled;
    this.marks = new Uint32Array(compiled.entries.length);
  }

  /** Indices into `compiled.entries` of every entry found, each once, in order of discovery. */
  scan(text: string): number[] {
    if (++this.generation === 0xffffffff) {
      this.marks.fill(0);
      this.generation = 1;
    }
    this.found = [];
    const { kind } = this.table;
    const { unitSymbol, automaton, runAutomaton, patternEntry, runPatternEntry } = this.compiled;
    const { delta, alphabetSize, hasOutput } = automaton;
    const { eventSymbol, eventKind } = this;
    // Sparse automata (huge alphabets) go through a zero-filled stand-in table never read.
    const dense = delta !== undefined;
    const table = delta ?? EMPTY;

    let state = automaton.next(0, SYMBOL_BREAK);
    let afterBreak = true;
    let pendingBreak = false;
    let lastKind = KIND_LETTER;
    let tokenLength = 0;
    let lastSymbol = 0;
    let runState = 0;
    let leetRunEnd = 0;
    let leetRunIsLetter = false;
    const length = text.length;
    for (let i = 0; i <= length; i++) {
      let events = 1;
      if (i === length) {
        // One more pass after the text: a pending break closes the last word
        // (patterns of spaced scripts end with a break); no letter follows.
        if (afterBreak) break;
        pendingBreak = true;
        eventKind[0] = KIND_LETTER;
      } else {
        const unit = text.charCodeAt(i);
        const k = kind[unit]!;
        if (
          k === KIND_LETTER &&
          lastKind === KIND_LETTER &&
          !pendingBreak &&
          !afterBreak &&
          dense
        ) {
          // Fast path, most of any text: the next letter of a word.
          const symbol = unitSymbol[unit]!;
          state = table[state * alphabetSize + symbol]!;
          if (hasOutput[state] === 1) this.report(state, automaton, patternEntry);
          tokenLength++;
          lastSymbol = symbol;
          continue;
        }
        if (k === KIND_LETTER || k === KIND_NOSPACE) {
          eventSymbol[0] = unitSymbol[unit]!;
          eventKind[0] = k;
        } else if (k === KIND_SEPARATOR) {
          pendingBreak = true;
          continue;
        } else if (k === KIND_IGNORABLE) {
          continue;
        } else if (k === KIND_LEET_SYMBOL) {
          if (i >= leetRunEnd)
            ({ end: leetRunEnd, isLetter: leetRunIsLetter } = resolveLeetRun(kind, text, i));
          if (!leetRunIsLetter) {
            pendingBreak = true;
            continue;
          }
          eventSymbol[0] = unitSymbol[unit]!;
          eventKind[0] = KIND_LETTER;
        } else {
          const low = text.charCodeAt(i + 1);
          const pair = k === KIND_HIGH_SURROGATE && low >= 0xdc00 && low <= 0xdfff;
          if (k === KIND_EXPANSION) events = this.unfold(this.table.expansions.get(unit)!);
          else if (pair) events = this.unfold(foldAstral(text.codePointAt(i)!));
          else events = this.unfold(' ');
          if (pair) i++;
        }
      }
      for (let e = 0; e < events; e++) {
        const k = eventKind[e]!;
        if (k === KIND_SEPARATOR) {
          pendingBreak = true;
          continue;
        }
        const symbol = eventSymbol[e]!;
        if (
          !afterBreak &&
          (pendingBreak || (k !== lastKind && (k === KIND_NOSPACE || lastKind === KIND_NOSPACE)))
        ) {
          state = dense
            ? table[state * alphabetSize + SYMBOL_BREAK]!
            : automaton.next(state, SYMBOL_BREAK);
          if (hasOutput[state] === 1) this.report(state, automaton, patternEntry);
          if (tokenLength === 1 && lastKind === KIND_LETTER) {
            runState = runAutomaton.next(runState, lastSymbol);
            if (runAutomaton.hasOutput[runState] === 1) {
              this.report(runState, runAutomaton, runPatternEntry);
            }
          } else {
            runState = 0;
          }
          tokenLength = 0;
          afterBreak = true;
        }
        pendingBreak = false;
        if (i === length) break; // the closing break is all the end needs
        state = dense ? table[state * alphabetSize + symbol]! : automaton.next(state, symbol);
        if (hasOutput[state] === 1) this.report(state, automaton, patternEntry);
        afterBreak = false;
        lastKind = k;
        tokenLength++;
        lastSymbol = symbol;
      }
    }
    return this.found;
  }

  /** Writes the events for an already folded string into the event buffer; returns their count. */
  private unfold(folding: string): number {
    const { kind, folded } = this.table;
    const { foldedSymbol } = this.compiled;
    let count = 0;
    const push = (symbol: number, k: number) => {
      if (count < EVENT_CAPACITY) {
        this.eventSymbol[count] = symbol;
        this.eventKind[count++] = k;
      }
    };
    for (const ch of folding) {
      const cp = ch.codePointAt(0)!;
      const k = cp > 0xffff ? kindOfFolded(cp) : kind[cp]!;
      if (k !== KIND_LETTER && k !== KIND_NOSPACE) push(0, KIND_SEPARATOR);
      else if (cp > 0xffff) {
        push(foldedSymbol[ch.charCodeAt(0)]!, k);
        push(foldedSymbol[ch.charCodeAt(1)]!, k);
      } else push(foldedSymbol[folded[cp]!]!, k);
    }
    return count;
  }

  private report(state: number, automaton: AhoCorasick, patternEntry: Int32Array): void {
    const { outputStart, outputs, dictionaryLink } = automaton;
    for (let s = state; s !== -1; s = dictionaryLink[s]!) {
      for (let o = outputStart[s]!; o < outputStart[s + 1]!; o++) {
        const entry = patternEntry[outputs[o]!]!;
        if (this.marks[entry] !== this.generation) {
          this.marks[entry] = this.generation;
          this.found.push(entry);
        }
      }
    }
  }
}
