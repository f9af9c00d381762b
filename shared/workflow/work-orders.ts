import { randomUUID } from 'node:crypto';
import { addDuration } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import { InvalidTransitionError, ValidationError } from '../errors/index.js';
import {
  type Complaint,
  ESCALATION_LADDER,
  type EscalationRole,
  WORK_STEP_ROLES,
  type WorkOrder,
  type WorkOrderKind,
  type WorkOrderMilestone,
  type WorkOrderStep,
  type WorkOrderStepName,
  type WorkStepHolder,
} from '../model/complaint.js';
import type { Duration, Policy, StaffMember, WorkOrderPolicy } from '../policy/types.js';
import { defaultWorkOrderPolicy } from '../policy/work-order-policy.js';
import { requireAcceptance } from './acceptance.js';
import { staffOnRung } from './timer-decisions.js';

/**
 * After-sales work orders (002, 004). A solution that needs work opens a work order under the
 * complaint; its steps are done one after the other, each by the people 004 names, each with a
 * deadline from the policy counted from the moment it becomes current. Like partner requests it
 * is a side clock: the complaint's own step keeps its deadlines, and a missed step climbs the
 * complaint's ladder (owner → supervisor → department head → manager). The complaint resolves
 * only once every work order is done.
 */

export const STEP_ROLES = WORK_STEP_ROLES;
type StepHolder = WorkStepHolder;

export const workOrderPolicy = (policy: Policy): WorkOrderPolicy => policy.workOrders ?? defaultWorkOrderPolicy;

/** The steps a kind of work order has, in order: data in the policy. */
export const stepsFor = (kind: WorkOrderKind, policy: Policy): WorkOrderStepName[] =>
  workOrderPolicy(policy).steps[kind];

/** How long a step may take once it is current; parts to a remote area take the longer time. */
export function stepWithin(step: WorkOrderStepName, remote: boolean, policy: Policy): Duration {
  const p = workOrderPolicy(policy);
  return step === 'parts' && remote ? p.remotePartsWithin : p.within[step];
}

export const isOpenWorkOrder = (w: WorkOrder): boolean => w.doneAt === undefined;
export const openWorkOrders = (c: Complaint): WorkOrder[] => (c.workOrders ?? []).filter(isOpenWorkOrder);

/** The step being worked on: the first not done. */
export const currentWorkStep = (w: WorkOrder): WorkOrderStep | undefined => w.steps.find((s) => !s.doneAt);

/** The resolve guard: a complaint resolves only once every work order is done (and so verified and confirmed). */
export function requireWorkOrdersDone(c: Complaint): void {
  if (openWorkOrders(c).length > 0) throw new InvalidTransitionError('work_order_open');
}

export interface NewWorkOrderInput {
  kind: WorkOrderKind;
  remote?: boolean;
  note?: string;
  milestones?: { name: string; dueAt: string }[];
}

/** A new work order; only once a solution exists (what the work carries out) and not once it was rejected. */
export function newWorkOrder(
  c: Complaint,
  input: NewWorkOrderInput,
  actor: StaffMember,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): WorkOrder {
  if (!c.solution || c.solution.approval === 'rejected') throw new InvalidTransitionError('no_solution');
  if (c.solution.approval === 'pending') throw new InvalidTransitionError('approval_pending');
  // A work order carries the solution out: not before the customer agreed to it (003/004 "确认客户同意后执行").
  requireAcceptance(c);
  const milestones = input.milestones ?? [];
  milestones.forEach((m, i) => {
    if (new Date(m.dueAt).getTime() <= now.getTime()) {
      throw new ValidationError({ [`milestones.${i}.dueAt`]: { code: 'must_be_future' } });
    }
  });
  if (new Set(milestones.map((m) => m.name)).size !== milestones.length) {
    throw new ValidationError({ milestones: { code: 'duplicate_name' } });
  }
  const remote = input.remote === true;
  const [first, ...rest] = stepsFor(input.kind, policy);
  return {
    id: randomUUID(),
    kind: input.kind,
    ...(remote ? { remote } : {}),
    ...(input.note ? { note: input.note } : {}),
    openedBy: actor.id,
    openedAt: now.toISOString(),
    steps: [
      { name: first!, dueAt: addDuration(now, stepWithin(first!, remote, policy), calendar).toISOString() },
      ...rest.map((name) => ({ name })),
    ],
    ...(milestones.length > 0 ? { milestones: [...milestones].sort((a, b) => a.dueAt.localeCompare(b.dueAt)) } : {}),
  };
}

