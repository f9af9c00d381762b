import { formatAmount, REMEDY_LABELS } from '../../shared/i18n/labels.js';
import type { Grade, Locale } from '../../shared/model/complaint.js';
import { remedyStandards } from '../../shared/policy/remedies.js';
import type { Policy, RemedyStandard } from '../../shared/policy/types.js';
import { html, type SafeHtml } from '../../shared/templates/html.js';
import { needsLegalReview } from '../../shared/workflow/legal-review.js';

/**
 * What the propose form offers (issue 10, 004 3.2.3): the grade's standard remedies and the rules
 * that send a proposal to approval, from the policy version the complaint recorded, so the form
 * says what the propose action will decide (shared/usecases/legal-review.ts proposalTerms).
 */
export interface ProposalRules {
  grade: Grade;
  standards: RemedyStandard[];
  approvalThreshold: number;
  /** The grade's plans go to legal review, then to approval. */
  legalReview: boolean;
}

export function proposalRules(policy: Pick<Policy, 'remedies' | 'workflow'>, grade: Grade): ProposalRules {
  return {
    grade,
    standards: remedyStandards(policy, grade),
    approvalThreshold: policy.workflow.approvalAmountThreshold,
    legalReview: needsLegalReview(grade, policy),
  };
}

const COPY = {
  en: {
    standard: (grade: string) => `Standard remedy for ${grade}`,
    none: 'None: my own proposal',
    upTo: (amount: string) => `up to ${amount}`,
    prefills: 'Choosing one fills in its remedy and amount.',
    needsApproval: 'Needs a department head’s approval:',
    aboveStandard: 'an amount above the standard chosen (or, with none chosen, above every standard of the remedy)',
    aboveThreshold: (amount: string) => `an amount above ${amount}`,
    legal: (grade: string) => `every plan of a ${grade}, after legal review`,
  },
  'zh-CN': {
    standard: (grade: string) => `${grade} 标准补偿方案`,
    none: '不选：自行提出方案',
    upTo: (amount: string) => `最多 ${amount}`,
    prefills: '选择后自动填入补偿方式和金额。',
    needsApproval: '以下情况需部门负责人审批：',
    aboveStandard: '金额超过所选标准（未选标准时，超过该补偿方式的所有标准）',
    aboveThreshold: (amount: string) => `金额超过 ${amount}`,
    legal: (grade: string) => `${grade} 的所有方案（先经法务审核）`,
  },
} satisfies Record<Locale, unknown>;

/**
 * The standard picker of the propose form, with what needs approval. Each option carries its remedy
 * and amount for the console script to prefill the form; without the script the propose action fills
 * them from the standard chosen, so the form works either way.
 */
export function standardField(rules: ProposalRules, locale: Locale, selected: string): SafeHtml {
  const t = COPY[locale];
  const money = (amount: number) => formatAmount(amount, locale);
  const option = (s: RemedyStandard) => {
    const prefill = s.maxAmount ? s.maxAmount : undefined;
    const text = [
      s.label[locale],
      REMEDY_LABELS[s.remedy][locale],
      ...(s.maxAmount ? [t.upTo(money(s.maxAmount))] : []),
    ].join(' · ');
    return html`<option value="${s.id}" data-remedy="${s.remedy}"${prefill === undefined ? '' : html` data-amount="${prefill}"`}${selected === s.id ? html` selected` : ''}>${text}</option>`;
  };
  const rulesList = [
    ...(rules.legalReview ? [t.legal(rules.grade)] : []),
    t.aboveStandard,
    t.aboveThreshold(money(rules.approvalThreshold)),
  ];
  const picker =
    rules.standards.length === 0
      ? ''
      : html`<div class="cl-field"><label for="propose-standard">${t.standard(rules.grade)}</label>
<select id="propose-standard" name="standard" data-standard aria-describedby="propose-standard-help"><option value="">${t.none}</option>${rules.standards.map(option)}</select>
<p class="cl-small cl-muted" id="propose-standard-help">${t.prefills}</p></div>`;
  return html`${picker}
<div class="cl-small" id="propose-approval"><p>${t.needsApproval}</p><ul>${rulesList.map((r) => html`<li>${r}</li>`)}</ul></div>`;
}
