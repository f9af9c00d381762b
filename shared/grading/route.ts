import { CATEGORIES, type Category, type RoutingDecision } from '../model/complaint.js';
import type { RoutingPolicy } from '../policy/types.js';
import { type ComplaintFacts, evidenceFor, type PreparedFacts, prepareFacts } from './match.js';

export type RouteInput = ComplaintFacts;

function chooseCategory(facts: PreparedFacts, policy: RoutingPolicy): { category: Category; reason: string } {
  // "Other" is what a form shows before anyone picks; choosing it tells us nothing, so the rules still decide.
  const chosen = facts.category;
  if (chosen !== undefined && chosen !== 'other' && CATEGORIES.includes(chosen)) {
    return { category: chosen, reason: `category ${chosen}: chosen by customer` };
  }
  for (const rule of policy.rules) {
    const evidence = evidenceFor(rule, facts);
    if (evidence) {
      return { category: rule.category, reason: `category ${rule.category} (${rule.label}): ${evidence.join(', ')}` };
    }
  }
  return {
    category: policy.defaultCategory,
    reason: `category ${policy.defaultCategory} by default: no routing rule matched`,
  };
}

/**
 * Decides the category and the owning department. A category the customer chose wins; otherwise
 * the first routing rule that fires, in policy order; otherwise the default. Involvement rules
 * add departments to consult (legal/PR when a regulator or the press is involved) as reasons,
 * without taking ownership away from the department that fixes the problem.
 */
export function routeComplaint(input: RouteInput, policy: RoutingPolicy): RoutingDecision {
  const facts = prepareFacts(input, policy.language);
  const { category, reason } = chooseCategory(facts, policy);
  const department = policy.departmentByCategory[category];
  const involvements = (policy.involvements ?? []).flatMap((rule) => {
    if (rule.department === department) return [];
    const evidence = evidenceFor(rule, facts);
    return evidence ? [`involve ${rule.department} (${rule.label}): ${evidence.join(', ')}`] : [];
  });
  return {
    category,
    department,
    reasons: [reason, `department ${department}: owns category ${category}`, ...involvements],
  };
}
