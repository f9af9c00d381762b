import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { ForbiddenError, ValidationError } from '../../shared/errors/index.js';
import { errorResponse } from '../../shared/http/handler.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy } from '../../shared/policy/types.js';
import type { Clock } from '../../shared/ports/index.js';
import { performStaffAction, type StaffActionDeps } from '../../shared/usecases/staff-actions.js';
import { sendResultStep, timerStep, type WorkflowStepDeps } from '../../shared/usecases/workflow-steps.js';
import { currentStep, planNext } from '../../shared/workflow/plan.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { demoStaff } from '../support/staff.js';

// The demo directory, plus two department heads who answer for their own departments only.
const policy: Policy = {
  ...defaultPolicy,
  staff: [
    ...demoStaff,
    {
      id: 'head.qian',
      name: 'Qian Hui',
      email: 'head.qian@closeloop.local',
      role: 'department_head',
      department: 'quality',
      locale: 'zh-CN',
    },
    {
      id: 'head.feng',
      name: 'Feng Bo',
      email: 'head.feng@closeloop.local',
      role: 'department_head',
      department: 'finance',
      locale: 'zh-CN',
    },
  ],
};
const calendar = createCalendar(policy.calendar);
const key = new TextEncoder().encode('staff-actions-test-secret-0123456789');
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
const tokenOf = (c: Complaint) => `task-token-${c.id}`;
const minutes = (n: number) => n * 60_000;

