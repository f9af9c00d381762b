import type { Category, Channel, CustomerTier, Remedy } from '../model/complaint.js';
import type { RuleConditions } from '../policy/types.js';
import { containsPhrase, maskPhrases, normalizeText } from './text.js';

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
}

export function prepareFacts(facts: ComplaintFacts): PreparedFacts {
  return {
    text: normalizeText([facts.subject, facts.description].filter(Boolean).join('\n')),
    category: facts.category,
    channel: facts.channel,
    tier: facts.customer?.tier ?? 'standard',
    remedy: facts.requestedRemedy,
  };
}

const stated = <T>(list: readonly T[] | undefined): list is readonly T[] => list !== undefined && list.length > 0;

const quoted = (phrases: readonly string[]): string => phrases.map((p) => `"${p}"`).join(', ');

/**
 * The evidence that makes a rule fire, e.g. ['keyword "起火"', 'channel regulator'], or
 * undefined when it does not fire. The evidence names policy values only, never the customer's
 * own words, so reasons are safe to show and log.
 */
export function evidenceFor(conditions: RuleConditions, facts: PreparedFacts): string[] | undefined {
  const evidence: string[] = [];
  const { keywords, negations, channels, tiers, remedies, categories } = conditions;

  if (stated(keywords)) {
    const text = stated(negations) ? maskPhrases(facts.text, negations) : facts.text;
    const hits = keywords.filter((keyword) => containsPhrase(text, keyword));
    if (hits.length === 0) return undefined;
    evidence.push(`${hits.length === 1 ? 'keyword' : 'keywords'} ${quoted(hits)}`);
  }
  if (stated(channels)) {
    if (facts.channel === undefined || !channels.includes(facts.channel)) return undefined;
    evidence.push(`channel ${facts.channel}`);
  }
  if (stated(tiers)) {
    if (!tiers.includes(facts.tier)) return undefined;
    evidence.push(`tier ${facts.tier}`);
  }
  if (stated(remedies)) {
    if (facts.remedy === undefined || !remedies.includes(facts.remedy)) return undefined;
    evidence.push(`remedy ${facts.remedy}`);
  }
  if (stated(categories)) {
    if (facts.category === undefined || !categories.includes(facts.category)) return undefined;
    evidence.push(`category ${facts.category}`);
  }
  return evidence.length > 0 ? evidence : undefined;
}
