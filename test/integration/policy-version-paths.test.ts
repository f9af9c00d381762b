import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoPolicyStore } from '../../shared/adapters/dynamo/policy-store.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { injectWorkflowClock } from '../../shared/clock.js';
import { consoleSessionKey, newSession, SESSION_COOKIE, sealSession } from '../../shared/console/session.js';
import type { HttpResult } from '../../shared/http/response.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import type { PolicyDocument } from '../../shared/policy/schema.js';
import { defaultSeed } from '../../shared/policy/seed.js';
import type { Policy } from '../../shared/policy/types.js';
import { resumeFromPause } from '../../shared/workflow/pause.js';
import { currentStep } from '../../shared/workflow/plan.js';
import { reopenedRoundDeadlines } from '../../shared/workflow/reopen.js';
import { withoutAcceptance } from '../support/acceptance.js';
import { aComplaint } from '../support/complaint-factory.js';
import { handlerTable, unreachableMailEnv } from '../support/dynamo.js';
import { httpEvent, lambdaContext } from '../support/http-event.js';
import { withDemoStaff } from '../support/staff.js';

/**
 * Every path that changes a complaint acts by the policy version the complaint was taken in under,
 * not the one in force: a complaint of version 1, a version 2 saved since with other reopen, pause
 * and approval rules, and the customer's and the console's paths as Lambda runs them.
 */
const SECRET = 'policy-paths-link-secret-0123456789abcdef';
type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<HttpResult>;

// Version 1 as a table seeded before the defaults asked the customer to accept the solution stored it.
const seeded = defaultSeed().policy;
const v1 = withoutAcceptance(seeded);
// Version 2: a reopened round followed up within 2 hours, P2 in days, Monday and Tuesday off, approval
// from 100,000, and today's defaults' acceptance.
const v2: PolicyDocument = {
  ...v1,
  deadlines: {
    ...v1.deadlines,
    P2: { assign: { days: 1 }, firstContact: { days: 2 }, solution: { days: 3 }, resolve: { days: 20 } },
  },
  workflow: { ...seeded.workflow, reopenFollowUpWithin: { hours: 2 }, approvalAmountThreshold: 100_000 },
  calendar: {
    ...v1.calendar,
    holidays: [...v1.calendar.holidays, { name: 'v2', from: '2026-12-07', to: '2026-12-08' }],
  },
};
const asPolicy = (document: PolicyDocument): Policy => withDemoStaff(document as unknown as Policy);

