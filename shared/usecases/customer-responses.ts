import * as z from 'zod/mini';
import { InvalidTransitionError, NotFoundError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { type LinkPurpose, verifyCustomerLink } from '../links/status-link.js';
import {
  type Complaint,
  type EventData,
  type Locale,
  MAX_DESCRIPTION_LENGTH,
  multiLine,
  SURVEY_VERDICTS,
  type SurveyAnswer,
  type TimelineEvent,
} from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { MetricUnit, metrics } from '../observability.js';
import { closedMail } from '../templates/customer-mails.js';
import { resumeFromPause } from '../workflow/pause.js';
import { reopenComplaint } from '../workflow/reopen.js';
import { type ChangeResult, type ChangeSpec, changeComplaint, type Decision } from './change-complaint.js';
import { ownerReminder, reopenNotices, type StaffActionDeps } from './staff-actions.js';

/** Customers answer through signed links: the same writes, wakes and mails as staff actions. */
export type CustomerResponseDeps = StaffActionDeps;

export const SurveyInput = z
  .object({
    score: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
    verdict: z.optional(z.enum(SURVEY_VERDICTS)),
    reason: z.optional(multiLine(2000)),
    notFixed: z.optional(z.boolean()),
  })
  .check(
    // "Not fixed" on its own is an answer too: the clearest one there is.
    z.refine((s) => s.score !== undefined || s.verdict !== undefined || s.notFixed === true, {
      path: ['score'],
      error: 'survey_answer_required',
    }),
  );
export type SurveyInput = z.infer<typeof SurveyInput>;

export const CustomerReplyInput = z.object({ message: multiLine(MAX_DESCRIPTION_LENGTH) });

/** The reference's rule: 1-2 of 5, "dissatisfied", or "it is not fixed" reopens the complaint. */
export function isDissatisfied(answer: Pick<SurveyAnswer, 'score' | 'verdict' | 'notFixed'>): boolean {
  return (answer.score !== undefined && answer.score <= 2) || answer.verdict === 'dissatisfied' || !!answer.notFixed;
}

/**
 * The survey is open once the result has been sent: the survey mail follows it at once, and its link
 * is in the customer's hands before the step records it, so an answer in that moment is taken.
 */
export function surveyPending(c: Complaint): boolean {
  return Boolean(c.resolvedAt && (c.surveySentAt || c.resultSentAt)) && !c.survey && c.status !== 'closed';
}

export interface SurveyView {
  ticketNumber: string;
  locale: Locale;
  pending: boolean;
}

/**
 * The complaint a customer's link names, checked as the use cases check it: the functions read it
 * first to load that complaint's own policy version (a forged or expired link is refused the same way).
 */
export async function linkedComplaintId(
  deps: Pick<CustomerResponseDeps, 'links' | 'clock'>,
  token: string,
  purpose: LinkPurpose,
): Promise<string> {
  return (await verifyCustomerLink(token, purpose, deps.links.key, deps.clock.now())).complaintId;
}

/** GET /survey/{token}: what the survey page needs, and whether there is still a question to answer. */
export async function viewSurvey(deps: CustomerResponseDeps, token: string): Promise<SurveyView> {
  const { complaintId } = await verifyCustomerLink(token, 'survey', deps.links.key, deps.clock.now());
  const complaint = await deps.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  return {
    ticketNumber: complaint.ticketNumber,
    locale: complaint.customer.locale,
    pending: surveyPending(complaint),
  };
}

/**
 * POST /survey/{token}: the customer's verdict on the resolution, accepted once while a survey
 * is pending. A satisfied customer closes the complaint; a dissatisfied one reopens it one
 * grade higher under a supervisor (a manager from the second time), with the answer kept on the
 * timeline. The customer's answer is written before any mail goes out: a mail that fails is
 * recorded, and never costs them their answer.
 */
export async function answerSurvey(
  deps: CustomerResponseDeps,
  token: string,
  body: unknown,
): Promise<ChangeResult & { outcome: 'closed' | 'reopened' }> {
  const { complaintId } = await verifyCustomerLink(token, 'survey', deps.links.key, deps.clock.now());
  const input = parseOrThrow(SurveyInput, body);
  let answer: SurveyAnswer | undefined;
  const result = await changeComplaint(deps, complaintId, {
    decide: (c, now) => {
      if (!surveyPending(c)) throw new InvalidTransitionError('survey_not_pending');
      answer = {
        ...(input.score !== undefined ? { score: input.score } : {}),
        ...(input.verdict ? { verdict: input.verdict } : {}),
        ...(input.notFixed !== undefined ? { notFixed: input.notFixed } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        answeredAt: now.toISOString(),
      };
      const answered = timelineEvent(c.id, 'survey_answered', now, 'customer', { ...answer });
      if (isDissatisfied(answer)) return reopenAsDissatisfied(deps, c, now, answer, 'survey_dissatisfied', [answered]);
      return {
        command: 'survey_satisfied',
        changes: { survey: answer, closedAt: now.toISOString(), closeReason: 'survey_answered' },
        events: [answered, timelineEvent(c.id, 'closed', now, 'customer', { reason: 'survey_answered' })],
      };
    },
    notices: async (written, now) => {
      if (written.status !== 'closed') return reopenNotices(deps, written, now, answer);
      if (!written.customer.email) return [];
      const mail = closedMail({
        complaint: written,
        reason: 'survey_answered',
        timezone: deps.policy.calendar.timezone,
      });
      return [{ kind: 'closed', mail }];
    },
  });
  const outcome = result.complaint.status === 'closed' ? 'closed' : 'reopened';
  metrics.addMetric(outcome === 'closed' ? 'SurveySatisfied' : 'SurveyDissatisfied', MetricUnit.Count, 1);
  return { ...result, outcome };
}

/**
 * The customer is not satisfied (a survey answer, or a mail saying it is still not fixed): reopened
 * one grade higher under a supervisor, with what they said kept on the timeline before the reopen.
 */
export function reopenAsDissatisfied(
  deps: CustomerResponseDeps,
  c: Complaint,
  now: Date,
  answer: SurveyAnswer,
  reason: string,
  before: TimelineEvent[],
): Decision {
  const reopening = reopenComplaint(c, now, deps.policy, deps.calendar, 'customer', { reason, survey: answer });
  return { command: 'survey_dissatisfied', changes: reopening.changes, events: [...before, ...reopening.events] };
}

/**
 * The customer wrote back (status page or mail). It always reaches the timeline; if the complaint
 * was waiting on the customer, the wait ends: the clock resumes with every open deadline moved on
 * by the pause. The owner is told. `resumed()` says whether the written change ended a wait.
 */
export function customerReplyChange(
  deps: CustomerResponseDeps,
  reply: EventData['customer_replied'],
): { spec: ChangeSpec; resumed(): boolean } {
  let resumed = false;
  const spec: ChangeSpec = {
    command: 'customer_reply',
    decide: (c, now) => {
      const replied = timelineEvent(c.id, 'customer_replied', now, 'customer', reply);
      const waitedFor = c.status === 'awaiting_customer' && !c.infoRequest?.answeredAt ? c.infoRequest : undefined;
      resumed = waitedFor !== undefined;
      if (!waitedFor) return { changes: {}, events: [replied] };
      return {
        changes: {
          ...resumeFromPause(c, now, deps.policy, deps.calendar),
          infoRequest: { ...waitedFor, answeredAt: now.toISOString() },
        },
        events: [replied],
      };
    },
    notices: async (written) => ownerReminder(deps, written, resumed ? 'customer_replied' : 'customer_wrote'),
  };
  return { spec, resumed: () => resumed };
}

/** POST /status/{token}/reply: the customer writes back, usually with what the owner asked for. */
export async function replyAsCustomer(
  deps: CustomerResponseDeps,
  token: string,
  body: unknown,
): Promise<ChangeResult & { resumed: boolean }> {
  const { complaintId } = await verifyCustomerLink(token, 'status', deps.links.key, deps.clock.now());
  const input = parseOrThrow(CustomerReplyInput, body);
  const reply = customerReplyChange(deps, { message: input.message });
  const result = await changeComplaint(deps, complaintId, reply.spec);
  return { ...result, resumed: reply.resumed() };
}
