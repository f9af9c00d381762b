import * as z from 'zod';
import { can, STAFF_ACTIONS, type StaffActionName, type StaffPermission } from '../auth/staff.js';
import { addDuration } from '../calendar/deadlines.js';
import {
  BadRequestError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  ValidationError,
} from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { type Complaint, multiLine, Remedy, type Solution, type TimelineEvent } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { MetricUnit, metrics } from '../observability.js';
import type { StaffMember } from '../policy/types.js';
import type { ComplaintStore } from '../ports/index.js';
import { infoRequestMail, progressMail, reopenedMail } from '../templates/customer-mails.js';
import {
  approvalRequestMail,
  managementNoticeMail,
  newAssignmentMail,
  ownerReminderMail,
} from '../templates/staff-mails.js';
import { reopenComplaint } from '../workflow/reopen.js';
import { staffOnRung } from '../workflow/timer-decisions.js';
import {
  type ChangeDeps,
  type ChangeResult,
  type ChangeSpec,
  changeComplaint,
  type Decision,
  type Notice,
} from './change-complaint.js';
import { type LinkDeps, staffUrl, statusUrl } from './mail-links.js';

export interface StaffActionDeps extends ChangeDeps, LinkDeps {}

export interface StaffActionRequest {
  complaintId: string;
  /** The route's {action}; anything else is "not found". */
  action: string;
  actor: StaffMember;
  body: unknown;
  /** The If-Match header: the version the caller last saw, to refuse a change made on stale data. */
  ifMatch?: string;
}

/**
 * A staff action (POST /staff/complaints/{id}/{action}): validate the body, then change the
 * complaint under the role rules and the lifecycle's preconditions, both checked on the stored
 * record, and wake its workflow. With If-Match a stale version is refused (409 concurrent_update);
 * without, a lost race is retried on the fresh record, so two people's edits both land.
 */
export async function performStaffAction(deps: StaffActionDeps, request: StaffActionRequest): Promise<ChangeResult> {
  if (!isStaffAction(request.action)) throw new NotFoundError();
  const definition: ActionDefinition<z.ZodType> = ACTIONS[request.action];
  const input = parseOrThrow(definition.input, request.body);
  const spec = definition.spec(input, { deps, actor: request.actor });
  const result = await changeComplaint(deps, request.complaintId, spec, {
    expectedVersion: parseIfMatch(request.ifMatch),
  });
  metrics.addMetric('StaffAction', MetricUnit.Count, 1);
  return result;
}

/** GET /staff/complaints/{id}: the whole complaint and its whole timeline, for any member of staff. */
export async function viewStaffComplaint(
  deps: { store: ComplaintStore },
  complaintId: string,
  actor: StaffMember,
): Promise<{ complaint: Complaint; timeline: TimelineEvent[] }> {
  const complaint = await deps.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  authorize(actor, 'view', complaint);
  return { complaint, timeline: await deps.store.listTimeline(complaintId) };
}

