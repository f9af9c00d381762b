import { addDuration, secondsUntil } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Complaint } from '../model/complaint.js';
import type { ClosingRule, Policy, WorkflowPolicy } from '../policy/types.js';
import { acceptanceTimer } from './acceptance.js';
import { progressHeldUntil } from './delay.js';
import { compensationPlanDue, managementNoticeDue } from './legal-review.js';
import { STEPS, stepRow } from './lifecycle.js';
import { nextPartnerDeadline } from './partners.js';
import type { Plan, WaitStep, WakeReason, WorkflowStep } from './types.js';
import { nextWorkOrderDeadline } from './work-orders.js';

/** Where the complaint stands: the first row of the lifecycle's step table that holds. */
export function currentStep(c: Complaint): WorkflowStep {
  return STEPS.find((row) => row.when(c))!.step;
}

/** The step's own deadline, named by the lifecycle's step table (before any escalation). */
export function stepDeadline(c: Complaint, step: WorkflowStep): string | undefined {
  const row = stepRow(step);
  const own = row.due?.(c);
  if (own !== undefined) return own;
  for (const name of row.deadline) {
    const at = c.deadlines[name];
    if (at !== undefined) return at;
  }
  return undefined;
}

/** The deadline being waited for now: the escalated one once a step has been escalated. */
export function effectiveDeadline(c: Complaint, step: WorkflowStep): string | undefined {
  if (c.escalation && c.escalation.step === step) return c.escalation.deadline;
  return stepDeadline(c, step);
}

export function progressDue(c: Complaint, policy: Policy, calendar: WorkingCalendar): Date {
  const last = c.lastCustomerUpdateAt ?? c.acknowledgedAt ?? c.receivedAt;
  return progressHeldUntil(c, addDuration(new Date(last), policy.workflow.progressEvery, calendar));
}

/** The closing rule in force: a policy written before `closing` existed closes after `surveyCloseAfter`. */
export function closingRule(workflow: WorkflowPolicy): ClosingRule {
  return workflow.closing ?? { afterSilence: workflow.surveyCloseAfter };
}

/** When a silent customer's complaint closes by itself, or undefined when only the customer's answer closes it. */
export function closesAt(c: Complaint, policy: Policy, calendar: WorkingCalendar): Date | undefined {
  const rule = closingRule(policy.workflow);
  if (!c.surveySentAt || !('afterSilence' in rule)) return undefined;
  return addDuration(new Date(c.surveySentAt), rule.afterSilence, calendar);
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
  if (stepRow(step).progress) list.push({ at: progressDue(c, policy, calendar), reason: 'progress_due' });
  if (step === 'await_customer' && c.infoRequest)
    list.push({ at: new Date(c.infoRequest.limitAt), reason: 'info_limit' });
  // A partner's answer has its own clock beside the step's: waiting on it pauses nothing.
  const partnerDue = nextPartnerDeadline(c);
  if (partnerDue) list.push({ at: partnerDue, reason: 'partner_due' });
  // The major-incident timetable's side clocks (004): management's notice and the compensation plan.
  const noticeDue = managementNoticeDue(c, policy);
  if (noticeDue) list.push({ at: noticeDue, reason: 'management_due' });
  const planDue = compensationPlanDue(c);
  if (planDue) list.push({ at: planDue, reason: 'compensation_due' });
  // A work order's steps and milestones: another side clock, on the same working calendar.
  const workOrderDue = nextWorkOrderDeadline(c);
  if (workOrderDue) list.push({ at: workOrderDue, reason: 'work_order_due' });
  const acceptance = acceptanceTimer(c, step, policy, calendar);
  if (acceptance) list.push(acceptance);
  if (step === 'await_survey' && c.surveySentAt) {
    const sent = new Date(c.surveySentAt);
    const rule = closingRule(policy.workflow);
    if ('customerConfirms' in rule) {
      // Silence never closes it: the next reminder (the customer's, then the owner's) counts from the last one.
      const last = c.surveyReminderSentAt ? new Date(c.surveyReminderSentAt) : sent;
      list.push({ at: addDuration(last, policy.workflow.surveyReminderAfter, calendar), reason: 'survey_reminder' });
    } else {
      if (!c.surveyReminderSentAt) {
        list.push({ at: addDuration(sent, policy.workflow.surveyReminderAfter, calendar), reason: 'survey_reminder' });
      }
      list.push({ at: addDuration(sent, rule.afterSilence, calendar), reason: 'survey_close' });
    }
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
