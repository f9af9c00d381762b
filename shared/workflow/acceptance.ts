import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidTransitionError } from '../errors/index.js';
import type {
  AcceptanceChannel,
  Complaint,
  Remedy,
  Solution,
  SolutionAcceptance,
  SolutionOffer,
} from '../model/complaint.js';
import type { Policy } from '../policy/types.js';
import type { WakeReason, WorkflowStep } from './types.js';

/**
 * The customer accepts the solution before it is carried out (003 步骤3: "客服团队将方案反馈客户,
 * 确认客户接受度,若客户对方案有异议,需协调责任部门调整方案,直至达成一致"; 004 3.2.3: "方案制定后1小时内
 * 联系客户…确认客户同意后执行"). Under a policy with `workflow.acceptance`, a solution that becomes
 * final (approved, or proposed without needing approval) gets `offerDueAt`; the complaint then waits
 * in `await_acceptance`: first for the offer (mail or logged call), then for the customer's answer.
 * A change request sends it back to the owner with its own deadline; an acceptance lets the work go on.
 * Pure functions: the use cases (shared/usecases/acceptance.ts) write what these decide.
 */

/** Whether the solution is final: nobody has to approve it any more. */
export const isFinal = (s: Solution | undefined): boolean =>
  s?.approval === 'not_required' || s?.approval === 'approved';

/** The solution as it becomes final: under a policy that asks the customer, their offer is due. */
export function withOfferDue(
  s: Solution,
  c: Complaint,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): Solution {
  const asked = policy.workflow.acceptance;
  if (!asked || !isFinal(s) || s.offerDueAt) return s;
  return { ...s, offerDueAt: addDuration(now, asked.offerWithin[c.grade], calendar).toISOString() };
}

/** The complaint waits on the offer or the customer's answer (the lifecycle's `await_acceptance` row). */
export function awaitingAcceptance(c: Complaint): boolean {
  const s = c.solution;
  return Boolean(s?.offerDueAt && isFinal(s) && s.acceptance?.answer !== 'accepted');
}

/** The offer is made; the customer has not answered it. */
export function answerPending(c: Complaint): boolean {
  return awaitingAcceptance(c) && Boolean(c.solution?.offer) && !c.solution?.acceptance;
}

export const changeRequested = (c: Complaint): boolean => c.solution?.acceptance?.answer === 'change_requested';

/** The deadline `await_acceptance` waits on: the offer's, then the new proposal's; none while the customer thinks. */
export function acceptanceDeadline(c: Complaint): string | undefined {
  const s = c.solution;
  if (!s || !awaitingAcceptance(c)) return undefined;
  if (s.acceptance?.answer === 'change_requested') return s.acceptance.changeDueAt;
  return s.offer ? undefined : s.offerDueAt;
}

/** Resolving (carrying the solution out) waits for the customer's acceptance when it was asked for. */
export function requireAcceptance(c: Complaint): void {
  if (awaitingAcceptance(c)) {
    throw new InvalidTransitionError(changeRequested(c) ? 'solution_change_requested' : 'solution_not_accepted');
  }
}

/** Proposing again is how the owner answers a change request, even to an approved solution. */
export const mayProposeAgain = (c: Complaint): boolean => changeRequested(c);

/** The offer as made now; refused when nothing waits for one or it was already made. */
export function offered(c: Complaint, offer: SolutionOffer): Solution {
  if (!awaitingAcceptance(c) || changeRequested(c)) throw new InvalidTransitionError('no_offer_due');
  if (c.solution!.offer) throw new InvalidTransitionError('offer_already_made');
  return { ...c.solution!, offer };
}

export interface Answer {
  accepted: boolean;
  reason?: string;
}

/**
 * The customer's answer as written, or undefined when the same answer is already recorded (a
 * replayed link post, a second call log): nothing changes. Refused when no offer waits for an
 * answer, or a different answer was already given.
 */
export function answered(
  c: Complaint,
  answer: Answer,
  via: AcceptanceChannel,
  by: string,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): Solution | undefined {
  const s = c.solution;
  const given = s?.acceptance;
  if (given) {
    if ((given.answer === 'accepted') === answer.accepted) return undefined;
    throw new InvalidTransitionError('offer_answered', { answer: given.answer });
  }
  if (!s || !answerPending(c)) throw new InvalidTransitionError('no_offer_pending');
  const at = now.toISOString();
  const acceptance: SolutionAcceptance = answer.accepted
    ? { answer: 'accepted', at, via, by, ...(answer.reason ? { reason: answer.reason } : {}) }
    : {
        answer: 'change_requested',
        at,
        via,
        by,
        ...(answer.reason ? { reason: answer.reason } : {}),
        changeDueAt: addDuration(now, policy.workflow.acceptance!.changeWithin[c.grade], calendar).toISOString(),
      };
  return { ...s, acceptance };
}

export interface AcceptanceTimer {
  at: Date;
  reason: Extract<WakeReason, 'acceptance_silence' | 'acceptance_reminder'>;
}

/**
 * While the customer thinks: silence accepts after `silenceAcceptsAfter`; without it silence never
 * accepts and the owner is reminded every `surveyReminderAfter` (as the `customerConfirms` closing
 * rule does), each reminder counted from the last.
 */
export function acceptanceTimer(
  c: Complaint,
  step: WorkflowStep,
  policy: Policy,
  calendar: WorkingCalendar,
): AcceptanceTimer | undefined {
  const asked = policy.workflow.acceptance;
  const offer = c.solution?.offer;
  if (step !== 'await_acceptance' || !offer || !answerPending(c)) return undefined;
  if (asked?.silenceAcceptsAfter) {
    return { at: addDuration(new Date(offer.at), asked.silenceAcceptsAfter, calendar), reason: 'acceptance_silence' };
  }
  const last = new Date(offer.remindedAt ?? offer.at);
  return { at: addDuration(last, policy.workflow.surveyReminderAfter, calendar), reason: 'acceptance_reminder' };
}

/** What a fired acceptance timer does: the silence accepts, or the owner is reminded. */
export type AcceptanceDue = 'silence' | 'remind';

export function dueAcceptance(due: ReadonlySet<WakeReason>): AcceptanceDue | undefined {
  if (due.has('acceptance_silence')) return 'silence';
  if (due.has('acceptance_reminder')) return 'remind';
  return undefined;
}

/** What the status page shows of the offer: customer-facing facts only, none of staff's notes. */
export interface OfferView {
  summary: string;
  remedy?: Remedy;
  amount?: number;
  remedyBy?: string;
  offeredAt: string;
  /** Whether the customer can still answer it here. */
  open: boolean;
  answer?: 'accepted' | 'change_requested';
  answeredAt?: string;
}

export function offerView(c: Complaint): OfferView | undefined {
  const s = c.solution;
  if (!s?.offer || !s.offerDueAt) return undefined;
  return {
    summary: s.summary,
    ...(s.remedy ? { remedy: s.remedy } : {}),
    ...(s.amount !== undefined ? { amount: s.amount } : {}),
    ...(s.remedyBy ? { remedyBy: s.remedyBy } : {}),
    offeredAt: s.offer.at,
    open: answerPending(c),
    ...(s.acceptance ? { answer: s.acceptance.answer, answeredAt: s.acceptance.at } : {}),
  };
}
