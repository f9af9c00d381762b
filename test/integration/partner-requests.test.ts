import { describe, expect, it } from 'vitest';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../../shared/errors/index.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy } from '../../shared/policy/types.js';
import { performStaffAction } from '../../shared/usecases/staff-actions.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { timerStep } from '../../shared/usecases/workflow-steps.js';
import { InMemoryTokens } from '../support/recording-ports.js';
import { demoStaff } from '../support/staff.js';
import { givenContacted, staffActionWorld } from '../support/staff-action-harness.js';

const policy: Policy = {
  ...defaultPolicy,
  staff: [
    ...demoStaff,
    {
      id: 'head.ma',
      name: 'Ma Qiang',
      email: 'head.ma@closeloop.local',
      role: 'department_head',
      department: 'supply_chain',
      locale: 'zh-CN',
    },
  ],
};
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;

describe('partner requests against the table', () => {
  // Monday 23 November 2026, 10:00 in Shanghai, at the start of each test.
  const w = staffActionWorld('partners', policy);

  const given = (overrides: Partial<Complaint> = {}) => givenContacted(w, overrides);

  const act = (actor: string, c: Complaint, action: string, body: unknown) =>
    performStaffAction(w.deps, { complaintId: c.id, action, actor: staff(actor), body });
  const requestsOf = async (actor: string) =>
    (await listStaffComplaints(w.deps, staff(actor), parseStaffQueueQuery({ view: 'requests' }))).items;

  it('puts an asked complaint in the partner’s queue, soonest answer first, until it is answered', async () => {
    const later = await given();
    const sooner = await given();
    await act('supervisor.wang', later, 'request-partner', { department: 'supply_chain', question: 'Where is it?' });
    w.now = new Date(w.now.getTime() - 3600_000);
    const { complaint: asked } = await act('supervisor.wang', sooner, 'request-partner', {
      department: 'supply_chain',
      question: 'And this one?',
    });
    w.now = new Date('2026-11-23T02:00:00Z');

    const queue = await requestsOf('agent.he');
    expect(queue.map((i) => i.id).slice(0, 2)).toEqual([sooner.id, later.id]);
    expect(queue[0]!.partnerRequest).toMatchObject({ department: 'supply_chain', overdue: false });
    expect(queue[0]!.partnerRequest!.dueAt).toBe(asked.partnerRequests![0]!.dueAt);
    // The partner department's agents and supervisors are told; the lead's queue has none of it.
    expect(w.mailer.sent.map((m) => m.to)).toContain('agent.he@closeloop.local');
    expect(await requestsOf('agent.li')).toEqual([]);

    const requestId = asked.partnerRequests![0]!.id;
    await expect(act('agent.li', sooner, 'answer-partner', { requestId, answer: 'x' })).rejects.toThrow(ForbiddenError);
    const { complaint } = await act('agent.he', sooner, 'answer-partner', { requestId, answer: 'Found it.' });
    expect(complaint.partnerRequests![0]).toMatchObject({ answer: 'Found it.', answeredBy: 'agent.he' });
    expect((await requestsOf('agent.he')).map((i) => i.id)).not.toContain(sooner.id);
    await expect(act('agent.he', sooner, 'answer-partner', { requestId, answer: 'again' })).rejects.toThrow(
      InvalidTransitionError,
    );
    await expect(act('agent.he', sooner, 'answer-partner', { requestId: 'nope', answer: 'x' })).rejects.toThrow(
      ValidationError,
    );
  });

  it('narrows the partner’s queue by grade and status, as the other queues', async () => {
    const p1 = await given({ grade: 'P1' });
    const p3 = await given({ grade: 'P3' });
    for (const c of [p1, p3]) {
      await act('supervisor.wang', c, 'request-partner', { department: 'supply_chain', question: 'Stock?' });
    }
    const narrowed = async (query: Record<string, string>) =>
      (await listStaffComplaints(w.deps, staff('agent.he'), parseStaffQueueQuery({ view: 'requests', ...query }))).items
        .map((i) => i.id)
        .filter((id) => id === p1.id || id === p3.id);
    expect(await narrowed({ grade: 'P1' })).toEqual([p1.id]);
    expect(await narrowed({ grade: 'P3' })).toEqual([p3.id]);
    expect(await narrowed({ status: p1.status })).toEqual(expect.arrayContaining([p1.id, p3.id]));
    expect(await narrowed({ status: 'closed' })).toEqual([]);
  });

  it('lists a complaint that asked two departments in both their queues', async () => {
    const c = await given();
    await act('supervisor.wang', c, 'request-partner', { department: 'supply_chain', question: 'Parcel?' });
    await act('supervisor.wang', c, 'request-partner', { department: 'finance', question: 'Refund?' });
    expect((await requestsOf('agent.he')).map((i) => i.id)).toContain(c.id);
    expect((await requestsOf('agent.zhou')).map((i) => i.id)).toContain(c.id);
  });

  it('escalates an unanswered request to the partner’s head through the workflow timer', async () => {
    const c = await given();
    const { complaint: asked } = await act('supervisor.wang', c, 'request-partner', {
      department: 'supply_chain',
      question: 'Parcel?',
    });
    w.mailer.sent.length = 0;
    w.now = new Date(asked.partnerRequests![0]!.dueAt);
    const plan = await timerStep({ ...w.deps, mailer: w.mailer, tokens: new InMemoryTokens() }, c.id);
    const written = (await w.store.getComplaint(c.id))!;
    expect(written.partnerRequests![0]!.escalation?.level).toBe(2);
    expect((await w.store.listTimeline(c.id)).map((e) => e.type)).toContain('partner_escalated');
    // A day on, the 24-hour progress mail is due too; the escalation reaches the partner's head alone.
    const escalations = w.mailer.sent.filter((m) => m.tags?.kind === 'partner_escalation');
    expect(escalations.map((m) => m.to)).toEqual(['head.ma@closeloop.local']);
    expect(plan.step).toBe('await_solution');
    // Still owed, and overdue, in the partner's queue.
    w.now = new Date(w.now.getTime() + 60_000);
    expect((await requestsOf('agent.he')).find((i) => i.id === c.id)?.partnerRequest?.overdue).toBe(true);
  });

  it('takes a dispute to the manager, mailed and on the timeline', async () => {
    const c = await given();
    const { complaint: asked } = await act('supervisor.wang', c, 'request-partner', {
      department: 'supply_chain',
      question: 'Who refunds?',
    });
    w.mailer.sent.length = 0;
    const requestId = asked.partnerRequests![0]!.id;
    await expect(act('agent.he', c, 'dispute-partner', { requestId, reason: 'Not ours' })).rejects.toThrow(
      ForbiddenError,
    );
    await act('head.ma', c, 'dispute-partner', { requestId, reason: 'The carrier is customer service’s.' });
    const event = (await w.store.listTimeline(c.id)).find((e) => e.type === 'partner_disputed');
    expect(event?.data).toMatchObject({ requestId, notified: ['manager.sun'] });
    expect(w.mailer.sent.map((m) => m.to)).toEqual(['manager.sun@closeloop.local']);
  });
});