describe('delay notices, fix versions and the result deadline', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let tokens: DynamoWorkflowTokenStore;
  let workflow: RecordingWorkflow;
  let mailer: RecordingMailer;
  let deps: StaffActionDeps;
  // Monday 23 November 2026, 10:00 in Shanghai: a working morning.
  let now: Date;
  const clock: Clock = { now: () => now };

  beforeAll(async () => {
    table = await freshTable('delay-and-fix');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-23T02:00:00Z');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    tokens = new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName });
    workflow = new RecordingWorkflow();
    mailer = new RecordingMailer();
    deps = {
      store,
      tokens,
      workflow,
      mailer,
      clock,
      policy,
      calendar,
      links: { baseUrl: 'http://localhost:3000', key },
    };
  });

  /** A complaint received half an hour ago, acknowledged, its workflow parked on the step it is at. */
  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const grade = overrides.grade ?? 'P3';
    const receivedAt = new Date(now.getTime() - minutes(30));
    const complaint = aComplaint({
      grade,
      status: 'acknowledged',
      receivedAt: receivedAt.toISOString(),
      acknowledgedAt: receivedAt.toISOString(),
      updatedAt: receivedAt.toISOString(),
      deadlines: computeDeadlines(receivedAt, grade, policy.deadlines, calendar),
      ...overrides,
    });
    await store.createComplaint(complaint, [], [], now);
    await tokens.saveParkedToken({
      complaintId: complaint.id,
      token: tokenOf(complaint),
      step: currentStep(complaint),
      planVersion: complaint.version,
      parkedAt: now.toISOString(),
    });
    return complaint;
  }

  const minutesAgo = (n: number) => new Date(now.getTime() - minutes(n)).toISOString();
  const owned = (ownerId = 'agent.li'): Partial<Complaint> => ({
    ownerId,
    assignedAt: minutesAgo(20),
    status: 'assigned',
  });
  const contacted = (ownerId = 'agent.li'): Partial<Complaint> => ({
    ...owned(ownerId),
    firstContactAt: minutesAgo(10),
    lastCustomerUpdateAt: minutesAgo(10),
    status: 'in_progress',
  });
  const withSolution = (approval: 'pending' | 'approved' | 'not_required'): Partial<Complaint> => ({
    ...contacted(),
    status: 'solution_proposed',
    solution: {
      summary: 'Replace the kettle',
      remedy: 'replacement',
      proposedAt: minutesAgo(5),
      proposedBy: 'agent.li',
      approval,
    },
  });

  const act = (actor: string, complaint: Complaint, action: string, body: unknown = {}, ifMatch?: string) =>
    performStaffAction(deps, { complaintId: complaint.id, action, actor: staff(actor), body, ifMatch });

  /** The workflow was woken exactly once, with the plan that follows from what is now stored. */
  async function expectWokenOnceFromStored(complaint: Complaint): Promise<Complaint> {
    const stored = (await store.getComplaint(complaint.id))!;
    expect(workflow.to(tokenOf(complaint))).toEqual([planNext(stored, now, policy, calendar)]);
    return stored;
  }

  async function expectUnchanged(complaint: Complaint) {
    expect((await store.getComplaint(complaint.id))?.version).toBe(complaint.version);
    expect(await store.listTimeline(complaint.id)).toEqual([]);
    expect(workflow.signals).toEqual([]);
  }

  const types = async (c: Complaint) => (await store.listTimeline(c.id)).map((e) => e.type);
  const wf = (): WorkflowStepDeps => ({ ...deps, tokens, mailer, links: deps.links });

  describe('notify-delay', () => {
    it('mails the customer the new date and the reason, records it with the deadlines unchanged, and wakes the workflow', async () => {
      const complaint = await given({ ...contacted(), customer: { ...aComplaint().customer, locale: 'zh-CN' } });
      const { complaint: written } = await act('agent.li', complaint, 'notify-delay', {
        newDate: '2026-11-27',
        reason: '配件缺货，<b>供应商</b>下周发货',
      });
      expect(written.delay).toMatchObject({
        newDate: '2026-11-27',
        toldBy: 'agent.li',
        until: '2026-11-27T16:00:00.000Z',
      });
      expect(written.deadlines).toEqual(complaint.deadlines);
      const [mail] = mailer.sent;
      expect(mail?.tags?.kind).toBe('delay');
      expect(mail?.text).toContain('2026年11月27日');
      expect(mail?.text).toContain('配件缺货');
      expect(mail?.html).not.toContain('<b>');
      const [event] = await store.listTimeline(complaint.id);
      expect(event).toMatchObject({
        type: 'delay_notified',
        data: { newDate: '2026-11-27', deadlinesMoved: false, messageId: 'msg-1' },
      });
      await expectWokenOnceFromStored(complaint);
    });

    it('sends no “no news” mail before the new date, and one once it has passed', async () => {
      const complaint = await given(contacted());
      await act('agent.li', complaint, 'notify-delay', { newDate: '2026-11-27', reason: 'Parts are late' });
      mailer.sent = [];
      now = new Date('2026-11-26T02:00:00Z'); // a day past the 24-hour rule, before the new date
      await timerStep(wf(), complaint.id);
      expect(mailer.sent.filter((m) => m.tags?.kind === 'progress')).toEqual([]);
      now = new Date('2026-11-27T16:30:00Z'); // the new date is over
      await timerStep(wf(), complaint.id);
      expect(mailer.sent.filter((m) => m.tags?.kind === 'progress')).toHaveLength(1);
    });

    it('refuses a new date in the past in the caller’s words, and changes nothing', async () => {
      const complaint = await given(contacted());
      const error = await act('agent.li', complaint, 'notify-delay', {
        newDate: '2026-11-20',
        reason: 'Parts are late',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const response = errorResponse(error, 'zh-CN', 'req-1');
      expect(response.statusCode).toBe(400);
      expect(String(response.body)).toContain('新的日期不能早于今天');
      await expectUnchanged(complaint);
      expect(mailer.sent).toEqual([]);
    });

    it('does not let an agent tell a delay on a complaint someone else owns', async () => {
      const complaint = await given(contacted('agent.wu'));
      await expect(
        act('agent.li', complaint, 'notify-delay', { newDate: '2026-11-27', reason: 'Parts' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  describe('record-fix', () => {
    it('keeps the fix version and release date beside the customer’s details, and the next mail tells it', async () => {
      const complaint = await given({
        ...contacted(),
        details: { occurredAt: '2026-11-20T09:30', alreadyTried: 'Reinstalled the app.' },
      });
      const { complaint: written } = await act('agent.li', complaint, 'record-fix', {
        version: '4.2.1',
        releaseDate: '2026-12-15',
      });
      expect(written.details).toMatchObject({
        occurredAt: '2026-11-20T09:30',
        alreadyTried: 'Reinstalled the app.',
        fix: { version: '4.2.1', releaseDate: '2026-12-15' },
      });
      expect(await types(complaint)).toEqual(['fix_recorded']);
      await act('agent.li', written, 'reply', { message: 'We are testing the update.' });
      expect(mailer.sent.at(-1)?.text).toContain('4.2.1');
    });

    it('refuses a release date that is not a date', async () => {
      const complaint = await given(contacted());
      await expect(
        act('agent.li', complaint, 'record-fix', { version: '4.2.1', releaseDate: '15/12/2026' }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expectUnchanged(complaint);
    });
  });

  describe('resolve with evidence', () => {
    it('sets the result mail’s deadline from resultWithin and links the evidence in the result mail', async () => {
      const complaint = await given(withSolution('not_required'));
      const { complaint: written } = await act('agent.li', complaint, 'resolve', {
        summary: 'Replaced the kettle.',
        evidence: [{ url: 'https://files.example.com/r/8841.jpg', label: 'Photo of the new kettle' }],
      });
      // Monday 10:00 plus one working day.
      expect(written.deadlines.result).toBe('2026-11-24T02:00:00.000Z');
      expect(written.nextDeadlineAt).toBe('2026-11-24T02:00:00.000Z');
      await sendResultStep(wf(), complaint.id);
      const result = mailer.sent.find((m) => m.tags?.kind === 'result');
      expect(result?.text).toContain('https://files.example.com/r/8841.jpg');
      const timeline = await store.listTimeline(complaint.id);
      expect(timeline.find((e) => e.type === 'resolved')?.data).toMatchObject({
        resultDue: '2026-11-24T02:00:00.000Z',
      });
      expect(timeline.find((e) => e.type === 'result_sent')?.data).not.toHaveProperty('late');
    });

    it('refuses evidence that is not an https link', async () => {
      const complaint = await given(withSolution('not_required'));
      await expect(
        act('agent.li', complaint, 'resolve', { summary: 'Done', evidence: [{ url: 'javascript:alert(1)' }] }),
      ).rejects.toBeInstanceOf(ValidationError);
      await expectUnchanged(complaint);
    });

    it('records a result mail sent after resultWithin as a missed deadline told to the supervisor', async () => {
      const complaint = await given(withSolution('not_required'));
      await act('agent.li', complaint, 'resolve', { summary: 'Replaced the kettle.' });
      mailer.sent = [];
      now = new Date('2026-11-25T02:00:00Z'); // the SendResult task ran late (a fault, then a resume)
      await sendResultStep(wf(), complaint.id);
      const timeline = await store.listTimeline(complaint.id);
      expect(timeline.find((e) => e.type === 'sla_breached')?.data).toMatchObject({
        step: 'send_result',
        role: 'supervisor',
      });
      expect(mailer.sent.some((m) => m.tags?.kind === 'escalation')).toBe(true);
      expect(mailer.sent.some((m) => m.tags?.kind === 'result')).toBe(true);
    });
  });
});
