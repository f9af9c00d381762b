import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidTransitionError } from '../../shared/errors/index.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { performStaffAction } from '../../shared/usecases/staff-actions.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { timerStep } from '../../shared/usecases/workflow-steps.js';
import { acceptFromOfferMail } from '../support/acceptance.js';
import { InMemoryTokens } from '../support/recording-ports.js';
import { demoMember, policyWithDemoStaff as policy } from '../support/staff.js';
import { givenContacted, staffActionWorld } from '../support/staff-action-harness.js';

describe('work orders against the table', () => {
  // Monday 23 November 2026, 10:00 in Shanghai, at the start of each test.
  const w = staffActionWorld('work-orders', policy);

  const given = () =>
    givenContacted(w, {
      status: 'solution_proposed',
      solution: {
        summary: 'Repair at home',
        remedy: 'repair',
        proposedAt: w.now.toISOString(),
        proposedBy: 'agent.li',
        approval: 'not_required',
      },
    });
  const act = (who: string, c: Complaint, action: string, body: unknown = {}) =>
    performStaffAction(w.deps, { complaintId: c.id, action, actor: demoMember(who), body });
  const queue = async (who: string) =>
    (await listStaffComplaints(w.deps, demoMember(who), parseStaffQueueQuery({ view: 'work-orders' }))).items.map(
      (i) => i.id,
    );

  it('moves the current step from queue to queue as it is done, and resolves only once the work order is', async () => {
    const c = await given();
    const { complaint: opened } = await act('agent.li', c, 'open-work-order', { kind: 'repair' });
    const workOrderId = opened.workOrders![0]!.id;
    expect(w.mailer.sent.map((m) => m.to)).toContain('engineer.liu@closeloop.local');
    expect(await queue('engineer.liu')).toEqual([c.id]);
    expect(await queue('warehouse.ma')).toEqual([]);

    await expect(act('warehouse.ma', c, 'work-order-step', { workOrderId, step: 'diagnosis' })).rejects.toThrow(
      ForbiddenError,
    );
    await act('engineer.liu', c, 'work-order-step', { workOrderId, step: 'diagnosis', note: 'Element burnt' });
    expect(await queue('engineer.liu')).toEqual([]);
    expect(await queue('warehouse.ma')).toEqual([c.id]);
    await act('warehouse.ma', c, 'work-order-step', { workOrderId, step: 'parts', evidence: ['SF123'] });
    await act('engineer.liu', c, 'work-order-step', { workOrderId, step: 'visit' });
    // Verification is the owner's or an engineer's: both queues hold it.
    expect(await queue('agent.li')).toEqual([c.id]);
    expect(await queue('engineer.liu')).toEqual([c.id]);
    await act('agent.li', c, 'work-order-step', { workOrderId, step: 'verification' });
    await expect(act('agent.li', c, 'resolve', { summary: 'Fixed' })).rejects.toThrow(InvalidTransitionError);
    // The engineer records the paper service confirmation, which must say where it is.
    await expect(act('engineer.liu', c, 'work-order-step', { workOrderId, step: 'confirmation' })).rejects.toThrow(
      /validation/i,
    );
    await act('engineer.liu', c, 'work-order-step', { workOrderId, step: 'confirmation', evidence: ['form #88'] });
    expect(await queue('engineer.liu')).toEqual([]);
    const { complaint: resolved } = await act('agent.li', c, 'resolve', { summary: 'Fixed' });
    expect(resolved.status).toBe('resolved');
    const types = (await w.store.listTimeline(c.id)).map((e) => e.type);
    expect(types.filter((t) => t.startsWith('work_order'))).toEqual([
      'work_order_opened',
      ...Array(5).fill('work_order_step_done'),
      'work_order_done',
    ]);
  });

  it('opens no work order before the customer has accepted the solution it carries out, and opens it once they have', async () => {
    const c = await givenContacted(w);
    await act('agent.li', c, 'propose', { summary: 'Repair at home', remedy: 'repair' });
    await expect(act('agent.li', c, 'open-work-order', { kind: 'repair' })).rejects.toMatchObject({
      reason: 'solution_not_accepted',
    });
    expect((await w.store.getComplaint(c.id))?.workOrders).toBeUndefined();
    await acceptFromOfferMail(w.deps, w.mailer.sent, c.id);
    const { complaint } = await act('agent.li', c, 'open-work-order', { kind: 'repair' });
    expect(complaint.workOrders).toHaveLength(1);
  });

  it('escalates a missed step through the workflow’s timer once, and mails the supervisor', async () => {
    const c = await given();
    await act('agent.li', c, 'open-work-order', { kind: 'visit' });
    w.mailer.sent.length = 0;
    // Past the diagnosis deadline (2 working hours): Monday 13:00 in Shanghai.
    w.now = new Date('2026-11-23T05:00:00Z');
    const plan = await timerStep({ ...w.deps, mailer: w.mailer, tokens: new InMemoryTokens() }, c.id);
    const after = (await w.store.getComplaint(c.id))!;
    expect(after.workOrders![0]!.steps[0]!.escalation?.level).toBe(1);
    const escalated = (await w.store.listTimeline(c.id)).filter((e) => e.type === 'work_order_escalated');
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.data).toMatchObject({ step: 'diagnosis', role: 'supervisor' });
    expect(w.mailer.sent.map((m) => m.to)).toEqual(
      expect.arrayContaining(['supervisor.wang@closeloop.local', 'engineer.liu@closeloop.local']),
    );
    expect(plan.reason).not.toBe('now');
    // A retried timer at the same moment finds nothing more due.
    await timerStep({ ...w.deps, mailer: w.mailer, tokens: new InMemoryTokens() }, c.id);
    expect((await w.store.listTimeline(c.id)).filter((e) => e.type === 'work_order_escalated')).toHaveLength(1);
  });
});