export function findWorkOrder(c: Complaint, workOrderId: string): WorkOrder {
  const found = (c.workOrders ?? []).find((w) => w.id === workOrderId);
  if (!found) throw new ValidationError({ workOrderId: { code: 'unknown_work_order' } });
  return found;
}

/** Whether a member of staff may do the step: the named assignee, else anyone of its roles; a manager always. */
export function mayDoStep(staff: StaffMember, c: Complaint, step: WorkOrderStep): boolean {
  if (staff.role === 'manager') return true;
  if (step.assigneeId !== undefined && step.assigneeId === staff.id) return true;
  return STEP_ROLES[step.name].some(
    (holder) =>
      (holder === 'owner' && c.ownerId === staff.id) ||
      (step.assigneeId === undefined && holder !== 'owner' && holder !== 'customer' && holder === staff.role),
  );
}

/** Whether the customer signs this step (on the status page). */
export const customerSigns = (w: WorkOrder): boolean => currentWorkStep(w)?.name === 'confirmation';

export interface StepDone {
  workOrder: WorkOrder;
  late: boolean;
  next?: WorkOrderStep;
  finished: boolean;
}

/** The work order with its current step done, the next one timed from now; refused for any step but the current. */
export function completeStep(
  w: WorkOrder,
  name: WorkOrderStepName,
  done: { by: string; note?: string; evidence?: string[]; confirmedBy?: 'customer' | 'engineer_record' },
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): StepDone {
  if (!isOpenWorkOrder(w)) throw new InvalidTransitionError('work_order_done');
  const current = currentWorkStep(w)!;
  if (current.name !== name) throw new InvalidTransitionError('work_order_step_not_current', { step: current.name });
  const at = now.toISOString();
  const late = current.dueAt !== undefined && current.dueAt < at;
  const steps = w.steps.map((s) => ({ ...s }));
  const i = steps.findIndex((s) => s.name === name);
  steps[i] = {
    ...current,
    doneAt: at,
    doneBy: done.by,
    ...(done.note ? { note: done.note } : {}),
    ...(done.evidence?.length ? { evidence: done.evidence } : {}),
    ...(done.confirmedBy ? { confirmedBy: done.confirmedBy } : {}),
  };
  const nextIndex = i + 1 < steps.length ? i + 1 : undefined;
  if (nextIndex !== undefined) {
    const following = steps[nextIndex]!;
    steps[nextIndex] = {
      ...following,
      dueAt: addDuration(now, stepWithin(following.name, w.remote === true, policy), calendar).toISOString(),
    };
  }
  const finished = nextIndex === undefined && (w.milestones ?? []).every((m) => m.doneAt !== undefined);
  return {
    workOrder: { ...w, steps, ...(finished ? { doneAt: at } : {}) },
    late,
    ...(nextIndex !== undefined ? { next: steps[nextIndex] } : {}),
    finished,
  };
}

/** A milestone of the plan reached; the work order is done once its steps and milestones all are. */
export function completeMilestone(w: WorkOrder, name: string, now: Date): StepDone {
  const milestone = (w.milestones ?? []).find((m) => m.name === name);
  if (!milestone) throw new ValidationError({ milestone: { code: 'unknown_milestone' } });
  if (milestone.doneAt) throw new InvalidTransitionError('milestone_done');
  const at = now.toISOString();
  const milestones = (w.milestones ?? []).map((m) => (m.name === name ? { ...m, doneAt: at } : m));
  const finished = currentWorkStep(w) === undefined && milestones.every((m) => m.doneAt !== undefined);
  return {
    workOrder: { ...w, milestones, ...(finished ? { doneAt: at } : {}) },
    late: milestone.dueAt < at,
    finished,
  };
}

export function assignStep(w: WorkOrder, name: WorkOrderStepName, assignee: StaffMember): WorkOrder {
  const step = w.steps.find((s) => s.name === name);
  if (!step) throw new ValidationError({ step: { code: 'unknown_step' } });
  if (step.doneAt) throw new InvalidTransitionError('work_order_step_done', { step: name });
  const roles = STEP_ROLES[name];
  if (!roles.includes(assignee.role as StepHolder) && assignee.role !== 'manager') {
    throw new ValidationError({ assigneeId: { code: 'wrong_role' } });
  }
  return { ...w, steps: w.steps.map((s) => (s.name === name ? { ...s, assigneeId: assignee.id } : s)) };
}

export const replaceWorkOrder = (c: Complaint, next: WorkOrder): WorkOrder[] =>
  (c.workOrders ?? []).map((w) => (w.id === next.id ? next : w));

// ----- The side clock: each open work order's current step and its milestones are deadlines.

type Timed = { escalation?: { level: number; deadline?: string }; dueAt?: string };

