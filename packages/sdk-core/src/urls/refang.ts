/**
 * Undoes the "defanging" people use to post links that do not auto-link:
 * `hxxp://`, `hXXps://`, `example[.]com`, `example(.)com`, `example{.}com`,
 * `example[dot]com`, `http[:]//`, `http[://]`. Only bracketed forms are
 * accepted: a bare ` dot ` is ordinary prose far more often than a URL.
 */
const DEFANGED_DOT = /\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})\s?/gi;
const DEFANGED_SCHEME = /\bh(?:xx|\*\*)p(s?)(?=:|\[:\]|\[:\/\/\])/gi;
const DEFANGED_COLON = /\[:\/\/\]|\[:\]/g;

export function refang(text: string): string {
  return text
    .replace(DEFANGED_SCHEME, 'http$1')
    .replace(DEFANGED_COLON, (match) => (match === '[://]' ? '://' : ':'))
    .replace(DEFANGED_DOT, '.');
}