describe('the policy version each path acts by', () => {
  const table = handlerTable('policypaths', unreachableMailEnv(SECRET));
  let store: DynamoComplaintStore;
  let survey: Handler;
  let reply: Handler;
  let console: Handler;
  let restoreClock: () => void;
  // Wednesday 2026-12-09, 10:00 in Shanghai: version 2 made Monday and Tuesday days off.
  const now = new Date('2026-12-09T02:00:00.000Z');
  const linkKey = new TextEncoder().encode(SECRET);

  beforeAll(async () => {
    restoreClock = injectWorkflowClock({ now: () => now });
    const policies = new DynamoPolicyStore({ doc: table.doc, tableName: table.tableName });
    const version = (n: number, policy: PolicyDocument) => ({
      version: n,
      policy,
      savedAt: now.toISOString(),
      savedBy: 'manager.sun',
      reason: `version ${n}`,
      changedSections: [],
    });
    await policies.save(version(1, v1));
    await policies.save(version(2, v2));
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    survey = (await import('../../functions/survey.js')).handler as unknown as Handler;
    reply = (await import('../../functions/customer-reply.js')).handler as unknown as Handler;
    console = (await import('../../functions/console.js')).handler as unknown as Handler;
  });
  afterAll(async () => {
    restoreClock();
  });

  async function given(overrides: Partial<Complaint>): Promise<Complaint> {
    const complaint = aComplaint({ policyVersion: 1, ownerId: 'agent.li', ...overrides });
    await store.createComplaint(complaint, [], [], now);
    return complaint;
  }

  const link = async (complaint: Complaint, purpose: 'status' | 'survey') =>
    (
      await signCustomerLink({
        complaintId: complaint.id,
        purpose,
        baseUrl: 'http://localhost:3000',
        expiresAt: new Date(now.getTime() + 86_400_000),
        secret: linkKey,
      })
    ).token;

  it('reopens a dissatisfied survey answer with the follow-up of the version the complaint was received under', async () => {
    const complaint = await given({
      status: 'awaiting_survey',
      firstContactAt: '2026-12-01T02:00:00.000Z',
      resolvedAt: '2026-12-07T02:00:00.000Z',
      resultSentAt: '2026-12-07T03:00:00.000Z',
      surveySentAt: '2026-12-07T03:00:00.000Z',
    });
    const token = await link(complaint, 'survey');
    const res = await survey(
      httpEvent({ method: 'POST', path: `/survey/${token}`, pathParameters: { token }, body: '{"score":1}' }),
      lambdaContext,
    );
    expect(res.statusCode).toBe(200);
    const reopened = await store.getComplaint(complaint.id);
    expect(reopened?.grade).toBe('P2');
    const v1Calendar = createCalendar(v1.calendar);
    expect(reopened?.deadlines).toEqual(reopenedRoundDeadlines(now, 'P2', asPolicy(v1), v1Calendar));
    expect(reopened?.deadlines).not.toEqual(
      reopenedRoundDeadlines(now, 'P2', asPolicy(v2), createCalendar(v2.calendar)),
    );
  });

  it('ends a pause on the customer’s reply by the calendar of the complaint’s own version', async () => {
    const requestedAt = '2026-12-07T02:00:00.000Z';
    const complaint = await given({
      status: 'awaiting_customer',
      firstContactAt: '2026-12-01T02:00:00.000Z',
      infoRequest: {
        question: 'Your order number, please',
        requestedAt,
        requestedBy: 'agent.li',
        limitAt: '2026-12-21T02:00:00.000Z',
      },
      deadlines: {
        assign: '2026-12-01T04:00:00.000Z',
        firstContact: '2026-12-02T02:00:00.000Z',
        solution: '2026-12-10T02:00:00.000Z',
        resolve: '2026-12-10T09:00:00.000Z',
      },
    });
    const token = await link(complaint, 'status');
    const res = await reply(
      httpEvent({
        method: 'POST',
        path: `/status/${token}/reply`,
        pathParameters: { token },
        body: JSON.stringify({ message: 'JD-1001' }),
      }),
      lambdaContext,
    );
    expect(res.statusCode).toBe(200);
    const resumed = await store.getComplaint(complaint.id);
    const expected = resumeFromPause(complaint, now, asPolicy(v1), createCalendar(v1.calendar)).deadlines;
    expect(resumed?.deadlines.resolve).toBe(expected.resolve);
    // Under version 2 Monday and Tuesday were days off: the pause would have moved the deadline by an hour only.
    expect(expected.resolve).not.toBe(
      resumeFromPause(complaint, now, asPolicy(v2), createCalendar(v2.calendar)).deadlines.resolve,
    );
  });

  /** The owner proposes from the console page, as agent.li. */
  async function proposeInConsole(complaint: Complaint, fields: Record<string, string>) {
    const session = newSession('agent.li', new Date());
    const event = httpEvent({
      method: 'POST',
      path: `/console/complaints/${complaint.ticketNumber}/propose`,
      pathParameters: { ticket: complaint.ticketNumber, action: 'propose' },
      body: new URLSearchParams({ csrf: session.csrf, version: String(complaint.version), ...fields }).toString(),
      headers: { host: 'localhost:3000', accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    });
    event.cookies = [`${SESSION_COOKIE}=${sealSession(session, consoleSessionKey(linkKey))}`];
    return console(event, lambdaContext);
  }

  it('asks for approval of a console proposal above the threshold of the complaint’s own version', async () => {
    const complaint = await given({ status: 'in_progress', firstContactAt: '2026-12-01T02:00:00.000Z' });
    const res = await proposeInConsole(complaint, { summary: 'Refund the kettle', amount: '5000' });
    expect(res.statusCode).toBe(303);
    const proposed = await store.getComplaint(complaint.id);
    expect(proposed?.solution).toMatchObject({ approval: 'pending', approvalReason: 'amount above 1000' });
  });

  it('waits for the customer’s acceptance only under a version that asks: one seeded before keeps not asking', async () => {
    // A phone customer: the offer is the owner's call to log, so no mail needs to go out here.
    const phoneOnly = { name: '王芳', phone: '+86 138 0013 8000', tier: 'standard', locale: 'zh-CN' } as const;
    const received = {
      status: 'in_progress',
      firstContactAt: '2026-12-01T02:00:00.000Z',
      customer: phoneOnly,
    } as const;
    const before = await given(received);
    const after = await given({ ...received, policyVersion: 2 });
    for (const complaint of [before, after]) {
      const res = await proposeInConsole(complaint, { summary: 'Re-deliver the parcel', remedy: 'replacement' });
      expect(res.statusCode).toBe(303);
    }
    const [underV1, underV2] = await Promise.all([store.getComplaint(before.id), store.getComplaint(after.id)]);
    expect(underV1?.solution).toMatchObject({ approval: 'not_required' });
    expect(underV1?.solution?.offerDueAt).toBeUndefined();
    expect(currentStep(underV1!)).toBe('await_resolution');
    expect(underV2?.solution?.offerDueAt).toEqual(expect.any(String));
    expect(currentStep(underV2!)).toBe('await_acceptance');
  });
});
