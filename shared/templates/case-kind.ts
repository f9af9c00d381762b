import { CATEGORY_LABELS } from '../i18n/labels.js';
import type { Complaint, Locale } from '../model/complaint.js';

/**
 * What the customer brought us, as a letter must speak of it: a complaint is apologised for, a
 * question is answered, a suggestion is thanked for. P4 is the grade of questions and suggestions
 * (PRODUCT.md); a reopened case is raised out of P4, and a customer unhappy enough to reopen it
 * has a complaint.
 */
export type CaseKind = 'complaint' | 'question' | 'suggestion';

export function caseKind(complaint: Complaint): CaseKind {
  if (complaint.grade !== 'P4') return 'complaint';
  return complaint.category === 'feature_request' ? 'suggestion' : 'question';
}

/** "complaint" / "投诉": what the letters call the case. */
export const CASE_NOUNS: Record<CaseKind, Record<Locale, string>> = {
  complaint: { en: 'complaint', 'zh-CN': '投诉' },
  question: { en: 'question', 'zh-CN': '咨询' },
  suggestion: { en: 'suggestion', 'zh-CN': '建议' },
};

/**
 * The topic a letter names ("billing", "物流配送"); none for "other" (or a suggestion, whose
 * category only says it is one), which would read "your other problem".
 */
export function topicOf(complaint: Complaint, locale: Locale): string | undefined {
  if (complaint.category === 'other' || complaint.category === 'feature_request') return undefined;
  return CATEGORY_LABELS[complaint.category][locale];
}
