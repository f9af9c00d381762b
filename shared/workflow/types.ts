/**
 * The contract between the state machine (infra/workflow), its task functions (functions/wf-*)
 * and the staff API. The table is the truth; the workflow is the clock: every plan is computed
 * from the stored complaint, and carries the version it was computed from so that a step that
 * parks on a stale plan notices and re-plans.
 */

/** Where a complaint's workflow waits. Each `await_*` is a named waiting state in the machine. */
export const WAIT_STEPS = [
  'await_owner',
  'await_contact',
  'await_solution',
  'await_approval',
  /** The customer is told the solution and accepts it (shared/workflow/acceptance.ts). */
  'await_acceptance',
  'await_resolution',
  'await_customer',
  'await_survey',
  /** A legal reviewer approves or returns the plan (shared/workflow/legal-review.ts). */
  'await_legal',
] as const;
export type WaitStep = (typeof WAIT_STEPS)[number];

/** Steps the machine runs without waiting. */
export const ACTION_STEPS = ['send_result', 'closed'] as const;
export type ActionStep = (typeof ACTION_STEPS)[number];

export type WorkflowStep = WaitStep | ActionStep;

/** Why the machine will wake if nobody signals it first. */
export const WAIT_REASONS = [
  'deadline',
  'progress_due',
  'survey_reminder',
  'survey_close',
  'info_limit',
  /** A partner department's answer is due (shared/workflow/partners.ts). */
  'partner_due',
  /** Management must have been told of a P1 by now (shared/workflow/legal-review.ts). */
  'management_due',
  /** A P1's compensation plan is due (004: 48 h after receipt). */
  'compensation_due',
  /** A work order's step or milestone is due (shared/workflow/work-orders.ts). */
  'work_order_due',
  /** A silent customer's acceptance, or the owner's reminder to ask for it (shared/workflow/acceptance.ts). */
  'acceptance_silence',
  'acceptance_reminder',
  'now',
] as const;
export type WakeReason = (typeof WAIT_REASONS)[number];

/** The output of every planning task and of every wake signal; the machine routes on `step`. */
export interface Plan {
  complaintId: string;
  step: WorkflowStep;
  /** Seconds (of workflow time) until the timer fires; the waiting task's TimeoutSecondsPath. At least 1. */
  waitSeconds: number;
  wakeAt: string;
  reason: WakeReason;
  /** The complaint version this plan was computed from. */
  version: number;
}

/** The execution's input; the execution is named by complaintId. */
export interface WorkflowExecutionInput {
  complaintId: string;
  ticketNumber: string;
  grade: string;
  locale: string;
}
