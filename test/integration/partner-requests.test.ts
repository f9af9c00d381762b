import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { ForbiddenError, InvalidTransitionError, ValidationError } from '../../shared/errors/index.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy } from '../../shared/policy/types.js';
import type { Clock } from '../../shared/ports/index.js';
import { performStaffAction, type StaffActionDeps } from '../../shared/usecases/staff-actions.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { timerStep } from '../../shared/usecases/workflow-steps.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { InMemoryTokens, RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { demoStaff } from '../support/staff.js';

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
const calendar = createCalendar(policy.calendar);
const key = new TextEncoder().encode('partner-requests-test-secret-0123456789');
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;

describe('partner requests against the table', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let mailer: RecordingMailer;
  let deps: StaffActionDeps;
  // Monday 23 November 2026, 10:00 in Shanghai.
  let now: Date;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable('partners');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-23T02:00:00Z');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    mailer = new RecordingMailer();
    deps = {
      store,
      tokens: new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName }),
      workflow: new RecordingWorkflow(),
      mailer,
      clock,
      policy,
      calendar,
      links: { baseUrl: 'http://localhost:3000', key },
    };
  });

  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const receivedAt = new Date(now.getTime() - 30 * 60_000);
    const complaint = aComplaint({
      status: 'in_progress',
      department: 'customer_service',
      ownerId: 'agent.li',
      receivedAt: receivedAt.toISOString(),
      acknowledgedAt: receivedAt.toISOString(),
      firstContactAt: receivedAt.toISOString(),
      lastCustomerUpdateAt: receivedAt.toISOString(),
      deadlines: computeDeadlines(receivedAt, 'P3', policy.deadlines, calendar),
      ...overrides,
    });
    await store.createComplaint(complaint, [], [], now);
    return complaint;
  }

  const act = (actor: string, c: Complaint, action: string, body: unknown) =>
    performStaffAction(deps, { complaintId: c.id, action, actor: staff(actor), body });
  const requestsOf = async (actor: string) =>
    (await listStaffComplaints(deps, staff(actor), parseStaffQueueQuery({ view: 'requests' }))).items;

  it('puts an asked complaint in the partner’s queue, soonest answer first, until it is answered', async () => {
    const later = await given();
    const sooner = await given();
    await act('supervisor.wang', later, 'request-partner', { department: 'supply_chain', question: 'Where is it?' });
    now = new Date(now.getTime() - 3600_000);
    const { complaint: asked } = await act('supervisor.wang', sooner, 'request-partner', {
      department: 'supply_chain',
      question: 'And this one?',
    });
    now = new Date('2026-11-23T02:00:00Z');

    const queue = await requestsOf('agent.he');
    expect(queue.map((i) => i.id).slice(0, 2)).toEqual([sooner.id, later.id]);
    expect(queue[0]!.partnerRequest).toMatchObject({ department: 'supply_chain', overdue: false });
    expect(queue[0]!.partnerRequest!.dueAt).toBe(asked.partnerRequests![0]!.dueAt);
    // The partner department's agents and supervisors are told; the lead's queue has none of it.
    expect(mailer.sent.map((m) => m.to)).toContain('agent.he@closeloop.local');
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
    mailer.sent.length = 0;
    now = new Date(asked.partnerRequests![0]!.dueAt);
    const plan = await timerStep({ ...deps, mailer, tokens: new InMemoryTokens() }, c.id);
    const written = (await store.getComplaint(c.id))!;
    expect(written.partnerRequests![0]!.escalation?.level).toBe(2);
    expect((await store.listTimeline(c.id)).map((e) => e.type)).toContain('partner_escalated');
    // A day on, the 24-hour progress mail is due too; the escalation reaches the partner's head alone.
    const escalations = mailer.sent.filter((m) => m.tags?.kind === 'partner_escalation');
    expect(escalations.map((m) => m.to)).toEqual(['head.ma@closeloop.local']);
    expect(plan.step).toBe('await_solution');
    // Still owed, and overdue, in the partner's queue.
    now = new Date(now.getTime() + 60_000);
    expect((await requestsOf('agent.he')).find((i) => i.id === c.id)?.partnerRequest?.overdue).toBe(true);
  });

  it('takes a dispute to the manager, mailed and on the timeline', async () => {
    const c = await given();
    const { complaint: asked } = await act('supervisor.wang', c, 'request-partner', {
      department: 'supply_chain',
      question: 'Who refunds?',
    });
    mailer.sent.length = 0;
    const requestId = asked.partnerRequests![0]!.id;
    await expect(act('agent.he', c, 'dispute-partner', { requestId, reason: 'Not ours' })).rejects.toThrow(
      ForbiddenError,
    );
    await act('head.ma', c, 'dispute-partner', { requestId, reason: 'The carrier is customer service’s.' });
    const event = (await store.listTimeline(c.id)).find((e) => e.type === 'partner_disputed');
    expect(event?.data).toMatchObject({ requestId, notified: ['manager.sun'] });
    expect(mailer.sent.map((m) => m.to)).toEqual(['manager.sun@closeloop.local']);
  });
});