/** When a step or milestone next needs someone told: its deadline, then the escalated one; none once the manager knows. */
function timedDeadline(t: Timed): string | undefined {
  if (t.escalation) return t.escalation.deadline;
  return t.dueAt;
}

/** The clocks of one open work order: its current step, then each milestone not yet reached. */
function clocks(w: WorkOrder): { name: string; timed: Timed }[] {
  if (!isOpenWorkOrder(w)) return [];
  const step = currentWorkStep(w);
  return [
    ...(step ? [{ name: step.name, timed: step as Timed }] : []),
    ...(w.milestones ?? []).filter((m) => !m.doneAt).map((m) => ({ name: `milestone:${m.name}`, timed: m as Timed })),
  ];
}

/** The earliest moment an open work order of an unresolved complaint needs the workflow. */
export function nextWorkOrderDeadline(c: Complaint): Date | undefined {
  if (c.status === 'closed') return undefined;
  const due = (c.workOrders ?? [])
    .flatMap(clocks)
    .map((k) => timedDeadline(k.timed))
    .filter((at): at is string => at !== undefined)
    .sort();
  return due[0] === undefined ? undefined : new Date(due[0]);
}

export interface WorkOrderEscalation {
  workOrderId: string;
  /** The step's name, or `milestone:<name>`. */
  step: string;
  missedDeadline: string;
  level: number;
  role: EscalationRole;
  newDeadline?: string;
  notify: StaffMember[];
}

/** Those who hold the step now: its assignee, or the people of its roles (the owner for 'owner'). */
export function stepHolders(c: Complaint, step: WorkOrderStep, policy: Policy): StaffMember[] {
  if (step.assigneeId) return policy.staff.filter((s) => s.id === step.assigneeId);
  return policy.staff.filter((s) =>
    STEP_ROLES[step.name].some((h) => (h === 'owner' ? s.id === c.ownerId : h !== 'customer' && s.role === h)),
  );
}

/**
 * Pure: the steps and milestones past their deadline, each one rung higher on the complaint's
 * ladder: the supervisor first (the step's holder is reminded with them), then the department head,
 * then the manager, who is told once. Written with the new rung, so a retried timer finds nothing due.
 */
export function dueWorkOrderEscalations(
  c: Complaint,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): WorkOrderEscalation[] {
  if (c.status === 'closed') return [];
  const top = ESCALATION_LADDER.length - 1;
  const out: WorkOrderEscalation[] = [];
  for (const w of c.workOrders ?? []) {
    for (const { name, timed } of clocks(w)) {
      const missed = timedDeadline(timed);
      if (missed === undefined || new Date(missed).getTime() > now.getTime()) continue;
      const level = Math.min((timed.escalation?.level ?? 0) + 1, top);
      const role = ESCALATION_LADDER[level]!;
      const holders =
        level === 1 && !name.startsWith('milestone:') ? stepHolders(c, timed as WorkOrderStep, policy) : [];
      const notify = [...new Map([...holders, ...staffOnRung(c, role, policy)].map((s) => [s.id, s])).values()];
      out.push({
        workOrderId: w.id,
        step: name,
        missedDeadline: missed,
        level,
        role,
        ...(level < top
          ? { newDeadline: addDuration(now, policy.workflow.escalationGrace[c.grade], calendar).toISOString() }
          : {}),
        notify,
      });
    }
  }
  return out;
}

/** The work orders as written once escalated. */
export function escalatedWorkOrders(c: Complaint, escalations: WorkOrderEscalation[]): WorkOrder[] {
  return (c.workOrders ?? []).map((w) => {
    const mine = escalations.filter((e) => e.workOrderId === w.id);
    if (mine.length === 0) return w;
    const mark = <T extends Timed>(t: T, name: string): T => {
      const e = mine.find((x) => x.step === name);
      return e ? { ...t, escalation: { level: e.level, ...(e.newDeadline ? { deadline: e.newDeadline } : {}) } } : t;
    };
    return {
      ...w,
      steps: w.steps.map((s) => mark(s, s.name)),
      ...(w.milestones
        ? { milestones: w.milestones.map((m): WorkOrderMilestone => mark(m, `milestone:${m.name}`)) }
        : {}),
    };
  });
}

/** How a step stands for the people waiting on it. */
export type WorkStepState = 'done' | 'overdue' | 'current' | 'later';

export function workStepState(w: WorkOrder, step: WorkOrderStep, now: Date): WorkStepState {
  if (step.doneAt) return 'done';
  if (currentWorkStep(w)?.name !== step.name) return 'later';
  return step.dueAt !== undefined && new Date(step.dueAt).getTime() < now.getTime() ? 'overdue' : 'current';
}
