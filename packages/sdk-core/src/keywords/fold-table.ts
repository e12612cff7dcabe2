/**
 * Per-code-unit folding for keyword matching, computed once per process:
 * NFKC/NFKD compatibility mapping (full-width, ligatures, math letters),
 * full case folding (lower∘upper∘lower, so `ß` → `ss`, `ς` → `σ`),
 * diacritics stripped (combining marks are ignored everywhere, so
 * `e\u0301` = `é` = `e`), default-ignorable characters dropped (zero-width
 * spaces and joiners, soft hyphens, variation selectors), and the common
 * character substitutions. Both list terms and scanned text go through the
 * same folding, so any over-folding can only add matches, never lose them.
 *
 * Substitutions: digits `0`→o, `3`→e, `4`→a, `5`→s, `7`→t always (inside
 * numbers too); `@`→a, `$`→s, `€`→e only when a letter or digit follows, so
 * `hello!` or `$100` keep their meaning as punctuation. `1`, `!` and `|` stand
 * for `i` or `l`, so `i`, `l`, `1`, `!`, `|` are one letter for matching:
 * words that differ only by i↔l collide, which can only add matches.
 */
export const KIND_SEPARATOR = 0;
/** A letter or digit of a script that separates words with spaces. */
export const KIND_LETTER = 1;
/** A letter of a script written without spaces (Han, kana, Thai, …): matched as substrings. */
export const KIND_NOSPACE = 2;
export const KIND_IGNORABLE = 3;
/** Folds to several code units; see `expansions`. */
export const KIND_EXPANSION = 4;
/** `@`, `$`, `!`, `|`, `€`: a letter only when a letter follows. */
export const KIND_LEET_SYMBOL = 5;
export const KIND_HIGH_SURROGATE = 6;

export interface FoldTable {
  kind: Uint8Array;
  /** The folded code unit for LETTER, NOSPACE and LEET_SYMBOL kinds. */
  folded: Uint16Array;
  expansions: Map<number, string>;
}

const LEET_DIGITS: Record<string, string> = { '0': 'o', '3': 'e', '4': 'a', '5': 's', '7': 't' };
const LEET_SYMBOLS: Record<string, string> = { '@': 'a', $: 's', '€': 'e', '!': 'i', '|': 'i' };
// `1` and `l` join `i`: see the module comment.
const I_LIKE: Record<string, string> = { '1': 'i', l: 'i' };
// Latin letters with a stroke or ligatures that Unicode does not decompose, read as their base letters.
const UNDECOMPOSED: Record<string, string> = {
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'i',
  ħ: 'h',
  ŧ: 't',
  ƀ: 'b',
  ɨ: 'i',
  ɩ: 'i',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
};

const NOSPACE_SCRIPT =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}\p{scx=Lao}\p{scx=Khmer}\p{scx=Myanmar}\p{scx=Hangul}\p{scx=Tibetan}]/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}\p{Mc}]/u;
const MARKS = /[\p{Mn}\p{Me}]/gu;
const IGNORABLE = /^[\p{Mn}\p{Me}\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
// Scripts whose diacritics are stripped after compatibility decomposition;
// elsewhere (e.g. kana voicing marks) NFKC is kept so distinct letters stay distinct.
function decomposesToStrippableBase(decomposed: string): boolean {
  const first = decomposed.charCodeAt(0);
  return (
    first <= 0x058f ||
    (first >= 0x1d00 && first <= 0x1fff) ||
    (first >= 0x2c60 && first <= 0x2c7f) ||
    (first >= 0xa720 && first <= 0xa7ff)
  );
}

/** Folds one code point to zero or more folded code points (before classification). */
export function foldCodePoint(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if (IGNORABLE.test(ch)) return '';
  if (cp >= 0xac00 && cp <= 0xd7a3) return ch; // Hangul syllables: keep, NFKD would split into jamo
  const decomposed = ch.normalize('NFKD');
  let out = decomposesToStrippableBase(decomposed)
    ? decomposed.replace(MARKS, '')
    : ch.normalize('NFKC').replace(MARKS, '');
  out = out.toLowerCase().toUpperCase().toLowerCase().replace(MARKS, '');
  let mapped = '';
  for (const c of out) mapped += LEET_DIGITS[c] ?? I_LIKE[c] ?? UNDECOMPOSED[c] ?? c;
  return mapped;
}

/** The kind of an already folded code point. */
export function kindOfFolded(cp: number): number {
  const ch = String.fromCodePoint(cp);
  if (LEET_SYMBOLS[ch] !== undefined) return KIND_LEET_SYMBOL;
  if (!LETTER_OR_NUMBER.test(ch)) return KIND_SEPARATOR;
  return NOSPACE_SCRIPT.test(ch) ? KIND_NOSPACE : KIND_LETTER;
}

let table: FoldTable | undefined;

/** The BMP table, built on first use (~tens of ms) and shared: it depends on nothing but Unicode. */
export function getFoldTable(): FoldTable {
  if (table) return table;
  const kind = new Uint8Array(0x10000);
  const folded = new Uint16Array(0x10000);
  const expansions = new Map<number, string>();
  for (let unit = 0; unit < 0x10000; unit++) {
    if (unit >= 0xd800 && unit <= 0xdbff) {
      kind[unit] = KIND_HIGH_SURROGATE;
      continue;
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) continue; // lone low surrogate: separator
    const ch = String.fromCharCode(unit);
    if (LEET_SYMBOLS[ch] !== undefined) {
      kind[unit] = KIND_LEET_SYMBOL;
      folded[unit] = LEET_SYMBOLS[ch]!.charCodeAt(0);
      continue;
    }
    const result = foldCodePoint(unit);
    if (result.length === 0) kind[unit] = KIND_IGNORABLE;
    else if (result.length > 1) {
      kind[unit] = KIND_EXPANSION;
      expansions.set(unit, result);
    } else {
      const code = result.charCodeAt(0);
      const k = kindOfFolded(code);
      // A compatibility character that folds to a leet symbol is that symbol.
      kind[unit] = k === KIND_LEET_SYMBOL ? KIND_SEPARATOR : k;
      folded[unit] = code;
    }
  }
  table = { kind, folded, expansions };
  return table;
}

const astralCache = new Map<number, string>();
const ASTRAL_CACHE_LIMIT = 4096;

/** Folding of a supplementary-plane code point (math alphanumerics, emoji, rare Han), cached. */
export function foldAstral(cp: number): string {
  let result = astralCache.get(cp);
  if (result === undefined) {
    result = foldCodePoint(cp);
    if (astralCache.size < ASTRAL_CACHE_LIMIT) astralCache.set(cp, result);
  }
  return result;
}

/**
 * Whether the leet symbol at `index` reads as a letter: it does when the run
 * of leet symbols (and ignorables) it starts or belongs to is followed by a
 * letter, so `p@$$word` is letters but `hello!` and `$$ 100` are not. Returns
 * the end of that run too, so callers resolve a run once (no quadratic
 * rescans of `@@@@…`).
 */
export function resolveLeetRun(
  kind: Uint8Array,
  text: string,
  index: number,
): { end: number; isLetter: boolean } {
  let end = index + 1;
  for (;;) {
    const k = kind[text.charCodeAt(end)];
    if (k !== KIND_LEET_SYMBOL && k !== KIND_IGNORABLE) {
      return { end, isLetter: k === KIND_LETTER };
    }
    end++;
  }
}
