import { GRADES, type GradeDecision } from '../model/complaint.js';
import type { GradingPolicy, GradingRule } from '../policy/types.js';
import { type ComplaintFacts, evidenceFor, prepareFacts } from './match.js';

export type GradeInput = ComplaintFacts;

const severity = (rule: GradingRule): number => GRADES.indexOf(rule.grade);

/**
 * Grades a complaint by its policy: every rule is checked, the most severe one that fires sets
 * the grade (P1 before P4), and each fired rule leaves one reason, most severe first. Rules below
 * the default grade (questions, suggestions) can lower a complaint only because nothing more
 * serious fired; when no rule fires at all the policy's default grade applies.
 */
export function gradeComplaint(input: GradeInput, policy: GradingPolicy): GradeDecision {
  const facts = prepareFacts(input);
  const fired = policy.rules
    .map((rule) => ({ rule, evidence: evidenceFor(rule, facts) }))
    .filter((f): f is { rule: GradingRule; evidence: string[] } => f.evidence !== undefined)
    // Array.prototype.sort is stable, so rules of equal grade keep their policy order.
    .sort((a, b) => severity(a.rule) - severity(b.rule));

  const [mostSevere] = fired;
  if (mostSevere === undefined) {
    return { grade: policy.defaultGrade, reasons: [`${policy.defaultGrade} by default: no grading rule matched`] };
  }
  return {
    grade: mostSevere.rule.grade,
    reasons: fired.map(({ rule, evidence }) => `${rule.grade} ${rule.label}: ${evidence.join(', ')}`),
  };
}
