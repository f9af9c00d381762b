import { describe, expect, it } from 'vitest';
import { workOrderItems } from '../../shared/adapters/dynamo/keys.js';
import { can } from '../../shared/auth/staff.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import type { Complaint, WorkOrder } from '../../shared/model/complaint.js';
import { defaultGradingPolicy } from '../../shared/policy/grading-rules.js';
import { defaultRoutingPolicy } from '../../shared/policy/routing-rules.js';
import { parsePolicyDocument } from '../../shared/policy/schema.js';
import { workOrderEscalationMail } from '../../shared/templates/work-order-mails.js';
import { planNext } from '../../shared/workflow/plan.js';
import { decideOnTimer } from '../../shared/workflow/timer-decisions.js';
import {
  assignStep,
  completeMilestone,
  completeStep,
  dueWorkOrderEscalations,
  escalatedWorkOrders,
  mayDoStep,
  newWorkOrder,
  requireWorkOrdersDone,
  stepsFor,
} from '../../shared/workflow/work-orders.js';
import { aComplaint } from '../support/complaint-factory.js';
import { demoMember, policyWithDemoStaff as policy } from '../support/staff.js';

const calendar = createCalendar(policy.calendar);
const owner = demoMember('agent.li');
const engineer = demoMember('engineer.liu');
const warehouse = demoMember('warehouse.ma');
// Friday 27 November 2026, 17:00 in Shanghai: one working hour left that day.
const fridayFive = new Date('2026-11-27T09:00:00Z');

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    status: 'solution_proposed',
    department: 'customer_service',
    ownerId: owner.id,
    firstContactAt: '2026-11-27T07:00:00.000Z',
    solution: {
      summary: 'Repair the kettle',
      remedy: 'repair',
      proposedAt: '2026-11-27T08:00:00.000Z',
      proposedBy: owner.id,
      approval: 'not_required',
    },
    ...overrides,
  });
}

const repair = (now = fridayFive, remote = false) =>
  newWorkOrder(complaint(), { kind: 'repair', remote }, owner, now, policy, calendar);

function finish(w: WorkOrder, now: Date): WorkOrder {
  let next = w;
  for (const step of w.steps) next = completeStep(next, step.name, { by: 'x' }, now, policy, calendar).workOrder;
  return next;
}

