import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeywordChecker } from './create-keyword-checker';
import { parseKeywordList } from './keyword-list';

// Terms are nonsense words over TERM_LETTERS; filler text uses FILLER_LETTERS,
// which share no letter with the terms even after folding (no vowels that leet
// digits stand for, no `l`, which folds with `i`), so filler alone can never
// contain a term.
const TERM_LETTERS = 'abdegikostz';
const FILLER_LETTERS = 'cfhjmnpqruvwxy';
const LEET: Record<string, string[]> = {
  a: ['4', '@'],
  e: ['3'],
  i: ['1', '!', '|'],
  o: ['0'],
  s: ['5', '$'],
  t: ['7'],
};
const DIACRITICS = ['\u0301', '\u0308', '\u0327', '\u030c'];
const SEPARATORS = ['.', ' ', '-', '_', '. ', ' - '];

const termWord = fc
  .array(fc.constantFrom(...TERM_LETTERS), { minLength: 3, maxLength: 9 })
  .map((letters) => letters.join(''));
const term = fc.array(termWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
const fillerWord = fc
  .array(fc.constantFrom(...FILLER_LETTERS), { minLength: 1, maxLength: 8 })
  .map((letters) => letters.join(''));
const gap = fc.constantFrom(' ', ', ', '\n', '. ', ' — ', '! ');

/** Draws numbers from a fixed list of random integers, so obfuscation is part of the shrinkable input. */
function dice(rolls: number[]): (n: number) => number {
  let at = 0;
  return (n) => rolls[at++ % rolls.length]! % n;
}

/** One letter, possibly uppercased, leet-substituted, accented, full-width or followed by a zero-width space. */
function obfuscateLetter(
  letter: string,
  followedByLetter: boolean,
  roll: (n: number) => number,
): string {
  const choice = roll(10);
  const leet = (LEET[letter] ?? []).filter((sub) => /\d/.test(sub) || followedByLetter);
  if (choice <= 2 && leet.length > 0) return leet[roll(leet.length)]!;
  if (choice === 3) return letter.toUpperCase();
  if (choice === 4) return letter + DIACRITICS[roll(DIACRITICS.length)];
  if (choice === 5) return String.fromCharCode(letter.charCodeAt(0) + 0xfee0);
  if (choice === 6 && followedByLetter) return `${letter}\u200b`;
  return letter;
}

/** The whole term: letters obfuscated; words joined by a space, a separator, nothing, or every letter separated. */
function obfuscateTerm(plain: string, roll: (n: number) => number): string {
  const style = roll(4);
  const separator = SEPARATORS[roll(SEPARATORS.length)]!;
  const words = plain.split(' ');
  if (style === 3) {
    // Separator obfuscation (w.o.r.d), the whole phrase spelled out.
    return [...words.join('')].map((l) => obfuscateLetter(l, false, roll)).join(separator);
  }
  const joiner = style === 0 ? ' ' : style === 1 ? separator : '';
  return words
    .map((w) => [...w].map((l, i) => obfuscateLetter(l, i < w.length - 1, roll)).join(''))
    .join(joiner);
}

describe('checkText properties', () => {
  it('finds every planted term under random obfuscation', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(term, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(fillerWord, gap), { maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 64 }),
        (terms, filler, plantMask, rolls) => {
          const checker = createKeywordChecker({
            lists: [parseKeywordList(terms.join('\n'), { id: 'p' })],
          });
          const roll = dice(rolls);
          const planted = terms.filter((_, i) => plantMask[i]);
          const pieces = filler.map(([w, g]) => w + g);
          for (const t of planted) {
            pieces.splice(roll(pieces.length + 1), 0, `${obfuscateTerm(t, roll)} `);
          }
          const text = pieces.join('');
          const found = new Set(checker.checkText(text).matches.map((m) => m.entryId));
          for (const t of planted) {
            expect(found, `${JSON.stringify(t)} in ${JSON.stringify(text)}`).toContain(
              `line:${terms.indexOf(t) + 1}`,
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds nothing in random text without planted terms', () => {
    const text = fc
      .array(fc.tuple(fillerWord, gap), { maxLength: 60 })
      .map((parts) => parts.map(([w, g]) => w + g).join(''));
    fc.assert(
      fc.property(fc.uniqueArray(term, { minLength: 1, maxLength: 20 }), text, (terms, sample) => {
        const checker = createKeywordChecker({
          lists: [parseKeywordList(terms.join('\n'), { id: 'p' })],
        });
        expect(checker.checkText(sample)).toEqual({ action: 'allow', matches: [] });
        expect(checker.checkText(sample.toUpperCase()).matches).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