/** If-Match carries the version as an entity tag: `3`, `"3"` or `W/"3"`. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,12})"?\s*$/.exec(header);
  if (!match) throw new BadRequestError('bad_request');
  return Number(match[1]);
}

const isStaffAction = (action: string): action is StaffActionName =>
  (STAFF_ACTIONS as readonly string[]).includes(action);

interface ActionContext {
  deps: StaffActionDeps;
  actor: StaffMember;
}

interface ActionDefinition<S extends z.ZodType> {
  input: S;
  spec(input: z.infer<S>, ctx: ActionContext): ChangeSpec;
}

const define = <S extends z.ZodType>(definition: ActionDefinition<S>) => definition;

const CONTACT_CHANNELS = ['phone', 'email', 'chat', 'visit'] as const;

const ACTIONS: Record<StaffActionName, ActionDefinition<z.ZodType>> = {
  assign: define({
    input: z.object({ ownerId: z.string().trim().min(1).max(128).optional() }),
    spec: (input, { deps, actor }) => {
      const assignee = deps.policy.staff.find((s) => s.id === (input.ownerId ?? actor.id));
      if (!assignee) throw new ValidationError({ ownerId: { code: 'unknown_staff' } });
      return {
        decide: (c, now) => {
          if (assignee.id !== actor.id) authorize(actor, 'reassign', c);
          refuseIfClosed(c);
          if (c.ownerId === assignee.id) throw new InvalidTransitionError('already_owner', { ownerId: c.ownerId });
          // Someone took it first (first-contact ownership); only a supervisor or above moves it on.
          if (!can(actor, c.ownerId ? 'reassign' : 'assign', c)) {
            throw new InvalidTransitionError('already_assigned', { ownerId: c.ownerId });
          }
          return {
            changes: {
              ownerId: assignee.id,
              assignedAt: c.assignedAt ?? now.toISOString(),
              status: c.status === 'received' || c.status === 'acknowledged' ? 'assigned' : c.status,
            },
            events: [event(c, 'assigned', now, actor, { ownerId: assignee.id, previousOwnerId: c.ownerId ?? null })],
          };
        },
        notices: async (written) =>
          assignee.id === actor.id ? [] : [staffNotice(deps, 'new_assignment', assignee, newAssignmentMail, written)],
      };
    },
  }),

  contact: define({
    input: z.object({ channel: z.enum(CONTACT_CHANNELS), note: multiLine(2000) }),
    spec: (input, { actor }) => ({
      decide: (c, now) => {
        authorize(actor, 'contact', c);
        refuseIfClosed(c);
        requireOwner(c);
        return {
          changes: { ...customerHeardFromUs(c, now), status: workingStatus(c) },
          events: [event(c, 'customer_contacted', now, actor, { channel: input.channel, note: input.note })],
        };
      },
    }),
  }),

  note: define({
    input: z.object({ text: multiLine(5000) }),
    spec: (input, { actor }) => ({
      decide: (c, now) => {
        authorize(actor, 'note', c);
        return { changes: {}, events: [event(c, 'note_added', now, actor, { text: input.text })] };
      },
    }),
  }),

  reply: define({
    input: z.object({ message: multiLine(5000) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now, messageId) => {
        authorize(actor, 'reply', c);
        refuseIfClosed(c);
        requireOwner(c);
        requireEmail(c);
        return {
          changes: { ...customerHeardFromUs(c, now), status: workingStatus(c) },
          events: [
            event(c, 'progress_sent', now, actor, {
              automatic: false,
              messageId: messageId ?? null,
              message: input.message,
            }),
          ],
        };
      },
      message: async (c, now) =>
        progressMail({
          complaint: c,
          automatic: false,
          message: input.message,
          statusUrl: await statusUrl(deps, c.id, now),
          ownerName: staffName(deps, c.ownerId),
          timezone: deps.policy.calendar.timezone,
        }),
    }),
  }),

  propose: define({
    input: z.object({
      summary: multiLine(2000),
      remedy: Remedy.optional(),
      amount: z.number().nonnegative().max(1e12).optional(),
    }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now) => {
        authorize(actor, 'propose', c);
        requireWorkUnderWay(c);
        if (c.solution?.approval === 'pending') throw new InvalidTransitionError('approval_pending');
        if (c.solution?.approval === 'approved') throw new InvalidTransitionError('solution_already_approved');
        const { approvalAmountThreshold } = deps.policy.workflow;
        const reasons = [
          ...(c.grade === 'P1' ? ['P1'] : []),
          ...(input.amount !== undefined && input.amount > approvalAmountThreshold
            ? [`amount above ${approvalAmountThreshold}`]
            : []),
        ];
        const solution: Solution = {
          summary: input.summary,
          ...(input.remedy ? { remedy: input.remedy } : {}),
          ...(input.amount !== undefined ? { amount: input.amount } : {}),
          proposedAt: now.toISOString(),
          proposedBy: actor.id,
          approval: reasons.length > 0 ? 'pending' : 'not_required',
          ...(reasons.length > 0 ? { approvalReason: reasons.join('; ') } : {}),
          ...(c.grade === 'P1' ? { legalReview: true } : {}),
        };
        const proposed = { ...c, solution };
        const events = [
          event(c, 'solution_proposed', now, actor, { ...solution, approvers: ids(approversFor(deps, proposed)) }),
        ];
        if (c.grade === 'P1') {
          events.push(event(c, 'legal_review_requested', now, actor));
          events.push(event(c, 'management_notified', now, actor, { notified: ids(managementFor(deps, proposed)) }));
        }
        return { changes: { solution, status: 'solution_proposed' }, events };
      },
      notices: async (written) => [
        ...approversFor(deps, written).map((staff) =>
          staffNotice(
            deps,
            'approval_request',
            staff,
            (ctx) => approvalRequestMail({ ...ctx, solution: written.solution! }),
            written,
          ),
        ),
        ...managementFor(deps, written).map((staff) =>
          staffNotice(deps, 'management_notice', staff, managementNoticeMail, written),
        ),
      ],
    }),
  }),

  approve: define({
    input: z.object({ note: multiLine(2000).optional() }),
    spec: (input, { actor }) => ({
      decide: (c, now) => decideOnSolution(c, now, actor, 'approved', input.note),
    }),
  }),

  reject: define({
    input: z.object({ note: multiLine(2000) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now) => decideOnSolution(c, now, actor, 'rejected', input.note),
      notices: async (written) => ownerReminder(deps, written, 'solution_rejected'),
    }),
  }),

  resolve: define({
    input: z.object({ summary: multiLine(5000) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now) => {
        authorize(actor, 'resolve', c);
        requireWorkUnderWay(c);
        if (c.solution?.approval === 'pending') throw new InvalidTransitionError('approval_pending');
        const accepted = c.solution?.approval === 'approved' || c.solution?.approval === 'not_required';
        if (deps.policy.deadlines[c.grade].solution && !accepted) {
          throw new InvalidTransitionError('solution_not_approved');
        }
        return {
          changes: { resolvedAt: now.toISOString(), resolutionSummary: input.summary, status: 'resolved' },
          events: [event(c, 'resolved', now, actor, { summary: input.summary })],
        };
      },
    }),
  }),

  'request-info': define({
    input: z.object({ question: multiLine(2000) }),
    spec: (input, { deps, actor }) => {
      const limitAt = (now: Date) =>
        addDuration(now, deps.policy.workflow.infoRequestLimit, deps.calendar).toISOString();
      return {
        decide: (c, now, messageId) => {
          authorize(actor, 'request-info', c);
          refuseIfClosed(c);
          refuseIfResolved(c);
          requireOwner(c);
          if (c.status === 'awaiting_customer') throw new InvalidTransitionError('already_awaiting_customer');
          requireEmail(c);
          const infoRequest = {
            question: input.question,
            requestedAt: now.toISOString(),
            requestedBy: actor.id,
            limitAt: limitAt(now),
          };
          return {
            changes: { ...customerHeardFromUs(c, now), status: 'awaiting_customer', infoRequest },
            events: [
              event(c, 'info_requested', now, actor, {
                question: input.question,
                limitAt: infoRequest.limitAt,
                messageId: messageId ?? null,
              }),
            ],
          };
        },
        message: async (c, now) =>
          infoRequestMail({
            complaint: c,
            question: input.question,
            replyUrl: await statusUrl(deps, c.id, now),
            limitAt: limitAt(now),
            timezone: deps.policy.calendar.timezone,
          }),
      };
    },
  }),

  reopen: define({
    input: z.object({ reason: multiLine(2000) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now) => {
        authorize(actor, 'reopen', c);
        refuseIfClosed(c);
        if (!c.resolvedAt) throw new InvalidTransitionError('not_resolved');
        return reopenComplaint(c, now, deps.policy, deps.calendar, actor.id, { reason: input.reason });
      },
      notices: async (written, now) => reopenNotices(deps, written, now),
    }),
  }),
};

/** What a reopened complaint's customer and owner are told (shared with the survey's reopen). */
export async function reopenNotices(
  deps: StaffActionDeps,
  written: Complaint,
  now: Date,
  survey?: Complaint['survey'],
): Promise<Notice[]> {
  const notices: Notice[] = [];
  if (written.customer.email) {
    notices.push({
      kind: 'reopened',
      mail: reopenedMail({
        complaint: written,
        statusUrl: await statusUrl(deps, written.id, now),
        followUpBy: written.deadlines.resolve,
        overseerName: staffName(deps, written.overseerId),
        timezone: deps.policy.calendar.timezone,
      }),
    });
  }
  // The owner's reminder quotes the customer's reason, which the reopened record no longer holds.
  return [...notices, ...ownerReminder(deps, survey ? { ...written, survey } : written, 'reopened')];
}

