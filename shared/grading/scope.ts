import type { LanguageCues, RuleConditions } from '../policy/types.js';
import { maskPhrases, normalizeText } from './text.js';

/**
 * Where the words of a rule stand in a complaint: in which clause and sentence, after which
 * negation, beside which degree word. Everything here is compiled once per policy object (a
 * WeakMap keyed by the rule or the cues) and runs in one pass of each regex over the text, so
 * grading stays linear in the length of the complaint.
 */

const WORD = '[a-z0-9\\u00c0-\\u024f]';
const WORD_CHAR = /[\p{Script=Latin}\p{Nd}]/u;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A keyword as a regex source: Latin and digit edges only match at a word edge ("fire" not in "firewall"). */
function keywordSource(keyword: string): string | undefined {
  const phrase = normalizeText(keyword);
  if (phrase === '') return undefined;
  const start = WORD_CHAR.test(phrase[0]!) ? `(?<!${WORD})` : '';
  const end = WORD_CHAR.test(phrase[phrase.length - 1]!) ? `(?!${WORD})` : '';
  return `${start}${escapeRegex(phrase)}${end}`;
}

function compile(sources: readonly string[], what: string): RegExp | null {
  const parts = sources.filter((s) => s !== '');
  if (parts.length === 0) return null;
  try {
    return new RegExp(parts.map((s) => `(?:${s})`).join('|'), 'giu');
  } catch (error) {
    throw new Error(`${what}: a pattern is not a valid regular expression (${(error as Error).message})`);
  }
}

const ruleRegexes = new WeakMap<RuleConditions, RegExp | null>();

/** One regex for all of a rule's keywords and patterns, or null when it states neither. */
function ruleRegex(rule: RuleConditions): RegExp | null {
  let regex = ruleRegexes.get(rule);
  if (regex === undefined) {
    const keywords = (rule.keywords ?? []).map(keywordSource).filter((s): s is string => s !== undefined);
    regex = compile([...keywords, ...(rule.patterns ?? [])], `rule ${(rule as { id?: string }).id ?? ''}`);
    ruleRegexes.set(rule, regex);
  }
  return regex;
}

/**
 * Compiles a rule's words and the policy's cues now, and runs each regex once over a one-byte
 * (Latin) and a two-byte (Chinese) sample: V8 compiles a regex on its first run, once per string
 * width, so this moves that cost from the first complaint to the moment the policy is loaded.
 * A pattern that is not a regular expression throws here, naming its rule.
 */
export function warmUp(rules: readonly RuleConditions[], language: LanguageCues | undefined): void {
  const samples = ['warm up: not a complaint', '预热,不是投诉 warm up'];
  for (const rule of rules) {
    const regex = ruleRegex(rule);
    if (regex === null) continue;
    for (const sample of samples) {
      regex.lastIndex = 0;
      regex.exec(sample);
    }
  }
  if (language) for (const sample of samples) scopeOf(sample, language);
}

/** Whether the rule states words at all (keywords or patterns), as opposed to only form fields. */
export const statesWords = (rule: RuleConditions): boolean => ruleRegex(rule) !== null;

interface CompiledCues {
  clauseBreak: RegExp;
  sentenceBreak: RegExp;
  /** Group 1: a phrase that only looks like a negation; group 2: a negation; group 3: one that reaches only the next word. */
  negation: RegExp | null;
  breaker: RegExp | null;
  degree: RegExp | null;
  question: RegExp | null;
  reach: number;
}

// Punctuation ends a clause; a full stop only before a space or the end ("$89.00", "e.g" stay whole).
const CLAUSE_PUNCTUATION = '[,，、;；:：。！？!?…~～()（）\\[\\]【】"“”]|\\.(?=\\s|$)|\\s?[—–]+\\s?';
const SENTENCE_PUNCTUATION = '[;；。！？!?…]+|\\.(?=\\s|$)';

const compiledCues = new WeakMap<LanguageCues, CompiledCues>();

function cuesOf(language: LanguageCues): CompiledCues {
  let cues = compiledCues.get(language);
  if (cues === undefined) {
    const group = (sources: readonly string[] | undefined) =>
      sources && sources.length > 0 ? `(${sources.map((s) => `(?:${s})`).join('|')})` : '(?!)';
    const anyNegation = language.negations.length > 0 || (language.adjacentNegations ?? []).length > 0;
    cues = {
      clauseBreak: compile([CLAUSE_PUNCTUATION, ...(language.clauseBreaks ?? [])], 'clause breaks')!,
      sentenceBreak: compile([SENTENCE_PUNCTUATION], 'sentence breaks')!,
      negation: anyNegation
        ? new RegExp(
            `${group(language.notNegations)}|${group(language.negations)}|${group(language.adjacentNegations)}`,
            'giu',
          )
        : null,
      breaker: compile(language.scopeBreakers ?? [], 'scope breakers'),
      degree: compile(language.degrees, 'degree words'),
      question: compile(language.questions ?? [], 'question cues'),
      reach: language.negationReach ?? 24,
    };
    compiledCues.set(language, cues);
  }
  return cues;
}

/** The cues found in one text, with the clause and sentence of every position. */
export interface TextScope {
  text: string;
  clauseStarts: number[];
  sentenceStarts: number[];
  /** Negation cues: where they end, whether they reach only the next word. */
  negations: { start: number; end: number; adjacent: boolean }[];
  breakers: number[];
  /** Degree words by sentence index. */
  degreeBySentence: Map<number, string[]>;
  /** Clauses that ask: a question cue in them (a question mark alone does not make one). */
  questionClauses: Set<number>;
  reach: number;
}

