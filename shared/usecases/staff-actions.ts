import * as z from 'zod/mini';
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
import { type MailThreadEntry, mailThread } from '../mail/thread.js';
import {
  type Complaint,
  Department,
  Grade,
  multiLine,
  Remedy,
  type Solution,
  type TimelineEvent,
} from '../model/complaint.js';
import { type EventDataArgs, type EventType, timelineEvent } from '../model/events.js';
import { complaintByIdOrTicket } from '../model/ticket.js';
import { MetricUnit, metrics } from '../observability.js';
import type { StaffMember } from '../policy/types.js';
import type { ComplaintStore } from '../ports/index.js';
import { infoRequestMail, progressMail, reopenedMail } from '../templates/customer-mails.js';
import { LETTER_KINDS } from '../templates/staff-letters.js';
import {
  handEscalationMail,
  newAssignmentMail,
  newWorkMail,
  type OwnerReminderReason,
  ownerReminderMail,
  reopenOverseerMail,
} from '../templates/staff-mails.js';
import { mayProposeAgain, requireAcceptance } from '../workflow/acceptance.js';
import { requireLegalCleared } from '../workflow/legal-review.js';
import { contactedThisRound } from '../workflow/lifecycle.js';
import { becomesNewWork, newWorkAudience } from '../workflow/new-work.js';
import { reopenComplaint } from '../workflow/reopen.js';
import { escalateByHand, type HandEscalation, regradeChanges, rerouteChanges } from '../workflow/staff-decisions.js';
import { staffOnRung } from '../workflow/timer-decisions.js';
import { requireWorkOrdersDone } from '../workflow/work-orders.js';
import { ACCEPTANCE_ACTION_INPUTS, offerByCallSpec, recordAcceptanceSpec, withOffer } from './acceptance.js';
import {
  type ChangeDeps,
  type ChangeResult,
  type ChangeSpec,
  changeComplaint,
  type Decision,
  type Notice,
} from './change-complaint.js';
import {
  notifyDelaySpec,
  ResultEvidenceInput,
  recordFixSpec,
  resultChanges,
  SM_ACTION_INPUTS,
} from './delay-and-fix.js';
import {
  LEGAL_ACTION_INPUTS,
  legalApproveSpec,
  legalRequestEvents,
  legalReturnSpec,
  proposalNotices,
  proposalTerms,
  STANDARD_ID,
} from './legal-review.js';
import { type LinkDeps, staffUrl, statusUrl } from './mail-links.js';
import { MERGE_INPUT, type MergeInput, mergeComplaints } from './merge-complaints.js';
import {
  answerPartnerSpec,
  disputePartnerSpec,
  PARTNER_ACTION_INPUTS,
  requestPartnerSpec,
} from './partner-requests.js';
import { openWorkOrderSpec, WORK_ORDER_ACTION_INPUTS, workOrderAssignSpec, workOrderStepSpec } from './work-orders.js';

export interface StaffActionDeps extends ChangeDeps, LinkDeps {
  /** The staff view also reads the timeline. */
  store: ComplaintStore;
}

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
  const definition: ActionDefinition<z.ZodMiniType> = ACTIONS()[request.action];
  const input = parseOrThrow(definition.input, request.body);
  const ctx = { deps, actor: request.actor };
  const own = OWN_USE_CASES[request.action];
  const result = definition.spec
    ? await changeComplaint(
        deps,
        request.complaintId,
        { command: request.action, ...definition.spec(input, ctx) },
        { expectedVersion: parseIfMatch(request.ifMatch) },
      )
    : await own!(input as never, { ...ctx, request });
  metrics.addMetric('StaffAction', MetricUnit.Count, 1);
  return result;
}

/**
 * GET /staff/complaints/{id or ticket number}: the whole complaint, its whole timeline and its mail
 * thread (each mail that came in with the key of its raw original), for staff the role rules let see it.
 */