function decideOnSolution(
  c: Complaint,
  now: Date,
  actor: StaffMember,
  approval: 'approved' | 'rejected',
  note: string | undefined,
): Decision {
  authorize(actor, approval === 'approved' ? 'approve' : 'reject', c);
  refuseIfClosed(c);
  if (c.solution?.approval !== 'pending') throw new InvalidTransitionError('no_pending_approval');
  const solution: Solution = {
    ...c.solution,
    approval,
    decidedAt: now.toISOString(),
    decidedBy: actor.id,
    ...(note ? { decisionNote: note } : {}),
  };
  return {
    // Rejected: back to finding a solution (the planner sees approval 'rejected').
    changes: { solution, ...(approval === 'rejected' ? { status: 'in_progress' as const } : {}) },
    events: [
      event(c, approval === 'approved' ? 'solution_approved' : 'solution_rejected', now, actor, { note: note ?? null }),
    ],
  };
}

function event(c: Complaint, type: string, now: Date, actor: StaffMember, data?: Record<string, unknown>) {
  return timelineEvent(c.id, type, now, actor.id, data);
}

function authorize(actor: StaffMember, permission: StaffPermission, c: Complaint): void {
  if (!can(actor, permission, c)) throw new ForbiddenError();
}

/** Proposing or resolving needs an open, unresolved complaint with an owner who has spoken to the customer, and no open question to them. */
function requireWorkUnderWay(c: Complaint): void {
  refuseIfClosed(c);
  refuseIfResolved(c);
  requireOwner(c);
  requireFirstContact(c);
  refuseWhileAwaitingCustomer(c);
}

