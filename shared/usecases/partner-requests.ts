import * as z from 'zod/mini';
import { can } from '../auth/staff.js';
import { ForbiddenError } from '../errors/index.js';
import { type Complaint, Department, multiLine, type PartnerRequest } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import type { StaffMember } from '../policy/types.js';
import {
  type PartnerMailContext,
  partnerAnsweredMail,
  partnerDisputeMail,
  partnerEscalationMail,
  partnerRequestMail,
} from '../templates/partner-mails.js';
import {
  answeredRequest,
  commonSuperiors,
  escalatedRequest,
  findPartnerRequest,
  mayAnswer,
  mayDispute,
  newPartnerRequest,
  type PartnerEscalation,
  partnerAudience,
  replaceRequest,
} from '../workflow/partners.js';
import type { ChangeSpec, Decision, Notice } from './change-complaint.js';
import { type LinkDeps, staffUrl } from './mail-links.js';
import type { StaffActionDeps } from './staff-actions.js';

/**
 * The staff actions of departments working together: the lead asks a partner department
 * (`request-partner`), the partner answers (`answer-partner`), either side takes a disagreement to
 * the manager (`dispute-partner`). Each is a change through the one change path; the workflow's
 * timer escalates an unanswered request (partnerTimerChange below).
 */

const REQUEST_ID = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

export const PARTNER_ACTION_INPUTS = {
  'request-partner': z.object({
    department: Department,
    question: multiLine(2000),
    reason: z.optional(multiLine(500)),
  }),
  'answer-partner': z.object({ requestId: REQUEST_ID, answer: multiLine(5000) }),
  'dispute-partner': z.object({ requestId: REQUEST_ID, reason: multiLine(500).check(z.minLength(3)) }),
};

type Input<A extends keyof typeof PARTNER_ACTION_INPUTS> = z.infer<(typeof PARTNER_ACTION_INPUTS)[A]>;

interface Ctx {
  deps: StaffActionDeps;
  actor: StaffMember;
}

function mailTo(
  deps: LinkDeps & Pick<StaffActionDeps, 'policy'>,
  kind: string,
  staff: StaffMember,
  complaint: Complaint,
  mail: (base: PartnerMailContext) => Notice['mail'],
  request: PartnerRequest,
): Notice {
  return {
    kind: `${kind}:${staff.id}`,
    mail: mail({
      complaint,
      staff,
      request,
      timezone: deps.policy.calendar.timezone,
      staffUrl: staffUrl(deps, complaint),
    }),
  };
}

export function requestPartnerSpec(input: Input<'request-partner'>, { deps, actor }: Ctx): ChangeSpec {
  let asked: PartnerRequest | undefined;
  return {
    decide: (c, now): Decision => {
      if (!can(actor, 'request-partner', c)) throw new ForbiddenError();
      asked = newPartnerRequest(c, input, actor, now, deps.policy, deps.calendar);
      const { id: requestId, department, question, reason, dueAt } = asked;
      return {
        changes: { partnerRequests: [...(c.partnerRequests ?? []), asked] },
        events: [
          timelineEvent(c.id, 'partner_requested', now, actor.id, {
            requestId,
            department,
            question,
            ...(reason ? { reason } : {}),
            dueAt,
          }),
        ],
      };
    },
    notices: async (written) =>
      partnerAudience(asked!, written, deps.policy).map((staff) =>
        mailTo(
          deps,
          'partner_request',
          staff,
          written,
          (base) => partnerRequestMail({ ...base, askedByName: actor.name }),
          asked!,
        ),
      ),
  };
}

export function answerPartnerSpec(input: Input<'answer-partner'>, { deps, actor }: Ctx): ChangeSpec {
  let answered: PartnerRequest | undefined;
  return {
    decide: (c, now) => {
      const request = findPartnerRequest(c, input.requestId);
      if (!can(actor, 'answer-partner', c) || !mayAnswer(actor, request)) throw new ForbiddenError();
      answered = answeredRequest(request, input.answer, actor, now);
      return {
        changes: { partnerRequests: replaceRequest(c, answered) },
        events: [
          timelineEvent(c.id, 'partner_answered', now, actor.id, {
            requestId: request.id,
            department: request.department,
            answer: input.answer,
          }),
        ],
      };
    },
    // The one who asked hears the answer, and the owner, who carries the complaint, too.
    notices: async (written) => {
      const ids = new Set([answered!.askedBy, ...(written.ownerId ? [written.ownerId] : [])]);
      return deps.policy.staff
        .filter((s) => ids.has(s.id) && s.id !== actor.id)
        .map((staff) =>
          mailTo(
            deps,
            'partner_answered',
            staff,
            written,
            (base) => partnerAnsweredMail({ ...base, answeredByName: actor.name }),
            answered!,
          ),
        );
    },
  };
}

export function disputePartnerSpec(input: Input<'dispute-partner'>, { deps, actor }: Ctx): ChangeSpec {
  let disputed: PartnerRequest | undefined;
  const superiors = commonSuperiors(deps.policy);
  return {
    decide: (c, now) => {
      const request = findPartnerRequest(c, input.requestId);
      if (!can(actor, 'dispute-partner', c) || !mayDispute(actor, c, request)) throw new ForbiddenError();
      disputed = { ...request, disputedAt: now.toISOString() };
      return {
        changes: { partnerRequests: replaceRequest(c, disputed) },
        events: [
          timelineEvent(c.id, 'partner_disputed', now, actor.id, {
            requestId: request.id,
            department: request.department,
            reason: input.reason,
            notified: superiors.map((s) => s.id),
          }),
        ],
      };
    },
    notices: async (written) =>
      superiors.map((staff) =>
        mailTo(
          deps,
          'partner_dispute',
          staff,
          written,
          (base) => partnerDisputeMail({ ...base, byName: actor.name, reason: input.reason }),
          disputed!,
        ),
      ),
  };
}

/** What the workflow's timer writes for partner requests gone unanswered (shared/usecases/workflow-steps.ts). */
export function partnerTimerChange(
  c: Complaint,
  now: Date,
  escalations: PartnerEscalation[],
): Pick<Decision, 'changes' | 'events'> | undefined {
  if (escalations.length === 0) return undefined;
  let requests = c.partnerRequests ?? [];
  const events = escalations.map((e) => {
    const next = escalatedRequest(e);
    requests = requests.map((r) => (r.id === next.id ? next : r));
    return timelineEvent(c.id, 'partner_escalated', now, 'workflow', {
      requestId: e.request.id,
      department: e.request.department,
      missedDeadline: e.missedDeadline,
      level: e.level,
      role: e.role,
      notified: e.notify.map((s) => s.id),
      newDeadline: e.newDeadline ?? null,
    });
  });
  return { changes: { partnerRequests: requests }, events };
}

/** The mails of those escalations: each rung told once. */
export function partnerTimerNotices(
  deps: LinkDeps & Pick<StaffActionDeps, 'policy'>,
  c: Complaint,
  escalations: PartnerEscalation[],
): Notice[] {
  return escalations.flatMap((e) =>
    e.notify.map((staff) =>
      mailTo(
        deps,
        'partner_escalation',
        staff,
        c,
        (base) =>
          partnerEscalationMail({
            ...base,
            role: e.role,
            missedDeadline: e.missedDeadline,
            ...(e.newDeadline ? { newDeadline: e.newDeadline } : {}),
          }),
        e.request,
      ),
    ),
  );
}
