import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { metrics } from '../../shared/observability.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Clock } from '../../shared/ports/index.js';
import {
  announceStep,
  archiveStep,
  parkStep,
  planStep,
  sendResultStep,
  timerStep,
  type WorkflowStepDeps,
} from '../../shared/usecases/workflow-steps.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { policyWithDemoStaff } from '../support/staff.js';

/** The workflow's task use cases against DynamoDB Local: what the state machine's steps do to the table and the mail. */
describe('the workflow steps', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let deps: WorkflowStepDeps;
  let mailer: RecordingMailer;
  let workflow: RecordingWorkflow;
  let now: Date;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable('wfsteps');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-24T02:00:00Z');
    mailer = new RecordingMailer();
    workflow = new RecordingWorkflow();
    deps = {
      store: new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock }),
      tokens: new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName }),
      workflow,
      mailer,
      clock,
      policy: policyWithDemoStaff,
      calendar: createCalendar(defaultPolicy.calendar),
      links: { baseUrl: 'http://localhost:3000', key: new TextEncoder().encode('k'.repeat(40)) },
    };
  });

  /** A P2 complaint received at 10:00 Beijing, acknowledged, nobody assigned: the owner is due at 11:00. */
  async function unownedP2() {
    const complaint = aComplaint({
      grade: 'P2',
      status: 'acknowledged',
      receivedAt: '2026-11-24T02:00:00.000Z',
      acknowledgedAt: '2026-11-24T02:00:01.000Z',
      deadlines: {
        assign: '2026-11-24T03:00:00.000Z',
        firstContact: '2026-11-24T06:00:00.000Z',
        solution: '2026-11-25T02:00:00.000Z',
        resolve: '2026-11-26T02:00:00.000Z',
      },
    });
    await deps.store.createComplaint(complaint, [], [], now);
    return complaint;
  }

  it('parks quietly when the table has not moved, and wakes itself when an action landed in between', async () => {
    const complaint = await unownedP2();
    const plan = await planStep(deps, complaint.id);
    expect(await parkStep(deps, { taskToken: 't-1', complaintId: complaint.id, plan })).toEqual({
      parked: true,
      selfWoken: false,
    });
    expect(workflow.signals).toHaveLength(0);
    expect(await deps.tokens.getParkedToken(complaint.id)).toMatchObject({ token: 't-1', step: 'await_owner' });

    await deps.store.updateComplaint(complaint.id, 1, { ownerId: 'agent.li', status: 'assigned' }, []);
    expect(await parkStep(deps, { taskToken: 't-2', complaintId: complaint.id, plan })).toMatchObject({
      selfWoken: true,
    });
    expect(workflow.to('t-2')).toEqual([expect.objectContaining({ step: 'await_contact', version: 2 })]);
  });

  it('escalates a missed deadline exactly once when two timers race, and tells the supervisor', async () => {
    const complaint = await unownedP2();
    now = new Date('2026-11-24T03:00:00Z');
    const [a, b] = await Promise.all([timerStep(deps, complaint.id), timerStep(deps, complaint.id)]);
    expect(a).toEqual(b);
    const breaches = (await deps.store.listTimeline(complaint.id)).filter((e) => e.type === 'sla_breached');
    expect(breaches).toHaveLength(1);
    expect(breaches[0]!.data).toMatchObject({ step: 'await_owner', level: 1, notified: ['supervisor.wang'] });
    const [told] = mailer.to('supervisor.wang@closeloop.local');
    expect(mailer.to('supervisor.wang@closeloop.local')).toHaveLength(1);
    expect(told?.text).toContain(`http://localhost:3000/console/complaints/${complaint.ticketNumber}`);
    const stored = await deps.store.getComplaint(complaint.id);
    expect(stored?.escalation).toEqual({ step: 'await_owner', level: 1, deadline: '2026-11-24T07:00:00.000Z' });
    expect(stored?.nextDeadlineAt).toBe('2026-11-24T07:00:00.000Z');
    expect(a).toMatchObject({ step: 'await_owner', wakeAt: '2026-11-24T07:00:00.000Z' });
  });

  it('counts one SlaBreached for each breach it records, however often the decision is worked out', async () => {
    const counted = vi.spyOn(metrics, 'addMetric');
    try {
      const complaint = await unownedP2();
      now = new Date('2026-11-24T03:00:00Z');
      await Promise.all([timerStep(deps, complaint.id), timerStep(deps, complaint.id)]);
      expect(counted.mock.calls.filter(([name]) => name === 'SlaBreached')).toHaveLength(1);
    } finally {
      counted.mockRestore();
    }
  });

  it('keeps the escalation and records the failure when the escalation mail cannot be sent', async () => {
    const complaint = await unownedP2();
    now = new Date('2026-11-24T03:00:00Z');
    mailer.failing = true;
    await timerStep(deps, complaint.id);
    const types = (await deps.store.listTimeline(complaint.id)).map((e) => e.type);
    expect(types).toEqual(['sla_breached', 'mail_failed']);
    expect((await deps.store.getComplaint(complaint.id))?.escalation?.level).toBe(1);
  });

  it('tells the manager once at the top of the ladder and leaves the rest to the daily digest', async () => {
    const complaint = await unownedP2();
    const manager = 'manager.sun@closeloop.local';
    // Fire the step's timer at every wake for two workflow days: the ladder climbs to the manager.
    const end = new Date('2026-11-26T03:00:00Z').getTime();
    let fired = 0;
    for (let at = new Date('2026-11-24T03:00:00Z'); at.getTime() <= end; fired++) {
      now = at;
      const plan = await timerStep(deps, complaint.id);
      at = new Date(Math.max(Date.parse(plan.wakeAt), at.getTime() + 60_000));
    }
    // Supervisor at 11:00, head at 15:00, manager at 19:00 on the 24th (Beijing): one mail to the manager,
    // and none a day later (before, a "still breached" mail per complaint per day followed).
    expect(mailer.to(manager).map((m) => m.tags?.kind)).toEqual(['escalation']);
    expect(fired).toBeLessThan(10);
    // The timeline still shows, day by day, that it stays breached at the top.
    const breaches = (await deps.store.listTimeline(complaint.id)).filter((e) => e.type === 'sla_breached');
    expect(breaches.map((e) => e.data)).toEqual(
      expect.arrayContaining([expect.objectContaining({ role: 'manager', level: 3, digest: true })]),
    );
    expect((await deps.store.getComplaint(complaint.id))?.escalation?.level).toBe(3);
  });

  it('sends every mail of a decision even when a failed mail cannot be recorded either', async () => {
    // A P2 complaint breached at the top with its progress also due: several mails in one decision.
    const complaint = await unownedP2();
    await deps.store.updateComplaint(
      complaint.id,
      1,
      { escalation: { step: 'await_owner', level: 1, deadline: '2026-11-24T03:00:00.000Z' } },
      [],
    );
    now = new Date('2026-11-25T03:00:00Z');
    const attempted: string[] = [];
    let failures = 0;
    deps.mailer = {
      send: async (mail) => {
        attempted.push(mail.to);
        if (attempted.length === 1) {
          failures++;
          throw Object.assign(new Error('throttled'), { name: 'TooManyRequests' });
        }
        return { messageId: `m-${attempted.length}` };
      },
    };
    const appendFails = Object.create(deps.store) as typeof deps.store;
    appendFails.appendEvents = async () => {
      throw new Error('table unavailable for appends');
    };
    await timerStep({ ...deps, store: appendFails }, complaint.id);
    expect(failures).toBe(1);
    // The department head's escalation failed; the customer's progress mail still went out.
    expect(attempted).toEqual(['head.zhao@closeloop.local', complaint.customer.email]);
    expect((await deps.store.getComplaint(complaint.id))?.escalation?.level).toBe(2);
  });

  it('changes nothing when a timer fires after the action it waited for', async () => {
    const complaint = await unownedP2();
    await deps.store.updateComplaint(complaint.id, 1, { ownerId: 'agent.li', assignedAt: '2026-11-24T02:59:00Z' }, []);
    now = new Date('2026-11-24T03:00:00Z');
    const plan = await timerStep(deps, complaint.id);
    expect(plan.step).toBe('await_contact');
    expect(await deps.store.listTimeline(complaint.id)).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('sends the result and the survey once, even when the step is retried', async () => {
    const complaint = await unownedP2();
    await deps.store.updateComplaint(
      complaint.id,
      1,
      {
        ownerId: 'agent.li',
        firstContactAt: '2026-11-24T02:30:00Z',
        resolvedAt: '2026-11-24T05:00:00Z',
        resolutionSummary: 'Refunded',
        status: 'resolved',
      },
      [],
    );
    now = new Date('2026-11-24T05:00:01Z');
    const plan = await sendResultStep(deps, complaint.id);
    await sendResultStep(deps, complaint.id);
    expect(plan).toMatchObject({ step: 'await_survey', reason: 'survey_reminder' });
    expect(mailer.to(complaint.customer.email!)).toHaveLength(2);
    const stored = await deps.store.getComplaint(complaint.id);
    expect(stored).toMatchObject({ status: 'awaiting_survey' });
    expect(stored?.stepTimes?.send_result?.endedAt).toBeDefined();
    expect(stored?.stepTimes?.await_survey?.startedAt).toBeDefined();
  });

  describe('the major-incident timetable (004)', () => {
    it('tells management of a P1 at once, once, and records who and when', async () => {
      const complaint = aComplaint({
        grade: 'P1',
        department: 'finance',
        receivedAt: '2026-11-24T02:00:00.000Z',
        deadlines: {
          assign: '2026-11-24T02:15:00.000Z',
          firstContact: '2026-11-24T03:00:00.000Z',
          solution: '2026-11-24T04:00:00.000Z',
          resolve: '2026-11-25T02:00:00.000Z',
          compensationPlan: '2026-11-26T02:00:00.000Z',
        },
      });
      await deps.store.createComplaint(complaint, [], [], now);
      now = new Date('2026-11-24T02:00:05Z');
      await Promise.all([timerStep(deps, complaint.id), timerStep(deps, complaint.id)]);
      await timerStep(deps, complaint.id);
      expect(mailer.sent.map((m) => [m.to, m.tags?.kind])).toEqual([
        ['manager.sun@closeloop.local', 'management_notice'],
      ]);
      const stored = await deps.store.getComplaint(complaint.id);
      expect(stored?.managementNotice).toEqual({
        dueAt: '2026-11-24T02:15:00.000Z',
        notifiedAt: now.toISOString(),
        notified: ['manager.sun'],
      });
      const notified = (await deps.store.listTimeline(complaint.id)).filter((e) => e.type === 'management_notified');
      expect(notified).toEqual([
        expect.objectContaining({
          actor: 'workflow',
          data: { notified: ['manager.sun'], dueAt: '2026-11-24T02:15:00.000Z' },
        }),
      ]);
    });

    it('tells management once when 48 hours pass without an approved compensation plan', async () => {
      const complaint = aComplaint({
        grade: 'P1',
        status: 'in_progress',
        department: 'finance',
        ownerId: 'agent.zhou',
        firstContactAt: '2026-11-24T02:30:00.000Z',
        lastCustomerUpdateAt: '2026-11-26T01:30:00.000Z',
        receivedAt: '2026-11-24T02:00:00.000Z',
        managementNotice: { dueAt: '2026-11-24T02:15:00.000Z', notifiedAt: '2026-11-24T02:00:05.000Z' },
        escalation: { step: 'await_solution', level: 3, deadline: '2026-11-27T00:00:00.000Z' },
        deadlines: {
          assign: '2026-11-24T02:15:00.000Z',
          firstContact: '2026-11-24T03:00:00.000Z',
          solution: '2026-11-24T04:00:00.000Z',
          resolve: '2026-11-25T02:00:00.000Z',
          compensationPlan: '2026-11-26T02:00:00.000Z',
        },
      });
      await deps.store.createComplaint(complaint, [], [], now);
      now = new Date('2026-11-26T02:00:01Z');
      await timerStep(deps, complaint.id);
      await timerStep(deps, complaint.id);
      expect(mailer.sent.map((m) => [m.to, m.tags?.kind])).toEqual([
        ['manager.sun@closeloop.local', 'compensation_plan_missed'],
      ]);
      const stored = await deps.store.getComplaint(complaint.id);
      expect(stored?.compensationPlanMissed).toEqual({ at: now.toISOString(), notified: ['manager.sun'] });
      expect((await deps.store.listTimeline(complaint.id)).map((e) => e.type)).toEqual(['compensation_plan_missed']);
    });
  });

  describe('announcing new work', () => {
    /** A P1 safety complaint in finance (two agents there, one Chinese and one English), just received. */
    async function arriving(overrides: Partial<Complaint> = {}) {
      const complaint = aComplaint({
        grade: 'P1',
        department: 'finance',
        gradeReasons: ['keyword "起火" → P1 (safety)'],
        receivedAt: '2026-11-24T02:00:00.000Z',
        deadlines: {
          assign: '2026-11-24T02:15:00.000Z',
          firstContact: '2026-11-24T03:00:00.000Z',
          solution: '2026-11-24T04:00:00.000Z',
          resolve: '2026-11-25T02:00:00.000Z',
        },
        ...overrides,
      });
      await deps.store.createComplaint(complaint, [], [], now);
      return complaint;
    }
    const told = () => mailer.sent.map((m) => m.to).sort();

    it('tells the department’s agents, the supervisor and, for a P1, the department head at once, each in their language', async () => {
      const complaint = await arriving();
      await announceStep(deps, complaint.id);
      expect(told()).toEqual([
        'agent.jones@closeloop.local',
        'agent.zhou@closeloop.local',
        'head.zhao@closeloop.local',
        'supervisor.wang@closeloop.local',
      ]);
      const zh = mailer.to('head.zhao@closeloop.local')[0]!;
      expect(zh.subject).toBe(`【新P1投诉】财务部刚收到投诉 ${complaint.ticketNumber}`);
      expect(zh.text).toContain(`http://localhost:3000/console/complaints/${complaint.ticketNumber}`);
      expect(mailer.to('agent.jones@closeloop.local')[0]!.subject).toBe(
        `[New P1] ${complaint.ticketNumber} has just arrived in Finance`,
      );
      const timeline = await deps.store.listTimeline(complaint.id);
      expect(timeline).toEqual([
        expect.objectContaining({
          type: 'new_work_announced',
          actor: 'workflow',
          data: { notified: expect.arrayContaining(['agent.zhou', 'agent.jones', 'supervisor.wang', 'head.zhao']) },
        }),
      ]);
      expect((await deps.store.getComplaint(complaint.id))?.announcedAt).toBe(now.toISOString());
    });

    it('announces once, however often the step is retried or races itself', async () => {
      const complaint = await arriving({ grade: 'P2' });
      await Promise.all([announceStep(deps, complaint.id), announceStep(deps, complaint.id)]);
      await announceStep(deps, complaint.id);
      expect(told()).toEqual([
        'agent.jones@closeloop.local',
        'agent.zhou@closeloop.local',
        'supervisor.wang@closeloop.local',
      ]);
      const announced = (await deps.store.listTimeline(complaint.id)).filter((e) => e.type === 'new_work_announced');
      expect(announced).toHaveLength(1);
    });

    it('does not announce a P3 or P4 complaint, nor one somebody has already taken', async () => {
      const p3 = await arriving({ grade: 'P3' });
      const p4 = await arriving({ grade: 'P4' });
      const taken = await arriving({ ownerId: 'agent.zhou', status: 'assigned' });
      for (const c of [p3, p4, taken]) await announceStep(deps, c.id);
      expect(mailer.sent).toEqual([]);
      for (const c of [p3, p4, taken]) expect(await deps.store.listTimeline(c.id)).toEqual([]);
    });

    it('keeps the announcement and records the failure when a mail to staff cannot be sent', async () => {
      const complaint = await arriving({ grade: 'P2' });
      mailer.failing = true;
      await announceStep(deps, complaint.id);
      mailer.failing = false;
      await announceStep(deps, complaint.id);
      expect(mailer.sent).toEqual([]);
      const types = (await deps.store.listTimeline(complaint.id)).map((e) => e.type);
      expect(types.filter((t) => t === 'new_work_announced')).toHaveLength(1);
      expect(types.filter((t) => t === 'mail_failed')).toHaveLength(3);
    });
  });

  it('archives a closed complaint’s handling times once', async () => {
    const complaint = await unownedP2();
    await deps.store.updateComplaint(
      complaint.id,
      1,
      {
        ownerId: 'agent.li',
        assignedAt: '2026-11-24T02:30:00.000Z',
        firstContactAt: '2026-11-24T03:00:00.000Z',
        resolvedAt: '2026-11-24T06:00:00.000Z',
        closedAt: '2026-11-24T08:00:00.000Z',
        status: 'closed',
      },
      [],
    );
    await archiveStep(deps, complaint.id);
    await archiveStep(deps, complaint.id);
    const archived = (await deps.store.listTimeline(complaint.id)).filter((e) => e.type === 'archived');
    expect(archived).toHaveLength(1);
    expect(archived[0]!.data).toMatchObject({
      handling: {
        assigned: { minutes: 30 },
        firstContact: { minutes: 60 },
        resolved: { minutes: 240 },
        closed: { minutes: 360 },
      },
    });
  });
});