function refuseIfClosed(c: Complaint): void {
  if (c.status === 'closed') throw new InvalidTransitionError('closed');
}

function refuseIfResolved(c: Complaint): void {
  if (c.resolvedAt) throw new InvalidTransitionError('already_resolved');
}

function refuseWhileAwaitingCustomer(c: Complaint): void {
  if (c.status === 'awaiting_customer') throw new InvalidTransitionError('awaiting_customer');
}

function requireOwner(c: Complaint): void {
  if (!c.ownerId) throw new InvalidTransitionError('no_owner');
}

function requireFirstContact(c: Complaint): void {
  if (!c.firstContactAt) throw new InvalidTransitionError('no_first_contact');
}

function requireEmail(c: Complaint): void {
  if (!c.customer.email) throw new InvalidTransitionError('no_customer_email');
}

/** The customer heard from us: the 24-hour rule counts from now, and the first time is the first contact. */
function customerHeardFromUs(c: Complaint, now: Date): Pick<Complaint, 'firstContactAt' | 'lastCustomerUpdateAt'> {
  return { firstContactAt: c.firstContactAt ?? now.toISOString(), lastCustomerUpdateAt: now.toISOString() };
}

/** Talking to the customer puts a freshly assigned or reopened complaint in progress; other states keep their meaning. */
function workingStatus(c: Complaint): Complaint['status'] {
  return c.status === 'assigned' || c.status === 'reopened' ? 'in_progress' : c.status;
}

/** Department heads decide on a solution waiting for approval; without one for the department, managers do. */
function approversFor(deps: StaffActionDeps, c: Complaint): StaffMember[] {
  if (c.solution?.approval !== 'pending') return [];
  const heads = staffOnRung(c, 'department_head', deps.policy);
  return heads.length > 0 ? heads : staffOnRung(c, 'manager', deps.policy);
}

/** Management hears of every P1 solution (with its legal review). */
function managementFor(deps: StaffActionDeps, c: Complaint): StaffMember[] {
  return c.grade === 'P1' && c.solution?.legalReview ? staffOnRung(c, 'manager', deps.policy) : [];
}

const ids = (staff: StaffMember[]) => staff.map((s) => s.id);

function staffName(deps: StaffActionDeps, id: string | undefined): string | undefined {
  return id === undefined ? undefined : deps.policy.staff.find((s) => s.id === id)?.name;
}

type StaffMail = (ctx: {
  complaint: Complaint;
  staff: StaffMember;
  timezone: string;
  staffUrl: string;
}) => Notice['mail'];

function staffNotice(
  deps: StaffActionDeps,
  kind: string,
  staff: StaffMember,
  template: StaffMail,
  complaint: Complaint,
): Notice {
  return {
    kind: `${kind}:${staff.id}`,
    mail: template({
      complaint,
      staff,
      timezone: deps.policy.calendar.timezone,
      staffUrl: staffUrl(deps, complaint.id),
    }),
  };
}

/** The owner is told when something comes back to them: a rejected solution, a reopen, the customer's answer. */
export function ownerReminder(
  deps: StaffActionDeps,
  complaint: Complaint,
  reason: 'solution_rejected' | 'reopened' | 'customer_replied',
): Notice[] {
  const owner = deps.policy.staff.find((s) => s.id === complaint.ownerId);
  return owner
    ? [staffNotice(deps, 'owner_reminder', owner, (ctx) => ownerReminderMail({ ...ctx, reason }), complaint)]
    : [];
}
