import type { Category, Channel, CustomerTier, Remedy } from '../model/complaint.js';
import type { LanguageCues, RuleConditions } from '../policy/types.js';
import { matchWords, scopeOf, type TextScope } from './scope.js';
import { normalizeText } from './text.js';

/**
 * What grading and routing look at. A parsed ComplaintInput or a stored Complaint fits as is.
 */
export interface ComplaintFacts {
  subject?: string;
  description: string;
  /** The category the customer chose on the form, if any. */
  category?: Category;
  channel?: Channel;
  customer?: { tier?: CustomerTier };
  requestedRemedy?: Remedy;
}

/** Facts with the text normalized once, so each rule does not normalize it again. */
export interface PreparedFacts {
  text: string;
  category?: Category;
  channel?: Channel;
  tier: CustomerTier;
  remedy?: Remedy;
  /** Clauses, sentences, negation and degree cues of `text`, when the policy has language cues. */
  scope?: TextScope;
}

export function prepareFacts(facts: ComplaintFacts, language?: LanguageCues): PreparedFacts {
  // The subject ends where the description starts: a sentence break, so a cue in one never reaches the other.
  const text = normalizeText([facts.subject, facts.description].filter(Boolean).join('. \n'));
  return {
    text,
    ...(language ? { scope: scopeOf(text, language) } : {}),
    category: facts.category,
    channel: facts.channel,
    tier: facts.customer?.tier ?? 'standard',
    remedy: facts.requestedRemedy,
  };
}

// An amount with its currency before or after it; 万 is ten thousand, k a thousand.
const AMOUNT =
  /(?:(?:¥|\$|€|£|rmb|cny|usd|eur|gbp|hkd|cad|aud)\s?(\d[\d,]*(?:\.\d+)?)\s?(万|k)?)|(?:(\d[\d,]*(?:\.\d+)?)\s?(万)?\s?(?:元|块|rmb|cny|美元|欧元|英镑|dollars|euros|pounds|usd|eur|gbp))/giu;

const amountsCache = new WeakMap<PreparedFacts, number[]>();

/** The amounts of money the text states, largest first. */
export function amountsIn(facts: PreparedFacts): number[] {
  let amounts = amountsCache.get(facts);
  if (amounts === undefined) {
    amounts = [];
    for (const m of facts.text.matchAll(AMOUNT)) {
      const value = Number((m[1] ?? m[3] ?? '').replace(/,/g, ''));
      const scale = (m[2] ?? m[4]) === '万' ? 10_000 : (m[2] ?? m[4]) === 'k' ? 1000 : 1;
      if (Number.isFinite(value)) amounts.push(value * scale);
    }
    amounts.sort((a, b) => b - a);
    amountsCache.set(facts, amounts);
  }
  return amounts;
}

const stated = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

const quoted = (phrases: readonly string[]): string => phrases.map((p) => `"${p}"`).join(', ');

/** How a rule fired: its evidence, and what the words around it did. */
export interface RuleInspection {
  evidence: string[];
  /** Every matched word stood beside a degree word: these. */
  degree?: string[];
}

/** A rule that did not fire, and the negated words it would have fired on, if any. */
export interface RuleMiss {
  negated: string[];
}

/**
 * Whether a rule fires, with its evidence, e.g. ['keyword "起火"', 'channel regulator'], and the
 * degree words that qualify it; or, when it does not fire, the negated words it saw. The
 * evidence quotes the few words that matched (a keyword or a pattern's match), never more of the
 * customer's text; reasons are for staff and are never shown to the customer.
 */
export function inspectRule(
  conditions: RuleConditions,
  facts: PreparedFacts,
  skipQuestions = false,
): RuleInspection | RuleMiss {
  const evidence: string[] = [];
  const { channels, tiers, remedies, categories } = conditions;
  let degree: string[] | undefined;

  const words = matchWords(conditions, facts.text, facts.scope, skipQuestions);
  if (words !== undefined) {
    if (words.words.length === 0) return { negated: words.negated };
    evidence.push(`${words.words.length === 1 ? 'keyword' : 'keywords'} ${quoted(words.words)}`);
    degree = words.degree;
  }
  const miss = { negated: [] };
  if (conditions.amountAtLeast !== undefined) {
    const largest = amountsIn(facts)[0];
    if (largest === undefined || largest < conditions.amountAtLeast) return miss;
    evidence.push(`amount ${largest} ≥ ${conditions.amountAtLeast}`);
  }
  if (stated(channels)) {
    if (facts.channel === undefined || !channels.includes(facts.channel)) return miss;
    evidence.push(`channel ${facts.channel}`);
  }
  if (stated(tiers)) {
    if (!tiers.includes(facts.tier)) return miss;
    evidence.push(`tier ${facts.tier}`);
  }
  if (stated(remedies)) {
    if (facts.remedy === undefined || !remedies.includes(facts.remedy)) return miss;
    evidence.push(`remedy ${facts.remedy}`);
  }
  if (stated(categories)) {
    if (facts.category === undefined || !categories.includes(facts.category)) return miss;
    evidence.push(`category ${facts.category}`);
  }
  return evidence.length > 0 ? { evidence, ...(degree ? { degree } : {}) } : miss;
}

export const fired = (inspection: RuleInspection | RuleMiss): inspection is RuleInspection => 'evidence' in inspection;

/** The evidence that makes a rule fire, or undefined when it does not. */
export function evidenceFor(conditions: RuleConditions, facts: PreparedFacts): string[] | undefined {
  const inspection = inspectRule(conditions, facts);
  return fired(inspection) ? inspection.evidence : undefined;
}
