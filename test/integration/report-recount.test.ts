import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStreamPoller } from '../../infra/local/streams.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import {
  type Category,
  type Complaint,
  DEPARTMENTS,
  type Deadlines,
  type Department,
  type Grade,
} from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import type { Clock } from '../../shared/ports/index.js';
import { aggregate } from '../../shared/reports/aggregate.js';
import { DynamoCounterStore } from '../../shared/reports/dynamo-counters.js';
import { parsePeriod } from '../../shared/reports/report.js';
import type { StreamRecord } from '../../shared/reports/stream-records.js';
import { answerSurvey, replyAsCustomer } from '../../shared/usecases/customer-responses.js';
import { performStaffAction } from '../../shared/usecases/staff-actions.js';
import { sendResultStep, timerStep } from '../../shared/usecases/workflow-steps.js';
import { currentStep } from '../../shared/workflow/plan.js';
import { acceptFromOfferMail } from '../support/acceptance.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { policyWithDemoStaff } from '../support/staff.js';

const policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
const ZONE = policy.calendar.timezone;
const key = new TextEncoder().encode('report-recount-test-secret-0123456789');
const HOUR = 3_600_000;
const MONTH = parsePeriod('monthly', '2026-11')!;
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;

/**
 * Issue 11: the counters the stream leaves equal a recount from the timelines. A month of complaints
 * is driven through the use cases (every path: happy, dissatisfied and reopened, breached, regraded,
 * rerouted, paused for the customer and resumed, reopened by staff, a P4 without a solution step),
 * the aggregator applies DynamoDB Local's stream as the local runtime does, and a small reference
 * recount below, written from the timelines and not from shared/reports/counters.ts, must agree.
 */
