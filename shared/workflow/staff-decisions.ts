import { addDuration, computeDeadlines, DEADLINE_NAMES } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidTransitionError } from '../errors/index.js';
import {
  type Complaint,
  type Deadlines,
  type Department,
  ESCALATION_LADDER,
  type Escalation,
  type EscalationRole,
  type Grade,
} from '../model/complaint.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { metDeadlines } from './pause.js';
import { currentStep, effectiveDeadline, stepDeadline } from './plan.js';
import { reopenedRoundDeadlines } from './reopen.js';
import type { ComplaintChanges } from './step-times.js';
import { staffOnRung, TOP_RUNG_REMINDER_EVERY } from './timer-decisions.js';
import type { WorkflowStep } from './types.js';

/**
 * A new grade: every deadline still open is the new grade's, counted from the start of the round
 * (receipt, or the last reopen, whose follow-up limit still holds); a met deadline keeps the time it had, so the reports stay true.
 * An escalation whose deadline moved is cleared (the ladder starts again against the new deadline),
 * and the by-deadline index points at the step's deadline as it now stands.
 */
export function regradeChanges(
  c: Complaint,
  grade: Grade,
  policy: Policy,
  calendar: WorkingCalendar,
): Pick<ComplaintChanges, 'grade' | 'deadlines' | 'escalation' | 'nextDeadlineAt'> {
  const from = new Date(c.reopenedAt ?? c.receivedAt);
  // A reopened complaint keeps the policy's limit on its second follow-up, as reopening set it.
  const fresh = c.reopenedAt
    ? reopenedRoundDeadlines(from, grade, policy, calendar)
    : computeDeadlines(from, grade, policy.deadlines, calendar);
  const met = new Set(metDeadlines(c));
  const deadlines: Deadlines = { ...fresh };
  for (const name of DEADLINE_NAMES) {
    const kept = c.deadlines[name];
    if (met.has(name) && kept !== undefined) deadlines[name] = kept;
  }
  const after: Complaint = { ...c, grade, deadlines };
  const step = currentStep(after);
  const escalated = c.escalation?.step as WorkflowStep | undefined;
  const moved = escalated !== undefined && stepDeadline(c, escalated) !== stepDeadline(after, escalated);
  if (moved) delete after.escalation;
  return {
    grade,
    deadlines,
    ...(moved ? { escalation: undefined } : {}),
    // While the clock is paused for the customer the index keeps its deadline (as step-times.ts does).
    ...(step === 'await_customer' ? {} : { nextDeadlineAt: effectiveDeadline(after, step) }),
  };
}

/**
 * A new department: the owner keeps the complaint only if they work in it (agents work their own
 * department's complaints); otherwise it waits for someone there to take it.
 */
export function rerouteChanges(
  c: Complaint,
  department: Department,
  policy: Policy,
): Pick<ComplaintChanges, 'department' | 'ownerId' | 'assignedAt'> {
  const owner = policy.staff.find((s) => s.id === c.ownerId);
  const ownerStays = owner !== undefined && (owner.department === undefined || owner.department === department);
  return { department, ...(c.ownerId && !ownerStays ? { ownerId: undefined, assignedAt: undefined } : {}) };
}

export interface HandEscalation {
  step: WorkflowStep;
  level: number;
  role: EscalationRole;
  escalation: Escalation;
  notify: StaffMember[];
}

/**
 * Someone is blocked and says so: the current step's escalation goes one rung up the ladder, as a
 * missed deadline would take it, and that rung is told. The deadline being waited for stays when
 * it is still ahead (the timer escalates again from the new rung if it is missed); one already
 * passed gets the grade's grace, as the timer gives it. At the top rung there is nobody left.
 */
export function escalateByHand(c: Complaint, now: Date, policy: Policy, calendar: WorkingCalendar): HandEscalation {
  const step = currentStep(c);
  const deadline = effectiveDeadline(c, step);
  if (deadline === undefined)
    throw new InvalidTransitionError('not_in_status', { status: c.status, command: 'escalate' });
  const previous = c.escalation?.step === step ? c.escalation.level : 0;
  const top = ESCALATION_LADDER.length - 1;
  if (previous >= top) throw new InvalidTransitionError('top_rung');
  const level = previous + 1;
  const role = ESCALATION_LADDER[level]!;
  const wait = level === top ? TOP_RUNG_REMINDER_EVERY : policy.workflow.escalationGrace[c.grade];
  const until = Date.parse(deadline) > now.getTime() ? deadline : addDuration(now, wait, calendar).toISOString();
  return { step, level, role, escalation: { step, level, deadline: until }, notify: staffOnRung(c, role, policy) };
}
