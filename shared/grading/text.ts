/**
 * Text matching for policy keywords. Customers type full-width digits ("１２３１５"), curly
 * apostrophes ("won’t"), no apostrophes at all ("wont"), hyphens ("double-charged") and line
 * breaks in the middle of a phrase; keywords written by an operator must match all of those.
 */

const APOSTROPHES = /['’‘`ʼ]/g;
const SEPARATORS = /[\s\-_]+/g;
// A Latin letter or a digit: the characters that make up an English word or a number.
const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;

/** Folds width and case, drops apostrophes and collapses whitespace and hyphens to single spaces. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, '').replace(SEPARATORS, ' ').trim();
}

const isWordChar = (char: string | undefined): boolean => char !== undefined && WORD_CHAR.test(char);

/**
 * Where `phrase` occurs in `text` (both normalized). A phrase that starts or ends with a word
 * character only counts where the text has no word character right beside it, so "fire" is not
 * found in "firewall" nor "sue" in "issue"; Chinese has no word edges and matches anywhere.
 */
function occurrences(text: string, phrase: string): number[] {
  const found: number[] = [];
  if (phrase === '') return found;
  const needsStartEdge = isWordChar(phrase[0]);
  const needsEndEdge = isWordChar(phrase[phrase.length - 1]);
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    if (needsStartEdge && isWordChar(text[at - 1])) continue;
    if (needsEndEdge && isWordChar(text[at + phrase.length])) continue;
    found.push(at);
  }
  return found;
}

/** Whether `phrase` (any spelling) occurs in already-normalized `text`. */
export function containsPhrase(normalizedText: string, phrase: string): boolean {
  return occurrences(normalizedText, normalizeText(phrase)).length > 0;
}

/**
 * Blanks out every occurrence of the given phrases so that keywords inside them no longer match.
 * A blank is a line break, which no keyword contains, so the text on either side cannot join up
 * into a new match.
 */
export function maskPhrases(normalizedText: string, phrases: readonly string[]): string {
  let masked = normalizedText;
  for (const phrase of phrases) {
    const normalized = normalizeText(phrase);
    const starts = occurrences(masked, normalized);
    for (const at of starts) {
      masked = masked.slice(0, at) + '\n'.repeat(normalized.length) + masked.slice(at + normalized.length);
    }
  }
  return masked;
}
