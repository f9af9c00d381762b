import * as z from 'zod/mini';
import { can } from '../auth/staff.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { ForbiddenError, ValidationError } from '../errors/index.js';
import { type Complaint, multiLine, type Remedy, type Solution, type TimelineEvent } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { checkAgainstStandards, remedyStandards } from '../policy/remedies.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { compensationPlanMissedMail, legalReturnedMail, legalReviewRequestMail } from '../templates/legal-mails.js';
import { approvalRequestMail, managementNoticeMail, type StaffMailBase } from '../templates/staff-mails.js';
import {
  decidedReview,
  type LegalTimerDue,
  legalReviewers,
  needsLegalReview,
  requestLegalReview,
} from '../workflow/legal-review.js';
import type { ChangeSpec, Decision, Notice } from './change-complaint.js';
import { type LinkDeps, staffUrl } from './mail-links.js';
import type { StaffActionDeps } from './staff-actions.js';

/** Who decides on a pending solution (staff-actions.ts `approversFor`), passed in so the workflow's bundles stay without the staff actions. */
type Approvers = (deps: StaffActionDeps, c: Complaint) => StaffMember[];

/**
 * Legal review and the major-incident timetable of 004 as staff actions and workflow changes: a
 * proposal of a grade with legal review waits for a legal reviewer (`legal-approve`, `legal-return`)
 * before approval; management is told of such a complaint by the workflow, on its own deadline; the
 * compensation plan has its deadline from receipt. The rules are in shared/workflow/legal-review.ts.
 */

export const LEGAL_ACTION_INPUTS = {
  'legal-approve': z.object({ note: z.optional(multiLine(2000)) }),
  'legal-return': z.object({ note: multiLine(2000) }),
};

/** `standard` on a proposal: the id of one of the grade's standard remedies (shared/policy/remedies.ts). */
export const STANDARD_ID = z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64)));

type Input<A extends keyof typeof LEGAL_ACTION_INPUTS> = z.infer<(typeof LEGAL_ACTION_INPUTS)[A]>;

interface Ctx {
  deps: StaffActionDeps;
  actor: StaffMember;
}

type MailDeps = LinkDeps & { policy: Policy };

function mailTo(
  deps: MailDeps,
  kind: string,
  staff: StaffMember,
  complaint: Complaint,
  mail: (base: StaffMailBase) => Notice['mail'],
): Notice {
  const base = { complaint, staff, timezone: deps.policy.calendar.timezone, staffUrl: staffUrl(deps, complaint) };
  return { kind: `${kind}:${staff.id}`, mail: mail(base) };
}

/** What a proposal gets from the grade's standards and from legal review, worked out before it is written. */
export interface ProposalTerms {
  remedy?: Remedy;
  amount?: number;
  /**
   * Why approval is needed, none when it is not: a grade whose plans legal reviews (the policy's
   * `legalReviewFor`: 004 has a Ⅲ级 plan reviewed and then decided by the special team), an amount
   * above the policy's threshold, a remedy above the grade's standard.
   */
  reasons: string[];
  fields: Pick<Solution, 'legal' | 'standard'>;
}

/** The proposal read against the grade's standard remedies, and the legal review it starts, if its grade has one. */
export function proposalTerms(
  c: Complaint,
  input: { standard?: string; remedy?: Remedy; amount?: number },
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): ProposalTerms {
  const checked = checkAgainstStandards(remedyStandards(policy, c.grade), input);
  if (checked.kind === 'unknown_standard') throw new ValidationError({ standard: { code: 'unknown_standard' } });
  const legal = needsLegalReview(c.grade, policy);
  const threshold = policy.workflow.approvalAmountThreshold;
  return {
    ...(checked.remedy ? { remedy: checked.remedy } : {}),
    ...(checked.amount !== undefined ? { amount: checked.amount } : {}),
    reasons: [
      ...(legal ? [c.grade] : []),
      ...(checked.amount !== undefined && checked.amount > threshold ? [`amount above ${threshold}`] : []),
      ...(checked.aboveStandard ? [checked.aboveStandard] : []),
    ],
    fields: {
      ...(checked.standard ? { standard: checked.standard.id } : {}),
      ...(legal ? { legal: requestLegalReview(now, policy, calendar) } : {}),
    },
  };
}

/** The event recording that the plan went to legal, when it did. */
export function legalRequestEvents(c: Complaint, solution: Solution, now: Date, actor: StaffMember, policy: Policy) {
  if (!solution.legal) return [];
  const reviewers = legalReviewers(policy).map((s) => s.id);
  return [timelineEvent(c.id, 'legal_review_requested', now, actor.id, { dueAt: solution.legal.dueAt, reviewers })];
}