function starts(text: string, regex: RegExp): number[] {
  const found = [0];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    found.push(m.index + m[0].length);
    if (m[0].length === 0) regex.lastIndex++;
  }
  return found;
}

/** Index of the last start ≤ position (binary search). */
function indexOf(startsList: number[], position: number): number {
  let lo = 0;
  let hi = startsList.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startsList[mid]! <= position) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function scopeOf(text: string, language: LanguageCues): TextScope {
  const cues = cuesOf(language);
  const sentenceStarts = starts(text, cues.sentenceBreak);
  const negations: TextScope['negations'] = [];
  if (cues.negation) {
    cues.negation.lastIndex = 0;
    for (let m = cues.negation.exec(text); m !== null; m = cues.negation.exec(text)) {
      if (m[0].length === 0) {
        cues.negation.lastIndex++;
        continue;
      }
      if (m[1] !== undefined) continue;
      negations.push({ start: m.index, end: m.index + m[0].length, adjacent: m[3] !== undefined });
    }
  }
  const breakers: number[] = [];
  if (cues.breaker) {
    cues.breaker.lastIndex = 0;
    for (let m = cues.breaker.exec(text); m !== null; m = cues.breaker.exec(text)) {
      breakers.push(m.index);
      if (m[0].length === 0) cues.breaker.lastIndex++;
    }
  }
  const degreeBySentence = new Map<number, string[]>();
  if (cues.degree) {
    cues.degree.lastIndex = 0;
    for (let m = cues.degree.exec(text); m !== null; m = cues.degree.exec(text)) {
      if (m[0].length === 0) {
        cues.degree.lastIndex++;
        continue;
      }
      const sentence = indexOf(sentenceStarts, m.index);
      degreeBySentence.set(sentence, [...(degreeBySentence.get(sentence) ?? []), m[0].trim()]);
    }
  }
  // Only a question cue makes a clause a question, not its "?": "why does it keep crashing?" is a complaint.
  const questionClauses = new Set<number>();
  const clauseStarts = starts(text, cues.clauseBreak);
  if (cues.question) {
    cues.question.lastIndex = 0;
    for (let m = cues.question.exec(text); m !== null; m = cues.question.exec(text)) {
      questionClauses.add(indexOf(clauseStarts, m.index));
      if (m[0].length === 0) cues.question.lastIndex++;
    }
  }
  return {
    text,
    clauseStarts,
    questionClauses,
    sentenceStarts,
    negations,
    breakers,
    degreeBySentence,
    reach: cues.reach,
  };
}

/** Whether a negation earlier in the same clause, within reach and with no breaker between, cancels a match at `at`. */
function negatedAt(scope: TextScope, at: number): string | undefined {
  const clause = indexOf(scope.clauseStarts, at);
  const clauseStart = scope.clauseStarts[clause]!;
  for (const cue of scope.negations) {
    if (cue.end > at) break;
    if (cue.start < clauseStart) continue;
    const gap = at - cue.end;
    if (cue.adjacent ? gap > 1 : gap > scope.reach) continue;
    // A breaker where the match starts ends the scope too: "if it is not fixed I will post it" threatens.
    if (scope.breakers.some((b) => b >= cue.end && b <= at)) continue;
    return scope.text.slice(cue.start, cue.end).trim();
  }
  return undefined;
}

/** What a rule's words did in one complaint. */
export interface WordsMatch {
  /** The words that fired (not negated), in text order, each once. */
  words: string[];
  /** Every fired word stood in a sentence with a degree word; these are the degree words. */
  degree?: string[];
  /** Matches cancelled by a negation, as "negation … words". */
  negated: string[];
}

/**
 * Matches a rule's keywords and patterns in prepared text. Undefined when the rule states no
 * words; `words` empty when none fired. Without cues every match fires and none is mild.
 */
export function matchWords(
  rule: RuleConditions,
  text: string,
  scope: TextScope | undefined,
  skipQuestions = false,
): WordsMatch | undefined {
  const regex = ruleRegex(rule);
  if (regex === null) return undefined;
  const haystack = rule.negations && rule.negations.length > 0 ? maskPhrases(text, rule.negations) : text;
  const words: string[] = [];
  const negated: string[] = [];
  const degree = new Set<string>();
  let allMild = true;
  regex.lastIndex = 0;
  for (let m = regex.exec(haystack); m !== null; m = regex.exec(haystack)) {
    if (m[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const found = m[0].trim();
    if (skipQuestions && scope?.questionClauses.has(indexOf(scope.clauseStarts, m.index))) continue;
    const cue = scope && rule.negatable !== false ? negatedAt(scope, m.index) : undefined;
    if (cue !== undefined) {
      if (!negated.includes(`${cue} … ${found}`)) negated.push(`${cue} … ${found}`);
      continue;
    }
    if (!words.includes(found)) words.push(found);
    const degrees = scope?.degreeBySentence.get(indexOf(scope.sentenceStarts, m.index));
    if (degrees) for (const d of degrees) degree.add(d);
    else allMild = false;
  }
  // A bare "?" is evidence only when no word said more.
  const shown = words.length > 1 ? words.filter((w) => /[\p{L}\p{N}]/u.test(w)) : words;
  return {
    words: shown.length > 0 ? shown : words,
    negated,
    ...(words.length > 0 && allMild && degree.size > 0 ? { degree: [...degree] } : {}),
  };
}
