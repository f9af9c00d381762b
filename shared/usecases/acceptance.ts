import type * as z from 'zod/mini';
import { can } from '../auth/staff.js';
import { addDuration } from '../calendar/deadlines.js';
import { ForbiddenError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { verifyCustomerLink } from '../links/status-link.js';
import type { ReadAnswer } from '../mail/acceptance-words.js';
import type { AcceptanceChannel, Complaint, EventData, Remedy, Solution, TimelineEvent } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { MetricUnit, metrics } from '../observability.js';
import type { StaffMember } from '../policy/types.js';
import { offerMail } from '../templates/offer-mail.js';
import type { OwnerReminderReason } from '../templates/staff-mails.js';
import {
  type Answer,
  acceptanceDeadline,
  answered,
  answerPending,
  offered,
  withOfferDue,
} from '../workflow/acceptance.js';
import { withChanges } from '../workflow/step-times.js';
import { ACCEPTANCE_ACTION_INPUTS, OfferAnswerInput } from './acceptance-inputs.js';
import type { ChangeResult, ChangeSpec, Decision } from './change-complaint.js';
import { changeComplaint } from './change-complaint.js';

export { ACCEPTANCE_ACTION_INPUTS, OfferAnswerInput };

import { customerReplyChange } from './customer-responses.js';
import { statusUrl } from './mail-links.js';
import { ownerReminder, type StaffActionDeps } from './staff-actions.js';

/**
 * The customer accepts the solution before it is carried out (ACC, issue 10; the rules are
 * shared/workflow/acceptance.ts). The offer goes out by mail when a solution becomes final
 * (`withOffer`, around propose and approve) or is logged from a call (`offer-by-call`); the customer
 * answers from the status page (`answerOfferFromLink`), by replying to the mail (`mailAnswerSpec`),
 * or on a call the owner logs (`record-acceptance`); silence accepts or reminds the owner
 * (`acceptanceTimerChange`). Every one is a change through the one change path.
 */

type Input<A extends keyof typeof ACCEPTANCE_ACTION_INPUTS> = z.infer<(typeof ACCEPTANCE_ACTION_INPUTS)[A]>;

interface Ctx {
  deps: StaffActionDeps;
  actor: StaffMember;
}

function authorize(actor: StaffMember, action: 'offer-by-call' | 'record-acceptance', c: Complaint): void {
  if (!can(actor, action, c)) throw new ForbiddenError();
}

/** The step goes on with a new deadline: an escalation of the old one is history, and the index follows. */
function sameStep(c: Complaint, solution: Solution): Decision['changes'] {
  const after = withChanges(c, { solution });
  return {
    solution,
    ...(c.escalation?.step === 'await_acceptance' ? { escalation: undefined } : {}),
    nextDeadlineAt: acceptanceDeadline(after) ?? after.deadlines.resolve,
  };
}

function offerEvent(c: Complaint, now: Date, actor: string, s: Solution): TimelineEvent {
  const offer = s.offer!;
  const what: { summary: string; remedy?: Remedy; amount?: number; remedyBy?: string } = {
    summary: s.summary,
    ...(s.remedy ? { remedy: s.remedy } : {}),
    ...(s.amount !== undefined ? { amount: s.amount } : {}),
    ...(s.remedyBy ? { remedyBy: s.remedyBy } : {}),
  };
  return timelineEvent(c.id, 'solution_offered', now, actor, {
    via: offer.via,
    ...(offer.via === 'email' ? { messageId: offer.messageId ?? null } : {}),
    ...(offer.note ? { note: offer.note } : {}),
    ...what,
  });
}

/**
 * Around `propose` and `approve`: a solution that becomes final under a policy that asks the
 * customer gets its offer deadline, and the offer mail goes out as the action's own mail (sent
 * first, so a failure records nothing and the action may be retried). A customer without an
 * email address, or one whose address bounced, is told by a call the owner logs. The wrapped
 * actions have no mail of their own.
 */
export function withOffer({ deps, actor }: Ctx, spec: ChangeSpec): ChangeSpec {
  const finalSolution = (c: Complaint, now: Date, messageId?: string) => {
    const decision = spec.decide(c, now, messageId);
    const proposed = decision?.changes.solution;
    if (!decision || !proposed) return undefined;
    const solution = withOfferDue(proposed, c, now, deps.policy, deps.calendar);
    return solution === proposed ? undefined : { decision, solution };
  };
  return {
    ...spec,
    message: async (c, now) => {
      const found = finalSolution(c, now);
      if (!found || !c.customer.email) return undefined;
      return offerMail({
        complaint: c,
        solution: found.solution,
        answerUrl: await statusUrl(deps, c.id, now),
        timezone: deps.policy.calendar.timezone,
        ...silence(deps, now),
      });
    },
    decide: (c, now, messageId) => {
      const found = finalSolution(c, now, messageId);
      if (!found) return spec.decide(c, now, messageId);
      const { decision } = found;
      if (!messageId) return { ...decision, changes: { ...decision.changes, solution: found.solution } };
      const at = now.toISOString();
      const solution: Solution = { ...found.solution, offer: { via: 'email', at, by: actor.id, messageId } };
      return {
        ...decision,
        changes: { ...decision.changes, solution, lastCustomerUpdateAt: at },
        events: [...decision.events, offerEvent(c, now, actor.id, solution)],
      };
    },
  };
}

function silence(deps: StaffActionDeps, from: Date): { silenceAcceptsAt?: string } {
  const after = deps.policy.workflow.acceptance?.silenceAcceptsAfter;
  return after ? { silenceAcceptsAt: addDuration(from, after, deps.calendar).toISOString() } : {};
}

/** `offer-by-call`: the owner told the customer the solution on the phone (no email, or a bounced one). */
export function offerByCallSpec(input: Input<'offer-by-call'>, { actor }: Ctx): ChangeSpec {
  return {
    decide: (c, now) => {
      authorize(actor, 'offer-by-call', c);
      const at = now.toISOString();
      const solution = offered(c, { via: 'call', at, by: actor.id, note: input.note });
      return {
        changes: { ...sameStep(c, solution), lastContactAt: at, lastCustomerUpdateAt: at },
        events: [offerEvent(c, now, actor.id, solution)],
      };
    },
  };
}

/** `record-acceptance`: the customer answered on a call. The same answer logged twice changes nothing. */
export function recordAcceptanceSpec(input: Input<'record-acceptance'>, { deps, actor }: Ctx): ChangeSpec {
  const answer = { accepted: input.accepted, ...(input.reason ? { reason: input.reason } : {}) };
  const spec = answerSpec(deps, answer, 'call', actor.id);
  return {
    ...spec,
    decide: (c, now) => {
      authorize(actor, 'record-acceptance', c);
      return spec.decide(c, now);
    },
    // The owner took the call: nobody needs telling.
    notices: undefined,
  };
}

/** The customer's answer, however it came: written on the solution and the timeline; the owner is told. */
function answerSpec(deps: StaffActionDeps, answer: Answer, via: AcceptanceChannel, by: string): ChangeSpec {
  return {
    decide: (c, now) => answerDecision(deps, c, now, answer, via, by),
    notices: async (written) => ownerReminder(deps, written, reminderFor(answer)),
  };
}

const reminderFor = (answer: Answer): Extract<OwnerReminderReason, 'offer_accepted' | 'change_requested'> =>
  answer.accepted ? 'offer_accepted' : 'change_requested';

function answerDecision(
  deps: StaffActionDeps,
  c: Complaint,
  now: Date,
  answer: Answer,
  via: AcceptanceChannel,
  by: string,
  before: TimelineEvent[] = [],
): Decision | undefined {
  const solution = answered(c, answer, via, by, now, deps.policy, deps.calendar);
  if (!solution) return undefined;
  const acceptance = solution.acceptance!;
  const event =
    acceptance.answer === 'accepted'
      ? timelineEvent(c.id, 'solution_accepted', now, by === 'customer' ? 'customer' : by, {
          via,
          ...(acceptance.reason ? { reason: acceptance.reason } : {}),
        })
      : timelineEvent(c.id, 'solution_change_requested', now, by, {
          via: via as Exclude<AcceptanceChannel, 'silence'>,
          reason: acceptance.reason ?? '',
          changeDueAt: acceptance.changeDueAt!,
        });
  metrics.addMetric(
    acceptance.answer === 'accepted' ? 'SolutionAccepted' : 'SolutionChangeRequested',
    MetricUnit.Count,
    1,
  );
  return {
    command: acceptance.answer === 'accepted' ? 'customer_accepted' : 'customer_asked_change',
    changes: sameStep(c, solution),
    events: [...before, event],
  };
}

/**
 * POST /status/{token}/acceptance: the customer accepts the offer, or asks for a change with a
 * reason, from their own status link (which names one complaint: a customer reaches only theirs).
 * Posting the same answer again changes nothing; a different answer once one is given is a 409.
 */
export async function answerOfferFromLink(
  deps: StaffActionDeps,
  token: string,
  body: unknown,
): Promise<ChangeResult & { answer: 'accepted' | 'change_requested' }> {
  const { complaintId } = await verifyCustomerLink(token, 'status', deps.links.key, deps.clock.now());
  const input = parseOrThrow(OfferAnswerInput, body);
  const answer: Answer = { accepted: input.answer === 'accept', ...(input.reason ? { reason: input.reason } : {}) };
  const result = await changeComplaint(deps, complaintId, answerSpec(deps, answer, 'link', 'customer'));
  return { ...result, answer: answer.accepted ? 'accepted' : 'change_requested' };
}

/**
 * A reply to the offer mail that clearly answers it (shared/mail/acceptance-words.ts): the reply
 * lands on the timeline as any reply does, followed by the answer. Should the offer no longer wait
 * for an answer when it is written, it is an ordinary reply.
 */
export function mailAnswerSpec(
  deps: StaffActionDeps,
  reply: EventData['customer_replied'],
  read: ReadAnswer,
): ChangeSpec {
  const plain = customerReplyChange(deps, reply).spec;
  const answer: Answer = read.accepted ? { accepted: true } : { accepted: false, reason: read.reason };
  let answeredNow = false;
  return {
    command: 'customer_reply',
    decide: (c, now) => {
      answeredNow = answerPending(c);
      if (!answeredNow) return plain.decide(c, now);
      const replied = timelineEvent(c.id, 'customer_replied', now, 'customer', reply);
      return answerDecision(deps, c, now, answer, 'email', 'customer', [replied]);
    },
    notices: async (written, now) =>
      answeredNow ? ownerReminder(deps, written, reminderFor(answer)) : (plain.notices?.(written, now) ?? []),
  };
}
