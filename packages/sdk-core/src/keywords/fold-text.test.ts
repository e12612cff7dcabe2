import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text';

describe('foldText', () => {
  it.each([
    ['Hello   World', 'heiio worid'],
    ['STRASSE straße', 'strasse strasse'],
    ['ΣΊΣΥΦΟΣ σίσυφος', 'σισυφοσ σισυφοσ'],
    ['Crème Brûlée', 'creme bruiee'],
    ['cre\u0300me', 'creme'],
    ['ｆｕｌｌ ｗｉｄｔｈ', 'fuii width'],
    ['𝐛𝐨𝐥𝐝 𝔣𝔯𝔞𝔨𝔱𝔲𝔯', 'boid fraktur'],
    ['ﬁne', 'fine'],
    ['z\u200bero\u00adwidth\u2060', 'zerowidth'],
    ['0n3 4 57ar', 'one a star'],
    ['p@ss w0rd$', 'pass word'],
    ['$ecret h!dden', 'secret hidden'],
    ['hello! $100 a@ b| c', 'heiio sioo a b c'],
    ['w.o.r.d w-o-r-d w_o_r_d', 'w o r d w o r d w o r d'],
    ['ølstue Łódź œuvre', 'oistue iodz oeuvre'],
    ['日本word日本', '日本 word 日本'],
    ['ภาษาไทย', 'ภาษาไทย'],
    ['  ...  ', ''],
  ])('folds %j to %j', (input, folded) => {
    expect(foldText(input)).toBe(folded);
  });
});
