import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { type Complaint, ESCALATION_LADDER, type EscalationRole } from '../model/complaint.js';
import type { Duration, Policy, StaffMember } from '../policy/types.js';
import { type AcceptanceDue, dueAcceptance } from './acceptance.js';
import { type LegalTimerDue, lateReviewAudience, legalTimerDue } from './legal-review.js';
import { duePartnerEscalations, type PartnerEscalation } from './partners.js';
import { closingRule, currentStep, effectiveDeadline, progressDue, stepDeadline, timers } from './plan.js';
import type { WorkflowStep } from './types.js';
import { dueWorkOrderEscalations, type WorkOrderEscalation } from './work-orders.js';

export interface EscalationDecision {
  step: WorkflowStep;
  missedDeadline: string;
  /** Index into ESCALATION_LADDER; never above the manager. */
  level: number;
  role: EscalationRole;
  newDeadline: string;
  notify: StaffMember[];
  /** The top rung was already told: this is its daily reminder, not a new escalation. */
  digest?: boolean;
  /** The step's own deadline, missed first. */
  firstMissedDeadline: string;
}

/**
 * How often the top of the ladder hears again about a step that stays breached after it was told.
 * Below the top each rung has the grade's grace; at the top there is nobody left to escalate to.
 */
export const TOP_RUNG_REMINDER_EVERY: Duration = { days: 1 };

/** What a fired timer means for the complaint as the table has it now (several things can be due at once). */
export interface TimerDecision {
  step: WorkflowStep;
  escalation?: EscalationDecision;
  autoProgress: boolean;
  /** The customer is reminded of the survey (once). */
  surveyReminder: boolean;
  /**
   * Closing rule `customerConfirms`: the customer was reminded and is still silent, so the owner is
   * reminded to ask them (by phone, 002 step 6), again every `surveyReminderAfter` until they answer.
   */
  confirmationReminder: boolean;
  surveyClose: boolean;
  infoExpired: boolean;
  /** Partner requests unanswered past their deadline, each told to the partner's next rung. */
  partners: PartnerEscalation[];
  /** The major-incident timetable (shared/usecases/legal-review.ts): management's notice, the compensation plan. */
  legal: LegalTimerDue;
  /** Work-order steps and milestones past their deadline, each told to the next rung. */
  workOrders: WorkOrderEscalation[];
  /** The customer's answer to the solution is outstanding: their silence accepts, or the owner is reminded. */
  acceptance?: AcceptanceDue;
}

/** The people on a rung of the ladder for this complaint: its owner, or the role's members for its department. */
export function staffOnRung(c: Complaint, role: EscalationRole, policy: Policy): StaffMember[] {
  if (role === 'owner') return policy.staff.filter((s) => s.id === c.ownerId);
  const ofRole = policy.staff.filter((s) => s.role === role);
  const sameDepartment = ofRole.filter((s) => s.department === c.department);
  const wholeCompany = ofRole.filter((s) => s.department === undefined);
  return sameDepartment.length > 0 ? sameDepartment : wholeCompany;
}

/**
 * Pure: decides what is due. A timer that fires for a step whose action has already been
 * written (a late or racing signal) finds nothing due and changes nothing.
 */
export function decideOnTimer(c: Complaint, now: Date, policy: Policy, calendar: WorkingCalendar): TimerDecision {
  const step = currentStep(c);
  const decision: TimerDecision = {
    step,
    autoProgress: false,
    surveyReminder: false,
    confirmationReminder: false,
    surveyClose: false,
    infoExpired: false,
    partners: [],
    legal: {},
    workOrders: [],
  };
  const due = new Set(
    timers(c, step, policy, calendar)
      .filter((t) => t.at.getTime() <= now.getTime())
      .map((t) => t.reason),
  );
  if (due.has('deadline')) {
    const missed = effectiveDeadline(c, step)!;
    const previous = c.escalation?.step === step ? c.escalation.level : 0;
    const top = ESCALATION_LADDER.length - 1;
    // A late legal review goes to management at once (shared/workflow/legal-review.ts lateReviewAudience).
    const legal = step === 'await_legal';
    const digest = previous >= top;
    const level = legal ? top : Math.min(previous + 1, top);
    const role = ESCALATION_LADDER[level]!;
    // Nobody is above the top rung: once it is told, the next look is a day later, not after the grade's grace.
    const wait = level === top ? TOP_RUNG_REMINDER_EVERY : policy.workflow.escalationGrace[c.grade];
    decision.escalation = {
      step,
      missedDeadline: missed,
      firstMissedDeadline: stepDeadline(c, step) ?? missed,
      level,
      role,
      newDeadline: addDuration(now, wait, calendar).toISOString(),
      notify: legal ? lateReviewAudience(c, policy) : staffOnRung(c, role, policy),
      ...(digest ? { digest } : {}),
    };
  }
  decision.autoProgress = due.has('progress_due') && progressDue(c, policy, calendar).getTime() <= now.getTime();
  decision.surveyClose = due.has('survey_close');
  const reminderDue = due.has('survey_reminder') && !decision.surveyClose;
  const remindOwner = 'customerConfirms' in closingRule(policy.workflow) && c.surveyReminderSentAt !== undefined;
  decision.surveyReminder = reminderDue && !remindOwner;
  decision.confirmationReminder = reminderDue && remindOwner;
  decision.infoExpired = due.has('info_limit');
  if (due.has('partner_due')) decision.partners = duePartnerEscalations(c, now, policy, calendar);
  if (due.has('management_due') || due.has('compensation_due'))
    decision.legal = legalTimerDue(c, now, policy, calendar);
  if (due.has('work_order_due')) decision.workOrders = dueWorkOrderEscalations(c, now, policy, calendar);
  const acceptance = dueAcceptance(due);
  if (acceptance) decision.acceptance = acceptance;
  return decision;
}