describe('after-sales work orders', () => {
  it('gives each kind of work order the steps the policy lists for it, in order', () => {
    expect(stepsFor('repair', policy)).toEqual(['diagnosis', 'parts', 'visit', 'verification', 'confirmation']);
    expect(stepsFor('parts', policy)).toEqual(['parts', 'confirmation']);
    const own = {
      ...policy,
      workOrders: { ...policy.workOrders!, steps: { ...policy.workOrders!.steps, visit: ['visit' as const] } },
    };
    expect(stepsFor('visit', own)).toEqual(['visit']);
  });

  it('times the diagnosis in working hours: asked at 17:00 on a Friday, it is due at 10:00 on Monday', () => {
    expect(repair().steps[0]).toEqual({ name: 'diagnosis', dueAt: '2026-11-30T02:00:00.000Z' });
    expect(
      repair()
        .steps.slice(1)
        .every((s) => s.dueAt === undefined),
    ).toBe(true);
  });

  it('gives the warehouse two working days instead of one to ship parts to a remote area', () => {
    const monday = new Date('2026-11-30T02:00:00Z');
    const near = completeStep(repair(), 'diagnosis', { by: engineer.id }, monday, policy, calendar);
    const far = completeStep(repair(fridayFive, true), 'diagnosis', { by: engineer.id }, monday, policy, calendar);
    expect(near.next).toMatchObject({ name: 'parts', dueAt: '2026-12-01T02:00:00.000Z' });
    expect(far.next).toMatchObject({ name: 'parts', dueAt: '2026-12-02T02:00:00.000Z' });
  });

  it('refuses to open a work order before there is a solution, or while it waits for approval', () => {
    const open = (c: Complaint) => () => newWorkOrder(c, { kind: 'repair' }, owner, fridayFive, policy, calendar);
    expect(open(complaint({ solution: undefined }))).toThrow(InvalidTransitionError);
    expect(open(complaint({ solution: { ...complaint().solution!, approval: 'pending' } }))).toThrow(
      /approval_pending/,
    );
  });

  it('completes only the current step, says whether it was late, and marks the work order done after the last', () => {
    const w = repair();
    expect(() => completeStep(w, 'visit', { by: engineer.id }, fridayFive, policy, calendar)).toThrow(
      InvalidTransitionError,
    );
    const late = completeStep(w, 'diagnosis', { by: engineer.id }, new Date('2026-12-01T00:00:00Z'), policy, calendar);
    expect(late.late).toBe(true);
    const done = finish(w, fridayFive);
    expect(done.doneAt).toBe(fridayFive.toISOString());
  });

  it('lets only the step’s role do it, and only the named engineer once a step is given to one', () => {
    const c = complaint({ workOrders: [repair()] });
    const diagnosis = c.workOrders![0]!.steps[0]!;
    expect(mayDoStep(engineer, c, diagnosis)).toBe(true);
    expect(mayDoStep(warehouse, c, diagnosis)).toBe(false);
    expect(mayDoStep(owner, c, diagnosis)).toBe(false);
    const other = { ...engineer, id: 'engineer.zhu' };
    const given = assignStep(c.workOrders![0]!, 'diagnosis', other).steps[0]!;
    expect(mayDoStep(engineer, c, given)).toBe(false);
    expect(mayDoStep(other, c, given)).toBe(true);
    expect(() => assignStep(c.workOrders![0]!, 'parts', engineer)).toThrow(/validation/i);
  });

  it('gives engineers and warehouse staff the work-order steps and nothing of the lead’s other actions', () => {
    const c = complaint({ workOrders: [repair()] });
    expect(can(engineer, 'view', c)).toBe(true);
    expect(can(engineer, 'work-order-step', c)).toBe(true);
    for (const action of ['resolve', 'reply', 'note', 'propose', 'open-work-order', 'work-order-assign'] as const) {
      expect(can(engineer, action, c)).toBe(false);
      expect(can(warehouse, action, c)).toBe(false);
    }
    expect(can(engineer, 'view', complaint())).toBe(false);
    expect(can(owner, 'open-work-order', c)).toBe(true);
  });

  it('refuses to resolve while a work order is open, and allows it once every one is done', () => {
    expect(() => requireWorkOrdersDone(complaint({ workOrders: [repair()] }))).toThrow(/work_order_open/);
    expect(() => requireWorkOrdersDone(complaint({ workOrders: [finish(repair(), fridayFive)] }))).not.toThrow();
  });

  it('wakes the workflow at a work-order step’s deadline, beside the complaint’s own', () => {
    const c = complaint({
      deadlines: { ...complaint().deadlines, resolve: '2026-12-10T00:00:00.000Z' },
      lastCustomerUpdateAt: '2026-11-29T09:00:00.000Z',
      workOrders: [repair()],
    });
    const plan = planNext(c, fridayFive, policy, calendar);
    expect(plan).toMatchObject({ reason: 'work_order_due', wakeAt: '2026-11-30T02:00:00.000Z' });
  });

  it('escalates a missed step to the supervisor with its holder, then the head, then the manager once', () => {
    let c = complaint({ workOrders: [repair()] });
    const due = new Date('2026-11-30T03:00:00Z');
    const first = dueWorkOrderEscalations(c, due, policy, calendar);
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      step: 'diagnosis',
      role: 'supervisor',
      missedDeadline: '2026-11-30T02:00:00.000Z',
    });
    expect(first[0]!.notify.map((s) => s.id)).toEqual(expect.arrayContaining([engineer.id, 'supervisor.wang']));
    expect(decideOnTimer(c, due, policy, calendar).workOrders).toEqual(first);
    c = { ...c, workOrders: escalatedWorkOrders(c, first) };
    expect(dueWorkOrderEscalations(c, due, policy, calendar)).toEqual([]);
    const later = new Date('2026-12-05T00:00:00Z');
    const second = dueWorkOrderEscalations(c, later, policy, calendar);
    expect(second[0]).toMatchObject({ role: 'department_head' });
    c = { ...c, workOrders: escalatedWorkOrders(c, second) };
    const third = dueWorkOrderEscalations(c, new Date('2026-12-20T00:00:00Z'), policy, calendar);
    expect(third[0]).toMatchObject({ role: 'manager' });
    expect(third[0]!.newDeadline).toBeUndefined();
    c = { ...c, workOrders: escalatedWorkOrders(c, third) };
    expect(dueWorkOrderEscalations(c, new Date('2027-01-01T00:00:00Z'), policy, calendar)).toEqual([]);
  });

  it('treats each milestone of a long-running work order as a deadline, and is done only once they are reached', () => {
    const milestones = [{ name: 'firmware 2.1 released', dueAt: '2026-12-15T02:00:00.000Z' }];
    const w = newWorkOrder(complaint(), { kind: 'parts', milestones }, owner, fridayFive, policy, calendar);
    const stepsDone = finish(w, fridayFive);
    expect(stepsDone.doneAt).toBeUndefined();
    const c = complaint({ workOrders: [stepsDone] });
    expect(dueWorkOrderEscalations(c, new Date('2026-12-16T00:00:00Z'), policy, calendar)[0]).toMatchObject({
      step: 'milestone:firmware 2.1 released',
      role: 'supervisor',
    });
    expect(completeMilestone(stepsDone, 'firmware 2.1 released', new Date('2026-12-16T00:00:00Z'))).toMatchObject({
      finished: true,
      late: true,
    });
  });

  it('puts the current step in its holders’ queues and takes it out once the work order is done', () => {
    const c = complaint({ workOrders: [repair()] });
    expect(workOrderItems(c).map((i) => i.item?.partnerKey)).toEqual(['WORKSTEP#ROLE#engineer', undefined]);
    const atVerification: WorkOrder = {
      ...c.workOrders![0]!,
      steps: c.workOrders![0]!.steps.map((s, i) => (i < 3 ? { ...s, doneAt: 'x' } : s)),
    };
    expect(workOrderItems({ ...c, workOrders: [atVerification] }).map((i) => i.item?.partnerKey)).toEqual([
      'WORKSTEP#STAFF#agent.li',
      'WORKSTEP#ROLE#engineer',
    ]);
    const done = finish(c.workOrders![0]!, fridayFive);
    expect(workOrderItems({ ...c, workOrders: [done] }).every((i) => i.item === undefined)).toBe(true);
  });

  it('checks the policy’s work-order section: steps in order, known steps, durations', () => {
    const { staff: _staff, ...core } = policy;
    const document = { ...core, grading: defaultGradingPolicy, routing: defaultRoutingPolicy };
    const bad = {
      ...document,
      workOrders: { ...policy.workOrders!, steps: { ...policy.workOrders!.steps, repair: ['visit', 'diagnosis'] } },
    };
    expect(() => parsePolicyDocument(bad)).toThrow();
    expect(parsePolicyDocument(document).workOrders).toEqual(policy.workOrders);
  });

  it('escapes what staff wrote in the escalation mail', () => {
    const w = { ...repair(), note: '<script>alert(1)</script>' };
    const mail = workOrderEscalationMail({
      complaint: complaint(),
      staff: demoMember('supervisor.wang'),
      workOrder: w,
      step: 'milestone:<b>x</b>',
      role: 'supervisor',
      missedDeadline: '2026-11-30T02:00:00.000Z',
      timezone: 'Asia/Shanghai',
      staffUrl: 'https://example.test/console',
    });
    expect(mail.html).not.toContain('<b>x</b>');
    expect(mail.subject).toContain('工单逾期');
  });
});
