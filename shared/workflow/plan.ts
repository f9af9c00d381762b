import { addDuration, secondsUntil } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Complaint } from '../model/complaint.js';
import type { Policy } from '../policy/types.js';
import type { Plan, WaitStep, WakeReason, WorkflowStep } from './types.js';

/**
 * Where the complaint stands, read from the table alone. The order of the checks is the
 * lifecycle. Whether the grade has a solution step is read from the complaint's own deadlines,
 * which the policy set when it was received (or reopened at a new grade).
 */
export function currentStep(c: Complaint): WorkflowStep {
  if (c.status === 'closed') return 'closed';
  if (c.resolvedAt && !c.surveySentAt) return 'send_result';
  if (c.resolvedAt && c.surveySentAt && !c.survey) return 'await_survey';
  if (c.status === 'awaiting_customer' && c.infoRequest && !c.infoRequest.answeredAt) return 'await_customer';
  if (!c.ownerId) return 'await_owner';
  if (!c.firstContactAt) return 'await_contact';
  if (c.deadlines.solution && (!c.solution || c.solution.approval === 'rejected')) return 'await_solution';
  if (c.solution?.approval === 'pending') return 'await_approval';
  return 'await_resolution';
}

/** Steps during which the customer must hear from us at least every `progressEvery`. */
const PROGRESS_STEPS: ReadonlySet<WorkflowStep> = new Set([
  'await_owner',
  'await_contact',
  'await_solution',
  'await_approval',
  'await_resolution',
]);

/** The step's own deadline from the policy table (before any escalation). */
export function stepDeadline(c: Complaint, step: WorkflowStep): string | undefined {
  switch (step) {
    case 'await_owner':
      return c.deadlines.acknowledge;
    case 'await_contact':
      return c.deadlines.firstContact;
    case 'await_solution':
    case 'await_approval':
      return c.deadlines.solution ?? c.deadlines.resolve;
    case 'await_resolution':
      return c.deadlines.resolve;
    default:
      return undefined;
  }
}

/** The deadline being waited for now: the escalated one once a step has been escalated. */
export function effectiveDeadline(c: Complaint, step: WorkflowStep): string | undefined {
  if (c.escalation && c.escalation.step === step) return c.escalation.deadline;
  return stepDeadline(c, step);
}

export function progressDue(c: Complaint, policy: Policy, calendar: WorkingCalendar): Date {
  const last = c.lastCustomerUpdateAt ?? c.acknowledgedAt ?? c.receivedAt;
  return addDuration(new Date(last), policy.workflow.progressEvery, calendar);
}

export interface Timer {
  at: Date;
  reason: WakeReason;
}

/** Every timer the step has, earliest first. A waiting step must always have at least one. */
export function timers(c: Complaint, step: WorkflowStep, policy: Policy, calendar: WorkingCalendar): Timer[] {
  const list: Timer[] = [];
  const deadline = effectiveDeadline(c, step);
  if (deadline) list.push({ at: new Date(deadline), reason: 'deadline' });
  if (PROGRESS_STEPS.has(step)) list.push({ at: progressDue(c, policy, calendar), reason: 'progress_due' });
  if (step === 'await_customer' && c.infoRequest)
    list.push({ at: new Date(c.infoRequest.limitAt), reason: 'info_limit' });
  if (step === 'await_survey' && c.surveySentAt) {
    const sent = new Date(c.surveySentAt);
    if (!c.surveyReminderSentAt) {
      list.push({ at: addDuration(sent, policy.workflow.surveyReminderAfter, calendar), reason: 'survey_reminder' });
    }
    list.push({ at: addDuration(sent, policy.workflow.surveyCloseAfter, calendar), reason: 'survey_close' });
  }
  return list.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * The next plan for the machine: which step, and how long to wait before the earliest timer.
 * Pure: the table's complaint and the time are all it looks at.
 */
export function planNext(c: Complaint, now: Date, policy: Policy, calendar: WorkingCalendar): Plan {
  const step = currentStep(c);
  const base = { complaintId: c.id, step, version: c.version };
  if (step === 'closed' || step === 'send_result') {
    return { ...base, waitSeconds: 1, wakeAt: now.toISOString(), reason: 'now' };
  }
  const next = timers(c, step as WaitStep, policy, calendar)[0];
  if (!next) throw new Error(`step ${step} of complaint ${c.id} has no timer`);
  // At least one second: a timer already due fires at once, and the timed-out step re-reads the table.
  const waitSeconds = Math.max(1, secondsUntil(next.at, now));
  return { ...base, waitSeconds, wakeAt: next.at.toISOString(), reason: next.reason };
}
