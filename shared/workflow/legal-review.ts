import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidTransitionError } from '../errors/index.js';
import type { Complaint, Grade, LegalReview } from '../model/complaint.js';
import type { Duration, Policy, StaffMember } from '../policy/types.js';
import { staffOnRung } from './timer-decisions.js';

/**
 * The major-incident timetable of 004 3.2.3 (Ⅲ级, our P1): the plan is "报备法务部审核" (a legal
 * reviewer approves it or returns it before anyone else decides on it or the customer hears of it),
 * "48小时内出具赔偿方案" (a compensation plan within 48 h of receipt), and the after-sales manager
 * leads the special team, so management hears at once (表3-1 "立即响应(15分钟内)").
 */

const DEFAULT_GRADES: readonly Grade[] = ['P1'];
const DEFAULT_REVIEW_WITHIN: Duration = { hours: 24 };
const DEFAULT_NOTICE_WITHIN: Duration = { minutes: 15 };

/** The grades whose solutions legal reviews, and whose arrival management is told of. */
export const legalReviewGrades = (policy: Pick<Policy, 'workflow'>): readonly Grade[] =>
  policy.workflow.legalReviewFor ?? DEFAULT_GRADES;

export const needsLegalReview = (grade: Grade, policy: Pick<Policy, 'workflow'>): boolean =>
  legalReviewGrades(policy).includes(grade);

/** A new review of a proposal of such a grade, due after the policy's legalReviewWithin. */
export function requestLegalReview(
  now: Date,
  policy: Pick<Policy, 'workflow'>,
  calendar: WorkingCalendar,
): LegalReview {
  const within = policy.workflow.legalReviewWithin ?? DEFAULT_REVIEW_WITHIN;
  return { state: 'pending', requestedAt: now.toISOString(), dueAt: addDuration(now, within, calendar).toISOString() };
}

/** The legal reviewers: the directory's members with the role `legal` (they serve every department). */
export const legalReviewers = (policy: Pick<Policy, 'staff'>): StaffMember[] =>
  policy.staff.filter((s) => s.role === 'legal');

/**
 * Who hears that a review is late: the managers, because 004 puts a Ⅲ级 plan under the special team
 * the after-sales manager leads, and the directory has no head of legal above the reviewers; the
 * reviewers are reminded with them. The owner's supervisor and head can do nothing about legal's desk.
 */
export function lateReviewAudience(c: Complaint, policy: Policy): StaffMember[] {
  const told = [...staffOnRung(c, 'manager', policy), ...legalReviewers(policy)];
  return [...new Map(told.map((s) => [s.id, s])).values()];
}

/** The review's decision: only a pending one can be decided. */
export function decidedReview(
  review: LegalReview | undefined,
  state: 'approved' | 'returned',
  actor: StaffMember,
  now: Date,
  note: string | undefined,
): LegalReview {
  if (review?.state !== 'pending') throw new InvalidTransitionError('no_pending_legal_review');
  return { ...review, state, reviewerId: actor.id, decidedAt: now.toISOString(), ...(note ? { note } : {}) };
}

/** `approve` (and `reject`) wait for legal: refused while the review is pending or the plan was returned. */
export function requireLegalCleared(c: Complaint): void {
  const state = c.solution?.legal?.state;
  if (state === 'pending') throw new InvalidTransitionError('legal_review_pending');
  if (state === 'returned') throw new InvalidTransitionError('legal_review_returned');
}

// ----- Management's notice (a side clock: it pauses nothing).

/**
 * By when management must have been told: managementNoticeWithin after receipt. A complaint regraded
 * to such a grade later counts from receipt too, like the grade's other deadlines: it is overdue at once.
 */
export function managementNoticeDeadline(c: Complaint, policy: Policy, calendar: WorkingCalendar): string {
  const within = policy.workflow.managementNoticeWithin ?? DEFAULT_NOTICE_WITHIN;
  return c.managementNotice?.dueAt ?? addDuration(new Date(c.receivedAt), within, calendar).toISOString();
}

/**
 * When the workflow must give management's notice: at once (from receipt), until it is given or
 * found impossible; never for other grades or once resolved.
 */
export function managementNoticeDue(c: Complaint, policy: Policy): Date | undefined {
  if (!needsLegalReview(c.grade, policy) || c.status === 'closed' || c.resolvedAt) return undefined;
  const notice = c.managementNotice;
  if (notice?.notifiedAt || notice?.missedAt) return undefined;
  return new Date(c.receivedAt);
}

// ----- The compensation plan (004: Ⅲ级 48 h after receipt).

/** Met once a solution with a remedy or an amount is approved (or needs no approval) and legal does not hold it. */
export function compensationPlanMet(c: Complaint): boolean {
  const s = c.solution;
  if (!s || (s.remedy === undefined && s.amount === undefined)) return false;
  if (s.legal && s.legal.state !== 'approved') return false;
  return s.approval === 'approved' || s.approval === 'not_required';
}

/** When the workflow must look at the compensation plan; undefined once met, missed, resolved, or without the deadline. */
export function compensationPlanDue(c: Complaint): Date | undefined {
  const deadline = c.deadlines.compensationPlan;
  if (!deadline || c.compensationPlanMissed || c.resolvedAt || c.status === 'closed') return undefined;
  return compensationPlanMet(c) ? undefined : new Date(deadline);
}

/** Who hears that the compensation plan is late: management, who lead a Ⅲ级 special team (004 3.2.3). */
export const compensationPlanAudience = (c: Complaint, policy: Policy): StaffMember[] =>
  staffOnRung(c, 'manager', policy);

/** How the legal review stands for the console: its state, and whether it is past due. */
export function legalReviewState(review: LegalReview, now: Date): LegalReview['state'] | 'overdue' {
  return review.state === 'pending' && new Date(review.dueAt).getTime() < now.getTime() ? 'overdue' : review.state;
}

/** What a fired timer found due on the major-incident timetable. */
export interface LegalTimerDue {
  /** Management is to be told now: who (none: the directory has no manager). */
  notice?: { dueAt: string; notify: StaffMember[]; missed: boolean };
  /** The compensation plan's deadline passed with no approved plan: who is told. */
  compensation?: { deadline: string; notify: StaffMember[] };
}

/**
 * Pure: management's notice and the compensation plan, as the table has them at `now`. Management
 * is told as soon as the workflow looks (its clock fires at once, on receipt or on a regrade to such
 * a grade). A directory with no manager to tell misses the notice: that is recorded, and the
 * department heads, the next rung down, are told instead.
 */
export function legalTimerDue(c: Complaint, now: Date, policy: Policy, calendar: WorkingCalendar): LegalTimerDue {
  const due: LegalTimerDue = {};
  const noticeAt = managementNoticeDue(c, policy);
  if (noticeAt && noticeAt.getTime() <= now.getTime()) {
    const dueAt = managementNoticeDeadline(c, policy, calendar);
    const managers = staffOnRung(c, 'manager', policy);
    const missed = managers.length === 0;
    due.notice = { dueAt, notify: missed ? staffOnRung(c, 'department_head', policy) : managers, missed };
  }
  const deadline = c.deadlines.compensationPlan;
  if (deadline && !c.compensationPlanMissed && !c.resolvedAt && new Date(deadline).getTime() <= now.getTime()) {
    if (!compensationPlanMet(c)) due.compensation = { deadline, notify: compensationPlanAudience(c, policy) };
  }
  return due;
}
