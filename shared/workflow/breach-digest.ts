import { type Complaint, ESCALATION_LADDER } from '../model/complaint.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { stepDeadline } from './plan.js';
import { staffOnRung } from './timer-decisions.js';
import type { WorkflowStep } from './types.js';

/** One complaint still breached at the top of the ladder, as its digest lists it. */
export interface DigestItem {
  complaint: Complaint;
  step: WorkflowStep;
  /** When the step's own deadline was missed: how long it has been late. */
  breachedSince: string;
}

export interface Digest {
  staff: StaffMember;
  items: DigestItem[];
}

const TOP = ESCALATION_LADDER.length - 1;

/**
 * Pure: who gets a daily digest and what it lists. A complaint is in it while it is escalated to the
 * top rung (the manager was told once, by the escalation mail) and has not left the breached step
 * (leaving it clears the escalation). Each manager gets one mail, however many complaints, oldest
 * breach first; a manager with nothing still breached gets none.
 */
export function breachDigests(complaints: Iterable<Complaint>, policy: Policy): Digest[] {
  const byStaff = new Map<string, Digest>();
  for (const c of complaints) {
    if (!c.escalation || c.escalation.level < TOP || c.status === 'closed') continue;
    const step = c.escalation.step as WorkflowStep;
    const item: DigestItem = {
      complaint: c,
      step,
      breachedSince: stepDeadline(c, step) ?? c.escalation.deadline,
    };
    for (const staff of staffOnRung(c, ESCALATION_LADDER[TOP]!, policy)) {
      const digest = byStaff.get(staff.id) ?? { staff, items: [] };
      digest.items.push(item);
      byStaff.set(staff.id, digest);
    }
  }
  const digests = [...byStaff.values()];
  for (const d of digests) d.items.sort((a, b) => a.breachedSince.localeCompare(b.breachedSince));
  return digests.sort((a, b) => a.staff.id.localeCompare(b.staff.id));
}