export async function viewStaffComplaint(
  deps: { store: ComplaintStore },
  idOrTicket: string,
  actor: StaffMember,
): Promise<{ complaint: Complaint; timeline: TimelineEvent[]; mailThread: MailThreadEntry[] }> {
  const complaint = await complaintByIdOrTicket(deps.store, idOrTicket);
  if (!complaint) throw new NotFoundError();
  authorize(actor, 'view', complaint);
  const timeline = await deps.store.listTimeline(complaint.id);
  return { complaint, timeline, mailThread: mailThread(complaint, timeline) };
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

/** An action is one change of its complaint (`spec`), or, without one, a use case of its own (OWN_USE_CASES). */
interface ActionDefinition<S extends z.ZodMiniType> {
  input: S;
  spec?(input: z.infer<S>, ctx: ActionContext): ChangeSpec;
}

type OwnUseCase = (input: never, ctx: ActionContext & { request: StaffActionRequest }) => Promise<ChangeResult>;

/**
 * Actions that change more than their own complaint. Apart from the action table, which the OpenAPI
 * function reads for the schemas alone: it must not bundle what the actions do.
 */
const OWN_USE_CASES: Partial<Record<StaffActionName, OwnUseCase>> = {
  merge: (input: MergeInput, { deps, actor, request }) =>
    mergeComplaints(deps, {
      complaintId: request.complaintId,
      actor,
      input,
      expectedVersion: parseIfMatch(request.ifMatch),
    }),
};

const define = <S extends z.ZodMiniType>(definition: ActionDefinition<S>) => definition;

const CONTACT_CHANNELS = ['phone', 'email', 'chat', 'visit'] as const;

/**
 * Built on first use, not at import: the survey, customer-reply and staff-complaint functions import
 * this module for its other exports, and without the table they need none of its schemas and mails.
 */
const actionTable = (): Record<StaffActionName, ActionDefinition<z.ZodMiniType>> => ({
  assign: define({
    input: z.object({ ownerId: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))) }),
    spec: (input, { deps, actor }) => {
      const assignee = deps.policy.staff.find((s) => s.id === (input.ownerId ?? actor.id));
      if (!assignee) throw new ValidationError({ ownerId: { code: 'unknown_staff' } });
      return {
        decide: (c, now) => {
          authorize(actor, assignee.id === actor.id ? 'assign' : 'reassign', c);
          if (c.ownerId === assignee.id) throw new InvalidTransitionError('already_owner', { ownerId: c.ownerId });
          // Someone took it first (first-contact ownership); only a supervisor or above moves it on.
          if (c.ownerId && !can(actor, 'reassign', c)) {
            throw new InvalidTransitionError('already_assigned', { ownerId: c.ownerId });
          }
          return {
            changes: {
              ownerId: assignee.id,
              assignedAt: c.assignedAt ?? now.toISOString(),
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
        requireOwner(c);
        return {
          changes: customerHeardFromUs(c, now),
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
    // `letter`: the template the owner started from (shared/templates/staff-letters.ts), kept for the reports.
    input: z.object({ message: multiLine(5000), letter: z.optional(z.enum(LETTER_KINDS)) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now, messageId) => {
        authorize(actor, 'reply', c);
        requireOwner(c);
        requireEmail(c);
        return {
          changes: customerHeardFromUs(c, now),
          events: [
            event(c, 'progress_sent', now, actor, {
              automatic: false,
              messageId: messageId ?? null,
              message: input.message,
              ...(input.letter ? { letter: input.letter } : {}),
            }),
          ],
        };
      },
      message: async (c, now) =>
        progressMail({
          complaint: c,
          automatic: false,
          message: input.message,
          letter: input.letter !== undefined,
          statusUrl: await statusUrl(deps, c.id, now),
          ownerName: staffName(deps, c.ownerId),
          timezone: deps.policy.calendar.timezone,
        }),
    }),
  }),

  propose: define({
    input: z.object({
      summary: multiLine(2000),
      remedy: z.optional(Remedy),
      amount: z.optional(z.number().check(z.nonnegative(), z.maximum(1e12))),
      // One of the grade's standard remedies (shared/policy/remedies.ts): its remedy and amount prefill the proposal.
      standard: STANDARD_ID,
      // When the remedy will be carried out: the concrete date the customer is told (ACC).
      remedyBy: z.optional(z.iso.datetime({ offset: true })),
    }),
    spec: (input, { deps, actor }) =>
      withOffer(
        { deps, actor },
        {
          decide: (c, now) => {
            authorize(actor, 'propose', c);
            requireWorkUnderWay(c);
            // A plan legal returned is proposed again, whatever its approval said.
            const returned = c.solution?.legal?.state === 'returned';
            if (c.solution?.legal?.state === 'pending') throw new InvalidTransitionError('legal_review_pending');
            if (c.solution?.approval === 'pending' && !returned) throw new InvalidTransitionError('approval_pending');
            if (c.solution?.approval === 'approved' && !returned && !mayProposeAgain(c)) {
              throw new InvalidTransitionError('solution_already_approved');
            }
            const terms = proposalTerms(c, input, now, deps.policy, deps.calendar);
            const { reasons } = terms;
            const solution: Solution = {
              summary: input.summary,
              ...(terms.remedy ? { remedy: terms.remedy } : {}),
              ...(terms.amount !== undefined ? { amount: terms.amount } : {}),
              proposedAt: now.toISOString(),
              proposedBy: actor.id,
              approval: reasons.length > 0 ? 'pending' : 'not_required',
              ...(reasons.length > 0 ? { approvalReason: reasons.join('; ') } : {}),
              ...terms.fields,
              ...(input.remedyBy ? { remedyBy: new Date(input.remedyBy).toISOString() } : {}),
            };
            const proposed = { ...c, solution };
            const events = [
              event(c, 'solution_proposed', now, actor, { ...solution, approvers: ids(approversFor(deps, proposed)) }),
              ...legalRequestEvents(c, solution, now, actor, deps.policy),
            ];
            return { changes: { solution }, events };
          },
          notices: async (written) => proposalNotices(deps, written, approversFor),
        },
      ),
  }),

  approve: define({
    input: z.object({ note: z.optional(multiLine(2000)) }),
    spec: (input, { deps, actor }) =>
      withOffer(
        { deps, actor },
        {
          decide: (c, now) => {
            requireLegalCleared(c);
            return decideOnSolution(c, now, actor, 'approved', input.note);
          },
        },
      ),
  }),

  reject: define({
    input: z.object({ note: multiLine(2000) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now) => decideOnSolution(c, now, actor, 'rejected', input.note),
      notices: async (written) => ownerReminder(deps, written, 'solution_rejected'),
    }),
  }),

  resolve: define({
    input: z.object({ summary: multiLine(5000), evidence: z.optional(ResultEvidenceInput) }),
    spec: (input, { deps, actor }) => ({
      decide: (c, now) => {
        authorize(actor, 'resolve', c);
        requireWorkUnderWay(c);
        if (c.solution?.approval === 'pending') throw new InvalidTransitionError('approval_pending');
        requireLegalCleared(c);
        const accepted = c.solution?.approval === 'approved' || c.solution?.approval === 'not_required';
        // A reopened complaint needs a new solution whatever its grade: the old one did not satisfy.
        if ((deps.policy.deadlines[c.grade].solution || c.reopenedAt) && !accepted) {
          throw new InvalidTransitionError('solution_not_approved');
        }
        // SM: the result mail's deadline (resultWithin) and its evidence.
        const result = resultChanges(c, now, input.evidence, deps.policy, deps.calendar);
        requireWorkOrdersDone(c);
        requireAcceptance(c);
        return {
          changes: { resolvedAt: now.toISOString(), resolutionSummary: input.summary, ...result.changes },
          events: [
            event(c, 'resolved', now, actor, {
              summary: input.summary,
              resultDue: result.resultDue,
              ...(result.changes.resultEvidence ? { evidence: result.changes.resultEvidence } : {}),
            }),
          ],
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
          requireOwner(c);
          requireEmail(c);
          const infoRequest = {
            question: input.question,
            requestedAt: now.toISOString(),
            requestedBy: actor.id,
            limitAt: limitAt(now),
          };
          return {
            changes: { ...customerHeardFromUs(c, now), infoRequest },
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
        return reopenComplaint(c, now, deps.policy, deps.calendar, actor.id, { reason: input.reason });
      },
      notices: async (written, now) => reopenNotices(deps, written, now),
    }),
  }),

  regrade: define({
    input: z.object({ grade: Grade, reason: REASON }),
    spec: (input, { deps, actor }) => {
      const announce = newWorkAnnouncement(deps, actor);
      return {
        decide: (c, now) => {
          authorize(actor, 'regrade', c);
          if (c.grade === input.grade) throw new InvalidTransitionError('same_grade', { grade: c.grade });
          // What the reports' grading accuracy counts (shared/reports/counters.ts): did a person leave
          // the grade where intake put it? A complaint taken in before intake kept its grade has it as
          // its grade until a reopen raises it; after one, its first grade is unknown and it is not counted.
          const initialGrade = c.initialGrade ?? (c.reopenCount ? undefined : c.grade);
          const changes = {
            ...regradeChanges(c, input.grade, deps.policy, deps.calendar),
            ...(initialGrade ? { initialGrade, gradeDiffers: input.grade !== initialGrade } : {}),
          };
          const data = {
            fromGrade: c.grade,
            toGrade: input.grade,
            reason: input.reason,
            deadlines: changes.deadlines!,
          };
          return announce.with(c, now, { changes, events: [event(c, 'regraded', now, actor, data)] });
        },
        notices: announce.notices,
      };
    },
  }),

  reroute: define({
    input: z.object({ department: Department, reason: REASON }),
    spec: (input, { deps, actor }) => {
      const announce = newWorkAnnouncement(deps, actor);
      return {
        decide: (c, now) => {
          authorize(actor, 'reroute', c);
          if (c.department === input.department) {
            throw new InvalidTransitionError('same_department', { department: c.department });
          }
          const changes = rerouteChanges(c, input.department, deps.policy);
          const previousOwnerId = 'ownerId' in changes ? (c.ownerId ?? null) : null;
          const data = { from: c.department, to: input.department, reason: input.reason, previousOwnerId };
          return announce.with(c, now, { changes, events: [event(c, 'rerouted', now, actor, data)] });
        },
        notices: announce.notices,
      };
    },
  }),

  escalate: define({
    input: z.object({ reason: REASON }),
    spec: (input, { deps, actor }) => {
      let decided: HandEscalation | undefined;
      return {
        decide: (c, now) => {
          authorize(actor, 'escalate', c);
          decided = escalateByHand(c, now, deps.policy, deps.calendar);
          const { step, level, role, escalation, notify } = decided;
          return {
            changes: { escalation, nextDeadlineAt: escalation.deadline },
            events: [
              event(c, 'escalated_by_hand', now, actor, {
                step,
                level,
                role,
                reason: input.reason,
                notified: ids(notify),
              }),
            ],
          };
        },
        notices: async (written) =>
          (decided?.notify ?? []).map((staff) =>
            staffNotice(
              deps,
              'hand_escalation',
              staff,
              (ctx) =>
                handEscalationMail({
                  ...ctx,
                  step: decided!.step,
                  level: decided!.level,
                  byName: actor.name,
                  reason: input.reason,
                }),
              written,
            ),
          ),
      };
    },
  }),

  // Departments working together: shared/usecases/partner-requests.ts.
  'request-partner': define({ input: PARTNER_ACTION_INPUTS['request-partner'], spec: requestPartnerSpec }),
  'answer-partner': define({ input: PARTNER_ACTION_INPUTS['answer-partner'], spec: answerPartnerSpec }),
  'dispute-partner': define({ input: PARTNER_ACTION_INPUTS['dispute-partner'], spec: disputePartnerSpec }),

  // Smaller steps the manuals name (SM): shared/usecases/delay-and-fix.ts.
  'notify-delay': define({ input: SM_ACTION_INPUTS['notify-delay'], spec: notifyDelaySpec }),
  'record-fix': define({ input: SM_ACTION_INPUTS['record-fix'], spec: recordFixSpec }),
  // Legal review (LEG): shared/usecases/legal-review.ts.
  'legal-approve': define({
    input: LEGAL_ACTION_INPUTS['legal-approve'],
    spec: (input, ctx) => legalApproveSpec(input, ctx, approversFor),
  }),
  'legal-return': define({ input: LEGAL_ACTION_INPUTS['legal-return'], spec: legalReturnSpec }),
  // After-sales work orders: shared/usecases/work-orders.ts.
  'open-work-order': define({ input: WORK_ORDER_ACTION_INPUTS['open-work-order'], spec: openWorkOrderSpec }),
  'work-order-step': define({ input: WORK_ORDER_ACTION_INPUTS['work-order-step'], spec: workOrderStepSpec }),
  'work-order-assign': define({ input: WORK_ORDER_ACTION_INPUTS['work-order-assign'], spec: workOrderAssignSpec }),
  // The customer accepts the solution: shared/usecases/acceptance.ts.
  'offer-by-call': define({ input: ACCEPTANCE_ACTION_INPUTS['offer-by-call'], spec: offerByCallSpec }),
  'record-acceptance': define({ input: ACCEPTANCE_ACTION_INPUTS['record-acceptance'], spec: recordAcceptanceSpec }),
  // Two complaints change: OWN_USE_CASES, shared/usecases/merge-complaints.ts.
  merge: define({ input: MERGE_INPUT }),
});

/** Why a grade, a department or an escalation changed: required, and read later by people and by the grading reports. */
const REASON = multiLine(500).check(z.minLength(3));
let actions: Record<StaffActionName, ActionDefinition<z.ZodMiniType>> | undefined;
const ACTIONS = () => {
  actions ??= actionTable();
  return actions;
};

/** The schema that validates an action's body: the API description (shared/openapi) is generated from it. */
export const staffActionInput = (action: StaffActionName): z.ZodMiniType => ACTIONS()[action].input;

/** What a reopened complaint's customer, overseer and owner are told (shared with the survey's reopen). */
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
  // The owner's and overseer's mails quote the customer's reason, which the reopened record no longer holds.
  const withReason = survey ? { ...written, survey } : written;
  const overseer = deps.policy.staff.find((s) => s.id === written.overseerId);
  if (overseer && overseer.id !== written.ownerId) {
    notices.push(
      staffNotice(
        deps,
        'reopen_overseer',
        overseer,
        (ctx) => reopenOverseerMail({ ...ctx, followUpBy: written.deadlines.resolve }),
        withReason,
      ),
    );
  }
  return [...notices, ...ownerReminder(deps, withReason, 'reopened')];
}

function decideOnSolution(
  c: Complaint,
  now: Date,
  actor: StaffMember,
  approval: 'approved' | 'rejected',
  note: string | undefined,
): Decision {
  authorize(actor, approval === 'approved' ? 'approve' : 'reject', c);
  if (c.solution?.approval !== 'pending') throw new InvalidTransitionError('no_pending_approval');
  const solution: Solution = {
    ...c.solution,
    approval,
    decidedAt: now.toISOString(),
    decidedBy: actor.id,
    ...(note ? { decisionNote: note } : {}),
  };
  return {
    changes: { solution },
    events: [
      event(c, approval === 'approved' ? 'solution_approved' : 'solution_rejected', now, actor, { note: note ?? null }),
    ],
  };
}

function event<T extends EventType>(c: Complaint, type: T, now: Date, actor: StaffMember, ...data: EventDataArgs<T>) {
  return timelineEvent(c.id, type, now, actor.id, ...data);
}

function authorize(actor: StaffMember, permission: StaffPermission, c: Complaint): void {
  if (!can(actor, permission, c)) throw new ForbiddenError();
}

/** Proposing or resolving (in a status the lifecycle table allows) needs an owner who has spoken to the customer in this round. */
function requireWorkUnderWay(c: Complaint): void {
  requireOwner(c);
  requireFirstContact(c);
}

function requireOwner(c: Complaint): void {
  if (!c.ownerId) throw new InvalidTransitionError('no_owner');
}

/** A reopened complaint needs a new contact: the old one answered a problem the customer says is not fixed. */
function requireFirstContact(c: Complaint): void {
  if (!contactedThisRound(c)) throw new InvalidTransitionError('no_first_contact');
}

function requireEmail(c: Complaint): void {
  if (!c.customer.email) throw new InvalidTransitionError('no_customer_email');
}

/**
 * The owner spoke to the customer: the 24-hour rule counts from now, the first time is the first
 * contact, and the last one tells whether a reopened complaint has been followed up.
 */
function customerHeardFromUs(
  c: Complaint,
  now: Date,
): Pick<Complaint, 'firstContactAt' | 'lastContactAt' | 'lastCustomerUpdateAt'> {
  const at = now.toISOString();
  return { firstContactAt: c.firstContactAt ?? at, lastContactAt: at, lastCustomerUpdateAt: at };
}

/** Department heads decide on a solution waiting for approval; without one for the department, managers do. */
function approversFor(deps: StaffActionDeps, c: Complaint): StaffMember[] {
  if (c.solution?.approval !== 'pending') return [];
  const heads = staffOnRung(c, 'department_head', deps.policy);
  return heads.length > 0 ? heads : staffOnRung(c, 'manager', deps.policy);
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

/**
 * A regrade or reroute that makes a complaint new P1 or P2 work for its department
 * (shared/workflow/new-work.ts) is announced there as on arrival: recorded with the change, mailed once written.
 */
function newWorkAnnouncement(deps: StaffActionDeps, actor: StaffMember) {
  let told: StaffMember[] = [];
  return {
    with(c: Complaint, now: Date, decision: Decision): Decision {
      const after = { ...c, ...decision.changes } as Complaint;
      told = becomesNewWork(c, after) ? newWorkAudience(after, deps.policy) : [];
      if (told.length === 0) return decision;
      return {
        changes: { ...decision.changes, announcedAt: now.toISOString() },
        events: [...decision.events, event(c, 'new_work_announced', now, actor, { notified: ids(told) })],
      };
    },
    notices: async (written: Complaint) =>
      told.map((staff) => staffNotice(deps, 'new_work', staff, newWorkMail, written)),
  };
}

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
      staffUrl: staffUrl(deps, complaint),
    }),
  };
}

/** The owner is told when something comes back to them: a rejected solution, a reopen, the customer's answer. */
export function ownerReminder(
  deps: StaffActionDeps,
  complaint: Complaint,
  reason: Exclude<OwnerReminderReason, 'progress_due' | 'info_request_expired'>,
): Notice[] {
  const owner = deps.policy.staff.find((s) => s.id === complaint.ownerId);
  return owner
    ? [staffNotice(deps, 'owner_reminder', owner, (ctx) => ownerReminderMail({ ...ctx, reason }), complaint)]
    : [];
}
