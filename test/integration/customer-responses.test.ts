import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError, NotFoundError, ValidationError } from '../../shared/errors/index.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import type { Clock } from '../../shared/ports/index.js';
import {
  answerSurvey,
  type CustomerResponseDeps,
  replyAsCustomer,
  viewSurvey,
} from '../../shared/usecases/customer-responses.js';
import { sendResultStep } from '../../shared/usecases/workflow-steps.js';
import { currentStep, planNext } from '../../shared/workflow/plan.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { policyWithDemoStaff } from '../support/staff.js';

const policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
const key = new TextEncoder().encode('customer-responses-test-secret-0123456789');
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
const tokenOf = (c: Complaint) => `task-token-${c.id}`;
const HOUR = 3_600_000;

describe('customer responses', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let workflow: RecordingWorkflow;
  let mailer: RecordingMailer;
  let tokens: DynamoWorkflowTokenStore;
  let deps: CustomerResponseDeps;
  // Wednesday 25 November 2026, 10:00 in Shanghai.
  let now: Date;
  const clock: Clock = { now: () => now };
  const hoursAgo = (n: number) => new Date(now.getTime() - n * HOUR).toISOString();

  beforeAll(async () => {
    table = await freshTable('customer-responses');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-25T02:00:00Z');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    workflow = new RecordingWorkflow();
    mailer = new RecordingMailer();
    tokens = new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName });
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

  /** A complaint received two days ago and handled since, its workflow parked on the step it is at. */
  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const grade = overrides.grade ?? 'P3';
    const receivedAt = new Date(now.getTime() - 48 * HOUR);
    const complaint = aComplaint({
      grade,
      status: 'in_progress',
      receivedAt: receivedAt.toISOString(),
      acknowledgedAt: receivedAt.toISOString(),
      updatedAt: hoursAgo(1),
      deadlines: computeDeadlines(receivedAt, grade, policy.deadlines, calendar),
      ownerId: 'agent.li',
      assignedAt: hoursAgo(47),
      firstContactAt: hoursAgo(46),
      lastCustomerUpdateAt: hoursAgo(46),
      solution: {
        summary: 'Replace the kettle',
        proposedAt: hoursAgo(30),
        proposedBy: 'agent.li',
        approval: 'not_required',
      },
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

  const surveyed = (): Partial<Complaint> => ({
    status: 'awaiting_survey',
    resolvedAt: hoursAgo(3),
    resolutionSummary: 'Kettle replaced',
    solution: {
      summary: 'Replace the kettle',
      remedy: 'replacement',
      proposedAt: hoursAgo(5),
      proposedBy: 'agent.li',
      approval: 'not_required',
    },
    resultSentAt: hoursAgo(2),
    surveySentAt: hoursAgo(2),
  });

  const link = async (c: Complaint, purpose: 'status' | 'survey') =>
    (
      await signCustomerLink({
        complaintId: c.id,
        purpose,
        baseUrl: 'http://localhost:3000',
        expiresAt: new Date(now.getTime() + 14 * 24 * HOUR),
        secret: key,
      })
    ).token;

  async function expectWokenOnceFromStored(complaint: Complaint): Promise<Complaint> {
    const stored = (await store.getComplaint(complaint.id))!;
    expect(workflow.to(tokenOf(complaint))).toEqual([planNext(stored, now, policy, calendar)]);
    return stored;
  }

  const types = async (c: Complaint) => (await store.listTimeline(c.id)).map((e) => e.type);

  describe('the satisfaction survey', () => {
    it('closes the complaint when the customer is satisfied', async () => {
      const complaint = await given(surveyed());
      const result = await answerSurvey(deps, await link(complaint, 'survey'), {
        score: 5,
        verdict: 'satisfied',
        reason: 'Quick and kind',
      });
      expect(result.outcome).toBe('closed');
      expect(result.complaint).toMatchObject({
        status: 'closed',
        closedAt: now.toISOString(),
        closeReason: 'survey_answered',
        survey: { score: 5, verdict: 'satisfied', reason: 'Quick and kind', answeredAt: now.toISOString() },
      });
      expect(result.complaint.nextDeadlineAt).toBeUndefined();
      expect(await types(complaint)).toEqual(['survey_answered', 'closed']);
      expect(mailer.to(complaint.customer.email!).map((m) => m.tags?.kind)).toEqual(['closed']);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, now, policy, calendar).step).toBe('closed');
    });

    it('counts "basically satisfied" with a middling score as satisfied', async () => {
      const complaint = await given(surveyed());
      const result = await answerSurvey(deps, await link(complaint, 'survey'), {
        score: 3,
        verdict: 'basically_satisfied',
      });
      expect(result.outcome).toBe('closed');
    });

    it('reopens a complaint one grade higher, tells the supervisor who now oversees it, and needs a new contact and solution', async () => {
      const complaint = await given(surveyed());
      const result = await answerSurvey(deps, await link(complaint, 'survey'), {
        score: 2,
        reason: 'The new kettle leaks too',
      });
      expect(result.outcome).toBe('reopened');
      const written = result.complaint;
      expect(written).toMatchObject({ status: 'reopened', grade: 'P2', reopenCount: 1, overseerId: 'supervisor.wang' });
      expect(written.ownerId).toBe('agent.li');
      for (const cleared of ['resolvedAt', 'resultSentAt', 'surveySentAt', 'survey', 'escalation'] as const) {
        expect(written[cleared]).toBeUndefined();
      }
      // The second follow-up within 48 hours.
      expect(written.deadlines.resolve).toBe(new Date(now.getTime() + 48 * HOUR).toISOString());
      const timeline = await store.listTimeline(complaint.id);
      expect(timeline.map((e) => [e.type, e.actor])).toEqual([
        ['survey_answered', 'customer'],
        ['reopened', 'customer'],
      ]);
      expect(timeline[1]?.data).toMatchObject({
        fromGrade: 'P3',
        toGrade: 'P2',
        overseer: 'supervisor.wang',
        survey: { score: 2, reason: 'The new kettle leaks too' },
      });
      expect(mailer.to(complaint.customer.email!).map((m) => m.tags?.kind)).toEqual(['reopened']);
      const [ownerMail] = mailer.to(staff('agent.li').email);
      expect(ownerMail?.text).toContain('The new kettle leaks too');
      const overseerMails = mailer.to(staff('supervisor.wang').email);
      expect(overseerMails.map((m) => m.tags?.kind)).toEqual(['reopen_overseer']);
      expect(overseerMails[0]?.text).toContain('The new kettle leaks too');
      // The old contact and solution answered a problem the customer says is not fixed.
      expect(written.solution).toBeUndefined();
      expect(timeline[1]?.data).toMatchObject({ previousSolution: { summary: complaint.solution!.summary } });
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, now, policy, calendar)).toMatchObject({ step: 'await_contact' });
    });

    it('reopens when the customer says it is not fixed, whatever the score', async () => {
      const complaint = await given(surveyed());
      const result = await answerSurvey(deps, await link(complaint, 'survey'), { score: 4, notFixed: true });
      expect(result.outcome).toBe('reopened');
    });

    it('puts a complaint reopened a second time under a manager, at P1 with P1’s shorter resolve deadline', async () => {
      const complaint = await given({ ...surveyed(), grade: 'P2', reopenCount: 1, overseerId: 'supervisor.wang' });
      const result = await answerSurvey(deps, await link(complaint, 'survey'), { verdict: 'dissatisfied' });
      expect(result.complaint).toMatchObject({ grade: 'P1', reopenCount: 2, overseerId: 'manager.sun' });
      expect(result.complaint.deadlines.resolve).toBe(new Date(now.getTime() + 24 * HOUR).toISOString());
    });

    it('accepts one answer only', async () => {
      const complaint = await given(surveyed());
      const token = await link(complaint, 'survey');
      await answerSurvey(deps, token, { score: 5 });
      await expect(answerSurvey(deps, token, { score: 1 })).rejects.toMatchObject({
        statusCode: 409,
        reason: 'survey_not_pending',
      });
      expect(await types(complaint)).toEqual(['survey_answered', 'closed']);
      expect(workflow.signals).toHaveLength(1);
    });

    it('accepts no answer before the survey has been sent', async () => {
      const complaint = await given({ status: 'resolved', resolvedAt: hoursAgo(1), resolutionSummary: 'Done' });
      await expect(answerSurvey(deps, await link(complaint, 'survey'), { score: 5 })).rejects.toBeInstanceOf(
        InvalidTransitionError,
      );
    });

    it('takes an answer that arrives between the survey mail and its record, and sends no second survey', async () => {
      // The survey mail has gone out (its link is in the customer's hands) but the step has not yet recorded it.
      const complaint = await given({
        status: 'resolved',
        resolvedAt: hoursAgo(1),
        resolutionSummary: 'Kettle replaced',
        resultSentAt: hoursAgo(1),
      });
      const result = await answerSurvey(deps, await link(complaint, 'survey'), { score: 5 });
      expect(result.complaint).toMatchObject({ status: 'closed', closeReason: 'survey_answered' });
      mailer.sent.length = 0;
      await sendResultStep({ ...deps, mailer, tokens }, complaint.id);
      expect(mailer.to(complaint.customer.email!)).toEqual([]);
      expect((await store.getComplaint(complaint.id))!.status).toBe('closed');
      expect(await types(complaint)).not.toContain('survey_sent');
    });

    it('tells the survey page whether a question is still open', async () => {
      const complaint = await given(surveyed());
      const token = await link(complaint, 'survey');
      expect(await viewSurvey(deps, token)).toEqual({
        ticketNumber: complaint.ticketNumber,
        locale: 'zh-CN',
        pending: true,
      });
      await answerSurvey(deps, token, { score: 4 });
      expect((await viewSurvey(deps, token)).pending).toBe(false);
    });

    it('refuses an answer without a score or a verdict, and one with control characters', async () => {
      const complaint = await given(surveyed());
      const token = await link(complaint, 'survey');
      await expect(answerSurvey(deps, token, { reason: 'meh' })).rejects.toBeInstanceOf(ValidationError);
      await expect(answerSurvey(deps, token, { score: 6 })).rejects.toBeInstanceOf(ValidationError);
      await expect(answerSurvey(deps, token, { score: 3, reason: 'bad\u0007bell' })).rejects.toBeInstanceOf(
        ValidationError,
      );
      expect(await types(complaint)).toEqual([]);
    });

    it('does not take a status link for a survey link', async () => {
      const complaint = await given(surveyed());
      await expect(answerSurvey(deps, await link(complaint, 'status'), { score: 5 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });

  describe('a reply from the customer', () => {
    it('ends the wait for information and moves every open deadline on by the pause', async () => {
      const requestedAt = hoursAgo(26);
      const escalationDeadline = hoursAgo(-5);
      // P2: clock-time deadlines, moved by the elapsed time of the pause (working-time ones: test/unit/pause.test.ts).
      const complaint = await given({
        grade: 'P2',
        status: 'awaiting_customer',
        infoRequest: {
          question: 'Serial number?',
          requestedAt,
          requestedBy: 'agent.li',
          limitAt: hoursAgo(-100),
        },
        escalation: { step: 'await_resolution', level: 1, deadline: escalationDeadline },
        nextDeadlineAt: escalationDeadline,
      });
      const shifted = (iso: string) => new Date(Date.parse(iso) + 26 * HOUR).toISOString();
      const result = await replyAsCustomer(deps, await link(complaint, 'status'), {
        message: 'It is SN-4471.\nPhoto attached to my email.',
      });
      expect(result.resumed).toBe(true);
      const written = result.complaint;
      expect(written.status).toBe('in_progress');
      expect(written.infoRequest?.answeredAt).toBe(now.toISOString());
      expect(written.deadlines.resolve).toBe(shifted(complaint.deadlines.resolve));
      expect(written.escalation?.deadline).toBe(shifted(escalationDeadline));
      expect(written.nextDeadlineAt).toBe(shifted(escalationDeadline));
      // Deadlines already met stay where they were: they are history.
      expect(written.deadlines.firstContact).toBe(complaint.deadlines.firstContact);
      expect(written.deadlines.solution).toBe(complaint.deadlines.solution);
      expect(await store.listTimeline(complaint.id)).toMatchObject([
        {
          type: 'customer_replied',
          actor: 'customer',
          data: { message: 'It is SN-4471.\nPhoto attached to my email.' },
        },
      ]);
      expect(mailer.to(staff('agent.li').email).map((m) => m.tags?.kind)).toEqual(['owner_reminder']);
      const stored = await expectWokenOnceFromStored(complaint);
      expect(planNext(stored, now, policy, calendar).step).toBe('await_resolution');
    });

    it('records a message sent while nothing waits on the customer, without touching the complaint', async () => {
      const complaint = await given();
      const result = await replyAsCustomer(deps, await link(complaint, 'status'), { message: 'Any news?' });
      expect(result.resumed).toBe(false);
      expect((await store.getComplaint(complaint.id))?.version).toBe(complaint.version);
      expect(await types(complaint)).toEqual(['customer_replied']);
      expect(workflow.signals).toEqual([]);
    });

    it('refuses control characters and overlong messages, like the complaint form', async () => {
      const complaint = await given();
      const token = await link(complaint, 'status');
      await expect(replyAsCustomer(deps, token, { message: 'hi\u0000there' })).rejects.toBeInstanceOf(ValidationError);
      await expect(replyAsCustomer(deps, token, { message: 'x'.repeat(5001) })).rejects.toBeInstanceOf(ValidationError);
      expect(await types(complaint)).toEqual([]);
    });

    it('does not take a survey link for a status link', async () => {
      const complaint = await given();
      await expect(replyAsCustomer(deps, await link(complaint, 'survey'), { message: 'hello' })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });
  });
});
