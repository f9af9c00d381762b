import { GRADES, type Grade, type GradeDecision } from '../model/complaint.js';
import type { GradingPolicy, GradingRule } from '../policy/types.js';
import { type ComplaintFacts, fired, inspectRule, prepareFacts, type RuleInspection } from './match.js';

export type GradeInput = ComplaintFacts;

const rank = (grade: Grade): number => GRADES.indexOf(grade);
const quoted = (words: readonly string[]): string => words.map((w) => `"${w}"`).join(', ');

interface Fired {
  rule: GradingRule;
  grade: Grade;
  inspection: RuleInspection;
}

/** A degree word lowers a rule that says how far (mildGrade), and never raises one. */
function effectiveGrade(rule: GradingRule, inspection: RuleInspection): Grade {
  if (inspection.degree === undefined || rule.mildGrade === undefined) return rule.grade;
  return rank(rule.mildGrade) > rank(rule.grade) ? rule.mildGrade : rule.grade;
}

function reason({ rule, grade, inspection }: Fired): string {
  const lowered = grade !== rule.grade ? ` (lowered from ${rule.grade} by ${quoted(inspection.degree ?? [])})` : '';
  return `${grade} ${rule.label}${lowered}: ${inspection.evidence.join(', ')}`;
}

/**
 * Grades a complaint by its policy. Every rule is a signal (hazard, injury, threat, batch, money,
 * core function, attitude, delay, question, …) checked clause by clause: a negation in its
 * clause cancels it, a degree word in its sentence lowers it where the rule says how far. The
 * most severe signal that fires sets the grade, so safety wins over everything and a question
 * is P4 only when nothing else fired; each fired signal leaves one reason with the words that
 * fired, most severe first. When no rule fires the policy's default grade applies.
 *
 * The decision is marked for review (`review`) when a person should check it: nothing fired, a
 * P1/P2 signal was cancelled by a negation or lowered by a degree word and nothing as severe
 * fired, or a question or suggestion carries P1/P2 content.
 */
export function gradeComplaint(input: GradeInput, policy: GradingPolicy): GradeDecision {
  const facts = prepareFacts(input, policy.language);
  const firedRules: Fired[] = [];
  const negated: { rule: GradingRule; words: string[] }[] = [];
  for (const rule of policy.rules) {
    const inspection = inspectRule(rule, facts, rule.askable === true);
    if (fired(inspection)) firedRules.push({ rule, grade: effectiveGrade(rule, inspection), inspection });
    else if (inspection.negated.length > 0) negated.push({ rule, words: inspection.negated });
  }
  // Array.prototype.sort is stable, so rules of equal grade keep their policy order.
  firedRules.sort((a, b) => rank(a.grade) - rank(b.grade));

  const [mostSevere] = firedRules;
  if (mostSevere === undefined) {
    return {
      grade: policy.defaultGrade,
      reasons: [`${policy.defaultGrade} by default: no grading rule matched`],
      review: [
        'no signal fired: the default grade is a guess',
        ...negated.map(({ rule, words }) => `${rule.grade} ${rule.label} read as negated: ${quoted(words)}`),
      ],
    };
  }
  const grade = mostSevere.grade;
  const serious = (g: Grade) => rank(g) <= rank('P2');
  const review = [
    ...negated
      .filter(({ rule }) => serious(rule.grade) && rank(rule.grade) < rank(grade))
      .map(({ rule, words }) => `${rule.grade} ${rule.label} read as negated: ${quoted(words)}`),
    ...firedRules
      .filter((f) => f.grade !== f.rule.grade && serious(f.rule.grade) && rank(f.rule.grade) < rank(grade))
      .map((f) => `${f.rule.grade} ${f.rule.label} lowered to ${f.grade} by ${quoted(f.inspection.degree ?? [])}`),
  ];
  const form = firedRules.find((f) => f.rule.form);
  const content = firedRules.find((f) => !f.rule.form && serious(f.grade) && f.rule.grade === f.grade);
  if (form && content && (form.rule.keywords?.length || form.rule.patterns?.length)) {
    if (content.rule.keywords?.length || content.rule.patterns?.length) {
      review.push(`a ${form.rule.label} carrying ${content.grade} ${content.rule.label}: graded by the content`);
    }
  }
  return {
    grade,
    reasons: firedRules.map(reason),
    ...(review.length > 0 ? { review } : {}),
  };
}
