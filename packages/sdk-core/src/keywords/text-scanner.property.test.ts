import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKeywordChecker } from './create-keyword-checker';
import { foldText } from './fold-text';

// The scanner inlines folding for speed; this checks it against the
// reference `foldText` plus plain string search, on text mixing every kind
// of character the folding treats specially.
const PIECES = [
  ...'abcdeilost',
  ...'ABCDE',
  ...'01345789',
  ...'@$!|€',
  ' ',
  '.',
  '-',
  '_',
  ',',
  '\n',
  '\u0301', // combining acute
  '\u200b', // zero-width space
  'ﬁ', // ligature → fi
  'ß', // → ss
  'é',
  'ｂ', // full-width
  '𝐚', // mathematical bold a (surrogate pair)
  '日',
  '本',
  'ไ',
  'ท',
  '😀',
];
const NOSPACE = /[\p{scx=Han}\p{scx=Thai}]/u;

function referenceMatches(text: string, terms: string[]): Set<number> {
  const folded = ` ${foldText(text)} `;
  const tokens = foldText(text).split(' ');
  const runs: string[] = [];
  let run = '';
  for (const token of tokens) {
    if (token.length === 1 && !NOSPACE.test(token)) run += token;
    else {
      runs.push(run);
      run = '';
    }
  }
  runs.push(run);
  const found = new Set<number>();
  terms.forEach((term, index) => {
    const ft = foldText(term);
    if (ft === '') return;
    const variants = ft.includes(' ') ? [ft, ft.replaceAll(' ', '')] : [ft];
    for (const variant of variants) {
      const lead = NOSPACE.test(variant[0]!) ? '' : ' ';
      const trail = NOSPACE.test(variant.at(-1)!) ? '' : ' ';
      if (folded.includes(lead + variant + trail)) found.add(index);
    }
    const spelled = ft.replaceAll(' ', '');
    if (![...spelled].some((c) => NOSPACE.test(c)) && runs.some((r) => r.includes(spelled))) {
      found.add(index);
    }
  });
  return found;
}

describe('TextScanner', () => {
  it('finds exactly what folding the text and searching the folded string finds', () => {
    const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.array(text, { maxLength: 3 }),
        (sample, cuts, extraTerms) => {
          // Terms cut from the text itself, so matches are frequent, plus random ones.
          const terms = [
            ...cuts.flatMap(([at, length]) => {
              const cut = sample.slice(at % (sample.length + 1)).slice(0, length);
              // The cut run together too, as a spelled-out (w.o.r.d) term would be listed.
              return [cut, cut.replace(/[\s.,_-]/g, '')];
            }),
            ...extraTerms,
          ].filter((term) => foldText(term) !== '');
          fc.pre(terms.length > 0);
          const checker = createKeywordChecker({
            lists: [
              {
                id: 'p',
                action: 'review',
                entries: terms.map((term, i) => ({ id: String(i), term, category: '' })),
              },
            ],
          });
          const found = new Set(checker.checkText(sample).matches.map((m) => Number(m.entryId)));
          expect(found).toEqual(referenceMatches(sample, terms));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