describe('the report counters after a scripted month of lifecycles', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let dir: string;
  let store: DynamoComplaintStore;
  let tokens: DynamoWorkflowTokenStore;
  let now: Date;
  const clock: Clock = { now: () => now };
  const ids: string[] = [];
  /** Each complaint's deadlines and dimensions when it was received: the timeline does not repeat them. */
  const initial = new Map<string, { deadlines: Deadlines; department: Department; grade: Grade; category: Category }>();
  let deps: ReturnType<typeof makeDeps>;

  function makeDeps() {
    return {
      store,
      tokens,
      workflow: new RecordingWorkflow(),
      mailer: new RecordingMailer(),
      clock,
      policy,
      calendar,
      links: { baseUrl: 'http://localhost:3000', key },
    };
  }

  const at = (iso: string) => {
    now = new Date(iso);
  };
  const later = (hours: number) => {
    now = new Date(now.getTime() + hours * HOUR);
  };

  async function receive(overrides: Partial<Complaint>): Promise<string> {
    const grade = overrides.grade ?? 'P3';
    const c = aComplaint({
      grade,
      // As intake keeps it (shared/usecases/submit-complaint.ts).
      initialGrade: grade,
      status: 'acknowledged',
      receivedAt: now.toISOString(),
      acknowledgedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      deadlines: computeDeadlines(now, grade, policy.deadlines, calendar),
      ...overrides,
    });
    await store.createComplaint(c, [timelineEvent(c.id, 'received', now, 'customer', { channel: c.channel })], [], now);
    await park(c.id);
    ids.push(c.id);
    initial.set(c.id, { deadlines: c.deadlines, department: c.department, grade: c.grade, category: c.category });
    return c.id;
  }

  /** The workflow parks on the step the complaint is at, as wf-park does after every change. */
  async function park(id: string) {
    const c = (await store.getComplaint(id))!;
    await tokens.saveParkedToken({
      complaintId: id,
      token: `token-${id}-${c.version}`,
      step: currentStep(c),
      planVersion: c.version,
      parkedAt: now.toISOString(),
    });
  }

  async function act(actor: string, id: string, action: string, body: unknown) {
    await performStaffAction(deps, { complaintId: id, action, actor: staff(actor), body });
    await park(id);
  }

  const link = async (id: string, purpose: 'status' | 'survey') =>
    (
      await signCustomerLink({
        complaintId: id,
        purpose,
        baseUrl: 'http://localhost:3000',
        expiresAt: new Date(now.getTime() + 30 * 24 * HOUR),
        secret: key,
      })
    ).token;

  /** Assigned, contacted, a solution proposed and accepted by the customer, resolved, the result and survey sent. */
  async function throughSurvey(id: string, agent: string, opts: { solution?: boolean } = {}) {
    later(0.3);
    await act(agent, id, 'assign', {});
    later(1);
    await act(agent, id, 'contact', { channel: 'phone', note: 'Called the customer' });
    if (opts.solution !== false) {
      later(2);
      await act(agent, id, 'propose', { summary: 'Replace the kettle', remedy: 'replacement' });
      later(1);
      await acceptFromOfferMail(deps, deps.mailer.sent, id);
      await park(id);
    }
    later(3);
    await act(agent, id, 'resolve', { summary: 'Kettle replaced' });
    later(1);
    await sendResultStep(deps, id);
    await park(id);
  }

  beforeAll(async () => {
    table = await freshTable('recount');
    dir = mkdtempSync(join(tmpdir(), 'closeloop-recount-'));
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    tokens = new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName });
    deps = makeDeps();

    // 1. Happy: a satisfied customer closes it (Monday 2 November, 10:00 in Shanghai).
    at('2026-11-02T02:00:00Z');
    const happy = await receive({ category: 'service', department: 'customer_service' });
    await throughSurvey(happy, 'agent.li');
    later(2);
    await answerSurvey(deps, await link(happy, 'survey'), { score: 5 });

    // 2. Dissatisfied: the survey reopens it one grade higher.
    at('2026-11-04T03:00:00Z');
    const unhappy = await receive({ category: 'product_quality', department: 'quality' });
    await throughSurvey(unhappy, 'agent.chen');
    later(2);
    await answerSurvey(deps, await link(unhappy, 'survey'), { score: 1, reason: 'Still broken' });

    // 3. Breached: nobody takes it in time, the timer escalates, then it is taken late.
    at('2026-11-09T02:00:00Z');
    const breached = await receive({ category: 'logistics', department: 'supply_chain', channel: 'email' });
    now = new Date(Date.parse(initial.get(breached)!.deadlines.assign) + 60_000);
    await timerStep(deps, breached);
    await park(breached);
    later(0.5);
    await act('agent.he', breached, 'assign', {});

    // 4. Regraded by a supervisor: the first grade was wrong.
    at('2026-11-11T02:00:00Z');
    const regraded = await receive({ category: 'billing', department: 'finance', channel: 'phone' });
    later(0.2);
    await act('agent.zhou', regraded, 'assign', {});
    later(1);
    await act('supervisor.wang', regraded, 'regrade', { grade: 'P2', reason: 'Money lost, not a billing question' });

    // 4b. Regraded, then back again: the first grade stood after all, so grading accuracy loses nothing.
    at('2026-11-12T02:00:00Z');
    const regradedBack = await receive({ category: 'billing', department: 'finance', channel: 'web' });
    later(0.5);
    await act('supervisor.wang', regradedBack, 'regrade', { grade: 'P2', reason: 'Looked like money lost' });
    later(1);
    await act('supervisor.wang', regradedBack, 'regrade', { grade: 'P3', reason: 'A billing question after all' });

    // 5. Rerouted to the department that can solve it.
    at('2026-11-16T02:00:00Z');
    const rerouted = await receive({ category: 'service', department: 'customer_service' });
    later(0.5);
    await act('supervisor.wang', rerouted, 'reroute', { department: 'quality', reason: 'A defect, not service' });

    // 6. Paused for the customer's answer, resumed by their reply, then resolved.
    at('2026-11-18T02:00:00Z');
    const paused = await receive({ category: 'function_fault', department: 'technical_support', channel: 'app' });
    later(0.3);
    await act('agent.smith', paused, 'assign', {});
    later(1);
    await act('agent.smith', paused, 'contact', { channel: 'phone', note: 'Asked for the serial number' });
    later(0.5);
    await act('agent.smith', paused, 'request-info', { question: 'What is the serial number?' });
    later(20);
    await replyAsCustomer(deps, await link(paused, 'status'), { message: 'SN-12345' });
    await park(paused);

    // 6b. The same customer writes again about it, by phone: the duplicate is merged into it.
    later(1);
    const first = (await store.getComplaint(paused))!;
    const duplicate = await receive({
      category: 'function_fault',
      department: 'technical_support',
      channel: 'phone',
      customer: first.customer,
    });
    later(0.5);
    await act('manager.sun', duplicate, 'merge', { into: first.ticketNumber, reason: 'The same serial number' });

    // 7. Reopened by staff after its resolution.
    at('2026-11-23T02:00:00Z');
    const reopened = await receive({ category: 'after_sales', department: 'customer_service' });
    await throughSurvey(reopened, 'agent.li');
    later(1);
    await act('supervisor.wang', reopened, 'reopen', { reason: 'The customer called: it failed again' });
    // The reopen raised P3 to P2 by the policy's rule; a supervisor puts it back. The first grade
    // stood all along: grading accuracy neither gains nor loses by it.
    later(0.5);
    await act('supervisor.wang', reopened, 'regrade', { grade: 'P3', reason: 'Same fault, no more urgent' });

    // 8. A low-grade question: no solution step, resolved and closed by a satisfied answer.
    at('2026-11-25T02:00:00Z');
    const question = await receive({ grade: 'P4', category: 'feature_request', department: 'customer_service' });
    await throughSurvey(question, 'agent.li', { solution: false });
    later(2);
    await answerSurvey(deps, await link(question, 'survey'), { verdict: 'satisfied' });

    // The aggregator applies the stream as the local runtime does (infra/local/streams.ts).
    const poller = await startStreamPoller({
      endpoint: table.endpoint,
      tableName: table.tableName,
      checkpointFile: join(dir, 'position.json'),
      deliver: async (event) => {
        const result = await aggregate(event.Records as StreamRecord[], {
          counters: new DynamoCounterStore({ doc: table.doc, tableName: table.tableName }),
          timezone: ZONE,
          nowEpochSeconds: () => Math.floor(Date.now() / 1000),
        });
        if (result.error) throw result.error;
        return { batchItemFailures: [] };
      },
    });
    await poller.drained();
    await poller.stop();
  }, 240_000);
  afterAll(async () => {
    await table?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The counters as the report reads them: every item of the month, summed by name. */
  async function counted(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const item of await departmentItems()) {
      const department = item.sk;
      for (const [name, value] of Object.entries(item)) {
        if (typeof value !== 'number') continue;
        totals[name] = (totals[name] ?? 0) + value;
        if (name === 'received') totals[`received@${department}`] = (totals[`received@${department}`] ?? 0) + value;
      }
    }
    return totals;
  }

  /** Every department's counter item of the month, as the aggregator left them (the organisation's apart). */
  async function departmentItems() {
    const counters = new DynamoCounterStore({ doc: table.doc, tableName: table.tableName });
    const perDepartment = await Promise.all(DEPARTMENTS.map((d) => counters.counterItems(MONTH.days, d)));
    return perDepartment.flat();
  }

  /** The reference recount: the same facts read from each complaint's timeline, in order. */
  async function recounted(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    const add = (name: string) => {
      totals[name] = (totals[name] ?? 0) + 1;
    };
    for (const id of ids) {
      const start = initial.get(id)!;
      let deadlines = start.deadlines;
      const department = start.department;
      const seen = new Set<string>();
      const timely = (step: keyof Deadlines, when: string) => {
        const due = deadlines[step];
        add(due !== undefined && Date.parse(when) > Date.parse(due) ? `${step}Late` : `${step}OnTime`);
      };
      // The grade a person last chose, if anyone did: a reopen's raise is the policy's, not a regrade.
      let chosenGrade: Grade | undefined;
      const events = (await store.listTimeline(id)).sort((a, b) => a.eventId.localeCompare(b.eventId));
      for (const e of events) {
        const data = (e as { data?: Record<string, unknown> }).data ?? {};
        switch (e.type) {
          case 'received':
            add('received');
            add(`received@${department}`);
            add(`received_channel_${data.channel}`);
            add(`received_category_${start.category}`);
            add(`received_grade_${start.grade}`);
            break;
          case 'assigned':
            if (!seen.has('assigned')) timely('assign', e.at);
            seen.add('assigned');
            break;
          case 'customer_contacted':
            if (!seen.has('contacted')) timely('firstContact', e.at);
            seen.add('contacted');
            break;
          case 'solution_proposed':
            timely('solution', e.at);
            break;
          case 'resolved':
            timely('resolve', e.at);
            break;
          case 'survey_sent':
            add('surveySent');
            break;
          case 'survey_answered': {
            add('surveyAnswered');
            const score = data.score as number | undefined;
            const unhappy = (score !== undefined && score <= 2) || data.verdict === 'dissatisfied' || data.notFixed;
            add(unhappy ? 'dissatisfied' : 'satisfied');
            break;
          }
          case 'reopened':
            add('reopened');
            break;
          case 'regraded':
            add('regraded');
            deadlines = data.deadlines as Deadlines;
            chosenGrade = data.toGrade as Grade;
            break;
          case 'rerouted':
            add('rerouted');
            break;
          case 'sla_breached':
            if (!data.digest) add(`breach_${data.step}_${data.level}`);
            break;
          case 'closed':
            add('closed');
            break;
          case 'merged_into':
            add('closed');
            add('merged');
            break;
          default:
            break;
        }
      }
      if (chosenGrade !== undefined && chosenGrade !== start.grade) add('gradeDiffers');
    }
    return totals;
  }

  const FIGURES = [
    'received',
    'assignOnTime',
    'assignLate',
    'firstContactOnTime',
    'firstContactLate',
    'solutionOnTime',
    'solutionLate',
    'resolveOnTime',
    'resolveLate',
    'surveySent',
    'surveyAnswered',
    'satisfied',
    'dissatisfied',
    'reopened',
    'regraded',
    'gradeDiffers',
    'rerouted',
    'closed',
    'merged',
  ];

  it('drove every path: each complaint’s timeline holds what its path was meant to leave', async () => {
    const types = new Set<string>();
    for (const id of ids) for (const e of await store.listTimeline(id)) types.add(e.type);
    for (const type of [
      'received',
      'assigned',
      'customer_contacted',
      'solution_proposed',
      'solution_offered',
      'solution_accepted',
      'resolved',
      'survey_sent',
      'survey_answered',
      'reopened',
      'regraded',
      'rerouted',
      'sla_breached',
      'info_requested',
      'customer_replied',
      'closed',
      'merged_into',
    ]) {
      expect(types, type).toContain(type);
    }
  });

  it('recounts the month the script meant: no figure agrees by being empty on both sides', async () => {
    expect(await recounted()).toMatchObject({
      received: 10,
      merged: 1,
      assignLate: 1,
      surveySent: 4,
      surveyAnswered: 3,
      satisfied: 2,
      dissatisfied: 1,
      reopened: 2,
      regraded: 4,
      gradeDiffers: 1,
      rerouted: 1,
      closed: 3,
      breach_await_owner_1: 1,
    });
  });

  it.each(FIGURES)('counts %s as the timelines do', async (name) => {
    const [fromCounters, fromTimelines] = [await counted(), await recounted()];
    expect(fromCounters[name] ?? 0).toBe(fromTimelines[name] ?? 0);
  });

  it('counts the breaches by step and rung as the timelines do', async () => {
    const pick = (totals: Record<string, number>) =>
      Object.fromEntries(Object.entries(totals).filter(([name]) => name.startsWith('breach_')));
    const fromTimelines = pick(await recounted());
    expect(Object.keys(fromTimelines).length).toBeGreaterThan(0);
    expect(pick(await counted())).toEqual(fromTimelines);
  });

  it('counts what came in by the category, channel and grade it was received with', async () => {
    const pick = (totals: Record<string, number>) =>
      Object.fromEntries(Object.entries(totals).filter(([name]) => /^received_[a-z]+_/.test(name)));
    const fromTimelines = pick(await recounted());
    expect(fromTimelines).toMatchObject({
      received_channel_email: 1,
      received_grade_P4: 1,
      received_category_service: 2,
    });
    expect(pick(await counted())).toEqual(fromTimelines);
  });

  it('keeps each day’s whole-organisation counters equal to the sum of its departments’', async () => {
    const counters = new DynamoCounterStore({ doc: table.doc, tableName: table.tableName });
    const organisation = await counters.counterItems(MONTH.days);
    expect(organisation.length).toBeGreaterThan(0);
    const sums = (items: Record<string, unknown>[]) => {
      const byDay: Record<string, Record<string, number>> = {};
      for (const item of items) {
        const day = byDay[String(item.pk)] ?? {};
        byDay[String(item.pk)] = day;
        for (const [name, value] of Object.entries(item)) {
          if (typeof value === 'number' && value !== 0) day[name] = (day[name] ?? 0) + value;
        }
      }
      return byDay;
    };
    expect(sums(organisation)).toEqual(sums(await departmentItems()));
  });

  it('counts each complaint as received by the department it came to', async () => {
    const pick = (totals: Record<string, number>) =>
      Object.fromEntries(Object.entries(totals).filter(([name]) => name.startsWith('received@')));
    expect(pick(await counted())).toEqual(pick(await recounted()));
  });
});
