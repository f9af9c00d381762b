import { type Complaint, GRADES } from '../model/complaint.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { staffOnRung } from './timer-decisions.js';

/** The grades announced to their department at once (P1 critical, P2 urgent), not first at a breach. */
export const ANNOUNCED_GRADES: ReadonlySet<Complaint['grade']> = new Set(['P1', 'P2']);

/**
 * Who hears of a new P1 or P2 complaint: its department's agents and supervisors, and for a P1
 * its department head too (staffOnRung falls back to company-wide supervisors and heads).
 */
export function newWorkAudience(c: Complaint, policy: Policy): StaffMember[] {
  const agents = policy.staff.filter((s) => s.role === 'agent' && s.department === c.department);
  const rungs = [
    ...staffOnRung(c, 'supervisor', policy),
    ...(c.grade === 'P1' ? staffOnRung(c, 'department_head', policy) : []),
  ];
  return [...new Map([...agents, ...rungs].map((s) => [s.id, s])).values()];
}

/**
 * Whether a change by staff makes an open complaint new P1 or P2 work for its department, to be
 * announced as on arrival: raised into P1 or P2 (or from P2 to P1, which adds the head), or moved
 * to another department while P1 or P2. A lowered grade or a P3 moved on is not.
 */
export function becomesNewWork(before: Complaint, after: Complaint): boolean {
  if (after.status === 'closed' || !ANNOUNCED_GRADES.has(after.grade)) return false;
  return after.department !== before.department || GRADES.indexOf(after.grade) < GRADES.indexOf(before.grade);
}
