import {
  foldAstral,
  getFoldTable,
  KIND_EXPANSION,
  KIND_HIGH_SURROGATE,
  KIND_IGNORABLE,
  KIND_LEET_SYMBOL,
  KIND_LETTER,
  KIND_NOSPACE,
  kindOfFolded,
  resolveLeetRun,
} from './fold-table';

/** One folded letter: its code units (two for a supplementary-plane letter) and kind. */
export interface FoldedLetter {
  units: string;
  kind: typeof KIND_LETTER | typeof KIND_NOSPACE;
}

/**
 * Folds text into letters and word breaks (`null`), the reference form of
 * what `scanText` does inline for speed: separators collapse to one break,
 * a break is implied where a spaced script meets an unspaced one
 * (`日本word`), and a leet symbol is a letter only when a letter follows.
 * Used to fold list terms once, and by tests.
 */
export function foldLetters(text: string): (FoldedLetter | null)[] {
  const { kind, folded, expansions } = getFoldTable();
  const out: (FoldedLetter | null)[] = [];
  const push = (units: string, k: number) => {
    if (k === KIND_LETTER || k === KIND_NOSPACE) {
      const last = out.at(-1);
      if (last && last.kind !== k && (k === KIND_NOSPACE || last.kind === KIND_NOSPACE)) {
        out.push(null);
      }
      out.push({ units, kind: k });
    } else if (out.length > 0 && out.at(-1) !== null) {
      out.push(null);
    }
  };
  const pushFoldedString = (folding: string) => {
    for (const ch of folding) {
      const cp = ch.codePointAt(0)!;
      if (cp > 0xffff) push(ch, kindOfFolded(cp));
      else {
        const k = kind[cp]!;
        push(String.fromCharCode(folded[cp]!), k === KIND_LEET_SYMBOL ? 0 : k);
      }
    }
  };
  let leetRunEnd = 0;
  let leetRunIsLetter = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const k = kind[unit]!;
    if (k === KIND_LETTER || k === KIND_NOSPACE) push(String.fromCharCode(folded[unit]!), k);
    else if (k === KIND_IGNORABLE) continue;
    else if (k === KIND_LEET_SYMBOL) {
      if (i >= leetRunEnd)
        ({ end: leetRunEnd, isLetter: leetRunIsLetter } = resolveLeetRun(kind, text, i));
      push(String.fromCharCode(folded[unit]!), leetRunIsLetter ? KIND_LETTER : 0);
    } else if (k === KIND_EXPANSION) pushFoldedString(expansions.get(unit)!);
    else if (k === KIND_HIGH_SURROGATE) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        pushFoldedString(foldAstral(text.codePointAt(i)!));
        i++;
      } else push('', 0);
    } else push('', 0);
  }
  if (out.at(-1) === null) out.pop();
  return out;
}

/** The folded form as a string with `' '` for breaks (for tests and debugging). */
export function foldText(text: string): string {
  return foldLetters(text)
    .map((letter) => (letter === null ? ' ' : letter.units))
    .join('');
}