/** Who is mailed about a new proposal: the legal reviewers when legal holds it, else the approvers. */
export function proposalNotices(deps: StaffActionDeps, written: Complaint, approversFor: Approvers): Notice[] {
  const solution = written.solution!;
  if (solution.legal?.state === 'pending') {
    return legalReviewers(deps.policy).map((staff) =>
      mailTo(deps, 'legal_review_request', staff, written, (base) =>
        legalReviewRequestMail({ ...base, solution, dueAt: solution.legal!.dueAt }),
      ),
    );
  }
  return approvalNotices(deps, written, approversFor);
}

function approvalNotices(deps: StaffActionDeps, written: Complaint, approversFor: Approvers): Notice[] {
  return approversFor(deps, written).map((staff) =>
    mailTo(deps, 'approval_request', staff, written, (base) =>
      approvalRequestMail({
        ...base,
        solution: written.solution!,
        tellsCustomer: deps.policy.workflow.acceptance !== undefined,
      }),
    ),
  );
}

export function legalApproveSpec(
  input: Input<'legal-approve'>,
  { deps, actor }: Ctx,
  approversFor: Approvers,
): ChangeSpec {
  return {
    decide: (c, now): Decision => {
      if (!can(actor, 'legal-approve', c)) throw new ForbiddenError();
      const legal = decidedReview(c.solution?.legal, 'approved', actor, now, input.note);
      return {
        changes: { solution: { ...c.solution!, legal } },
        events: [timelineEvent(c.id, 'legal_review_approved', now, actor.id, { note: input.note ?? null })],
      };
    },
    // Now, and not before, the approvers decide: they are told once legal has passed the plan.
    notices: async (written) => approvalNotices(deps, written, approversFor),
  };
}

export function legalReturnSpec(input: Input<'legal-return'>, { deps, actor }: Ctx): ChangeSpec {
  return {
    decide: (c, now): Decision => {
      if (!can(actor, 'legal-return', c)) throw new ForbiddenError();
      const legal = decidedReview(c.solution?.legal, 'returned', actor, now, input.note);
      return {
        changes: { solution: { ...c.solution!, legal } },
        events: [timelineEvent(c.id, 'legal_review_returned', now, actor.id, { note: input.note })],
      };
    },
    notices: async (written) =>
      deps.policy.staff
        .filter((s) => s.id === written.ownerId)
        .map((owner) =>
          mailTo(deps, 'legal_review_returned', owner, written, (base) =>
            legalReturnedMail({ ...base, note: input.note, reviewerName: actor.name }),
          ),
        ),
  };
}

// ----- The workflow's side clocks (shared/usecases/workflow-steps.ts timerStep).

/** What the timer writes for them. */
export function legalTimerChange(c: Complaint, now: Date, due: LegalTimerDue): Pick<Decision, 'changes' | 'events'> {
  const changes: Decision['changes'] = {};
  const events: TimelineEvent[] = [];
  const at = now.toISOString();
  if (due.notice) {
    const { dueAt, notify, missed } = due.notice;
    const notified = notify.map((s) => s.id);
    if (missed) {
      changes.managementNotice = { dueAt, missedAt: at, notified };
      events.push(timelineEvent(c.id, 'management_notice_missed', now, 'workflow', { dueAt }));
    } else {
      changes.managementNotice = { dueAt, notifiedAt: at, notified };
      events.push(timelineEvent(c.id, 'management_notified', now, 'workflow', { notified, dueAt }));
    }
  }
  if (due.compensation) {
    const notified = due.compensation.notify.map((s) => s.id);
    changes.compensationPlanMissed = { at, notified };
    events.push(
      timelineEvent(c.id, 'compensation_plan_missed', now, 'workflow', {
        deadline: due.compensation.deadline,
        notified,
      }),
    );
  }
  return { changes, events };
}

/** The mails of those changes. */
export function legalTimerNotices(deps: MailDeps, c: Complaint, due: LegalTimerDue): Notice[] {
  const notices: Notice[] = [];
  for (const staff of due.notice?.notify ?? []) {
    notices.push(mailTo(deps, 'management_notice', staff, c, (base) => managementNoticeMail(base)));
  }
  for (const staff of due.compensation?.notify ?? []) {
    notices.push(
      mailTo(deps, 'compensation_plan_missed', staff, c, (base) =>
        compensationPlanMissedMail({ ...base, deadline: due.compensation!.deadline }),
      ),
    );
  }
  return notices;
}
