import { ListError } from '../errors/index';
import { type AhoCorasick, buildAhoCorasick, SYMBOL_BREAK } from './aho-corasick';
import { getFoldTable, KIND_LEET_SYMBOL, KIND_LETTER, KIND_NOSPACE } from './fold-table';
import { foldLetters } from './fold-text';
import type { KeywordList } from './keyword-list';

/** Everything `scanText` needs, built once per list version. */
export interface CompiledKeywords {
  automaton: AhoCorasick;
  /** Raw text code unit → symbol, for letters, digits and leet symbols (after folding). */
  unitSymbol: Uint16Array;
  /** Folded code unit → symbol (for expansions and supplementary-plane letters). */
  foldedSymbol: Uint16Array;
  /** Pattern id → index into `entries`. */
  patternEntry: Int32Array;
  /**
   * Letters-only patterns of the spaced-script terms, matched as substrings
   * of runs of single-letter words (separator obfuscation: `w.o.r.d`).
   */
  runAutomaton: AhoCorasick;
  runPatternEntry: Int32Array;
  entries: { list: number; id: string }[];
}

/**
 * Folds every term and builds one automaton over all lists. A term is
 * matched as whole words in spaced scripts (its pattern starts and ends with
 * a word break) and as a substring where it starts or ends in an unspaced
 * script. A phrase also matches with its spaces removed (`badword` for
 * `bad word`).
 */
export function compileKeywords(lists: readonly KeywordList[]): CompiledKeywords {
  const symbols = new Map<number, number>();
  const symbolOf = (unit: number): number => {
    let symbol = symbols.get(unit);
    if (symbol === undefined) {
      symbol = symbols.size + 2; // 0 = other letter, 1 = break
      symbols.set(unit, symbol);
    }
    return symbol;
  };
  const patterns: Int32Array[] = [];
  const patternEntry: number[] = [];
  const runPatterns: Int32Array[] = [];
  const runPatternEntry: number[] = [];
  const entries: CompiledKeywords['entries'] = [];
  lists.forEach((list, listIndex) => {
    for (const entry of list.entries) {
      const letters = foldLetters(entry.term);
      const first = letters[0];
      const last = letters.at(-1);
      if (!first || !last) {
        throw new ListError(
          'E_LIST_MALFORMED',
          `List "${list.id}" entry "${entry.id}": the term has no letters or digits after folding.`,
        );
      }
      const entryIndex = entries.push({ list: listIndex, id: entry.id }) - 1;
      const variants = letters.includes(null)
        ? [letters, letters.filter((l) => l !== null)]
        : [letters];
      for (const variant of variants) {
        const pattern: number[] = [];
        if (first.kind === KIND_LETTER) pattern.push(SYMBOL_BREAK);
        for (const letter of variant) {
          if (letter === null) pattern.push(SYMBOL_BREAK);
          else
            for (let i = 0; i < letter.units.length; i++)
              pattern.push(symbolOf(letter.units.charCodeAt(i)));
        }
        if (last?.kind === KIND_LETTER) pattern.push(SYMBOL_BREAK);
        patterns.push(Int32Array.from(pattern));
        patternEntry.push(entryIndex);
      }
      if (letters.every((l) => l === null || l.kind === KIND_LETTER)) {
        const spelled: number[] = [];
        for (const letter of letters) {
          if (letter !== null)
            for (let i = 0; i < letter.units.length; i++)
              spelled.push(symbolOf(letter.units.charCodeAt(i)));
        }
        runPatterns.push(Int32Array.from(spelled));
        runPatternEntry.push(entryIndex);
      }
    }
  });
  const alphabetSize = symbols.size + 2;
  if (alphabetSize > 0xffff) {
    throw new ListError(
      'E_LIST_UNSUPPORTED',
      'Keyword lists use more than 65533 distinct characters.',
    );
  }
  const foldedSymbol = new Uint16Array(0x10000);
  for (const [unit, symbol] of symbols) foldedSymbol[unit] = symbol;
  const { kind, folded } = getFoldTable();
  const unitSymbol = new Uint16Array(0x10000);
  for (let unit = 0; unit < 0x10000; unit++) {
    const k = kind[unit];
    if (k === KIND_LETTER || k === KIND_NOSPACE || k === KIND_LEET_SYMBOL) {
      unitSymbol[unit] = foldedSymbol[folded[unit]!]!;
    }
  }
  return {
    automaton: buildAhoCorasick(patterns, alphabetSize),
    unitSymbol,
    foldedSymbol,
    patternEntry: Int32Array.from(patternEntry),
    runAutomaton: buildAhoCorasick(runPatterns, alphabetSize),
    runPatternEntry: Int32Array.from(runPatternEntry),
    entries,
  };
}
