import * as z from 'zod/mini';
import { can } from '../auth/staff.js';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { verifyCustomerLink } from '../links/status-link.js';
import {
  type Complaint,
  multiLine,
  WORK_ORDER_KINDS,
  WORK_ORDER_STEPS,
  type WorkOrder,
  type WorkOrderStep,
} from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import type { StaffMember } from '../policy/types.js';
import { workStepDueMail } from '../templates/work-order-mails.js';
import {
  assignStep,
  completeMilestone,
  completeStep,
  currentWorkStep,
  findWorkOrder,
  mayDoStep,
  newWorkOrder,
  openWorkOrders,
  replaceWorkOrder,
  type StepDone,
  stepHolders,
} from '../workflow/work-orders.js';
import { type ChangeResult, type ChangeSpec, changeComplaint, type Decision, type Notice } from './change-complaint.js';
import { type LinkDeps, staffUrl } from './mail-links.js';
import type { StaffActionDeps } from './staff-actions.js';

/**
 * The staff actions of after-sales work orders: the owner opens one (`open-work-order`), the
 * people of each step complete it in turn (`work-order-step`), a supervisor or the owner gives a
 * step to a named engineer (`work-order-assign`); the customer signs the confirmation on the status
 * page (confirmServiceSpec). Each is a change through the one change path; the workflow's timer
 * escalates a step or milestone gone past its deadline (workOrderTimerChange below).
 */

const ID = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
const INSTANT = z.iso.datetime({ offset: true });
const EVIDENCE = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(500))).check(z.maxLength(10));

export const WORK_ORDER_ACTION_INPUTS = {
  'open-work-order': z.object({
    kind: z.enum(WORK_ORDER_KINDS),
    remote: z.optional(z.boolean()),
    note: z.optional(multiLine(2000)),
    milestones: z.optional(
      z
        .array(z.object({ name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)), dueAt: INSTANT }))
        .check(z.maxLength(20)),
    ),
  }),
  // A step of the work order, or a milestone of its plan reached.
  'work-order-step': z.union([
    z.object({
      workOrderId: ID,
      step: z.enum(WORK_ORDER_STEPS),
      note: z.optional(multiLine(2000)),
      evidence: z.optional(EVIDENCE),
    }),
    z.object({
      workOrderId: ID,
      milestone: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
      note: z.optional(multiLine(2000)),
      evidence: z.optional(EVIDENCE),
    }),
  ]),
  'work-order-assign': z.object({ workOrderId: ID, step: z.enum(WORK_ORDER_STEPS), assigneeId: ID }),
};

type Input<A extends keyof typeof WORK_ORDER_ACTION_INPUTS> = z.infer<(typeof WORK_ORDER_ACTION_INPUTS)[A]>;

interface Ctx {
  deps: StaffActionDeps;
  actor: StaffMember;
}

type MailDeps = LinkDeps & Pick<StaffActionDeps, 'policy'>;

/** Those who now hold the work order's current step are told it is theirs, and by when. */
function stepDueNotices(deps: MailDeps, c: Complaint, w: WorkOrder, step: WorkOrderStep | undefined, actorId?: string) {
  if (!step?.dueAt) return [];
  return stepHolders(c, step, deps.policy)
    .filter((s) => s.id !== actorId)
    .map(
      (staff): Notice => ({
        kind: `work_order_step:${w.id}:${step.name}:${staff.id}`,
        mail: workStepDueMail({
          complaint: c,
          staff,
          workOrder: w,
          step: step.name,
          dueAt: step.dueAt!,
          timezone: deps.policy.calendar.timezone,
          staffUrl: staffUrl(deps, c),
        }),
      }),
    );
}

export function openWorkOrderSpec(input: Input<'open-work-order'>, { deps, actor }: Ctx): ChangeSpec {
  let opened: WorkOrder | undefined;
  return {
    decide: (c, now): Decision => {
      if (!can(actor, 'open-work-order', c)) throw new ForbiddenError();
      opened = newWorkOrder(c, input, actor, now, deps.policy, deps.calendar);
      return {
        changes: { workOrders: [...(c.workOrders ?? []), opened] },
        events: [
          timelineEvent(c.id, 'work_order_opened', now, actor.id, {
            workOrderId: opened.id,
            kind: opened.kind,
            remote: opened.remote === true,
            steps: opened.steps.map((s) => s.name),
            firstDueAt: opened.steps[0]!.dueAt!,
            ...(opened.milestones ? { milestones: opened.milestones.map(({ name, dueAt }) => ({ name, dueAt })) } : {}),
            ...(input.note ? { note: input.note } : {}),
          }),
        ],
      };
    },
    notices: async (written) => stepDueNotices(deps, written, opened!, opened!.steps[0], actor.id),
  };
}

/** The events of a step or milestone done, and of the work order finished with it. */
function doneEvents(c: Complaint, now: Date, actorId: string, step: string, done: StepDone, extra: object) {
  const w = done.workOrder;
  return [
    timelineEvent(c.id, 'work_order_step_done', now, actorId, {
      workOrderId: w.id,
      step: step as never,
      ...extra,
      late: done.late,
      ...(done.next ? { nextStep: done.next.name, nextDueAt: done.next.dueAt! } : {}),
    }),
    ...(done.finished ? [timelineEvent(c.id, 'work_order_done', now, actorId, { workOrderId: w.id })] : []),
  ];
}

