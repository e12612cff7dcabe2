import { describe, expect, it } from 'vitest';
import { punycodeEncode } from './punycode';

// RFC 3492 §7.1 samples (A), (B), (L) and common IDN labels.
const SAMPLES: [string, string][] = [
  ['bücher', 'bcher-kva'],
  ['münchen', 'mnchen-3ya'],
  ['ليهمابتكلموشعربي؟', 'egbpdaj6bu4bxfgehfvwxn'],
  ['他们为什么不说中文', 'ihqwcrb4cv8a8dqg056pqjye'],
  ['3年b組金八先生', '3b-ww4c5e180e575a65lsy2b'],
];

describe('punycodeEncode', () => {
  it.each(SAMPLES)('encodes %s as %s', (label, encoded) => {
    expect(punycodeEncode(label)).toBe(encoded);
  });
});