export function workOrderStepSpec(input: Input<'work-order-step'>, { deps, actor }: Ctx): ChangeSpec {
  let done: StepDone | undefined;
  return {
    decide: (c, now) => {
      if (!can(actor, 'work-order-step', c)) throw new ForbiddenError();
      const w = findWorkOrder(c, input.workOrderId);
      if ('milestone' in input) {
        // The plan's milestones are the owner's to report (or a supervisor's and above, who may act on the complaint).
        if (actor.role === 'engineer' || actor.role === 'warehouse') throw new ForbiddenError();
        done = completeMilestone(w, input.milestone, now);
        const evidence = input.evidence?.length ? { evidence: input.evidence } : {};
        return {
          changes: { workOrders: replaceWorkOrder(c, done.workOrder) },
          events: doneEvents(c, now, actor.id, `milestone:${input.milestone}`, done, {
            ...(input.note ? { note: input.note } : {}),
            ...evidence,
          }),
        };
      }
      const step = input.step;
      const current = currentWorkStep(w);
      if (current && current.name === step && !mayDoStep(actor, c, current)) throw new ForbiddenError();
      const confirmedBy = step === 'confirmation' ? ('engineer_record' as const) : undefined;
      if (confirmedBy && !input.note && !input.evidence?.length) {
        // The engineer's record of a paper confirmation says where it is (004: "由工程师带回").
        throw new ValidationError({ evidence: { code: 'required' } });
      }
      done = completeStep(
        w,
        step,
        {
          by: actor.id,
          ...(input.note ? { note: input.note } : {}),
          ...(input.evidence ? { evidence: input.evidence } : {}),
          ...(confirmedBy ? { confirmedBy } : {}),
        },
        now,
        deps.policy,
        deps.calendar,
      );
      return {
        changes: { workOrders: replaceWorkOrder(c, done.workOrder) },
        events: doneEvents(c, now, actor.id, step, done, {
          ...(input.note ? { note: input.note } : {}),
          ...(input.evidence?.length ? { evidence: input.evidence } : {}),
          ...(confirmedBy ? { confirmedBy } : {}),
        }),
      };
    },
    notices: async (written) => stepDueNotices(deps, written, done!.workOrder, done!.next, actor.id),
  };
}

export function workOrderAssignSpec(input: Input<'work-order-assign'>, { deps, actor }: Ctx): ChangeSpec {
  const assignee = deps.policy.staff.find((s) => s.id === input.assigneeId);
  if (!assignee) throw new ValidationError({ assigneeId: { code: 'unknown_staff' } });
  let assigned: WorkOrder | undefined;
  return {
    decide: (c, now) => {
      if (!can(actor, 'work-order-assign', c)) throw new ForbiddenError();
      assigned = assignStep(findWorkOrder(c, input.workOrderId), input.step, assignee);
      return {
        changes: { workOrders: replaceWorkOrder(c, assigned) },
        events: [
          timelineEvent(c.id, 'work_order_assigned', now, actor.id, {
            workOrderId: assigned.id,
            step: input.step,
            assigneeId: assignee.id,
          }),
        ],
      };
    },
    notices: async (written) => {
      const step = currentWorkStep(assigned!);
      return step?.name === input.step ? stepDueNotices(deps, written, assigned!, step, actor.id) : [];
    },
  };
}

/**
 * The customer signs the service confirmation on the status page (004 服务确认单): the current
 * step of that work order must be the confirmation, or nothing changes.
 */
export function confirmServiceSpec(
  input: { workOrderId: string; note?: string },
  deps: MailDeps & Pick<StaffActionDeps, 'calendar'>,
): ChangeSpec {
  let done: StepDone | undefined;
  return {
    command: 'work-order-step',
    decide: (c, now) => {
      const w = findWorkOrder(c, input.workOrderId);
      if (currentWorkStep(w)?.name !== 'confirmation') {
        throw new InvalidTransitionError('work_order_step_not_current', { step: currentWorkStep(w)?.name ?? 'done' });
      }
      done = completeStep(
        w,
        'confirmation',
        { by: 'customer', confirmedBy: 'customer', ...(input.note ? { note: input.note } : {}) },
        now,
        deps.policy,
        deps.calendar,
      );
      return {
        changes: { workOrders: replaceWorkOrder(c, done.workOrder) },
        events: doneEvents(c, now, 'customer', 'confirmation', done, {
          ...(input.note ? { note: input.note } : {}),
          confirmedBy: 'customer',
        }),
      };
    },
    notices: async (written) => stepDueNotices(deps, written, done!.workOrder, done!.next),
  };
}

export const ConfirmServiceInput = z.object({
  workOrderId: ID,
  note: z.optional(multiLine(2000)),
});

/**
 * POST /status/{token}/confirm-service: the holder of the status link signs the service confirmation.
 * The signed link in the path is the credential: a page elsewhere cannot forge a post without it.
 */
export async function confirmServiceAsCustomer(
  deps: StaffActionDeps,
  token: string,
  body: unknown,
): Promise<ChangeResult> {
  const { complaintId } = await verifyCustomerLink(token, 'status', deps.links.key, deps.clock.now());
  const input = parseOrThrow(ConfirmServiceInput, body);
  return changeComplaint(deps, complaintId, confirmServiceSpec(input, deps));
}

/** The work orders the customer may sign for now (their confirmation step is current). */
export const awaitingCustomerSignature = (c: Complaint): WorkOrder[] =>
  openWorkOrders(c).filter((w) => currentWorkStep(w)?.name === 'confirmation');
