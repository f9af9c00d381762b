import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import type { Policy } from '../../shared/policy/types.js';
import type { Clock } from '../../shared/ports/index.js';
import { performStaffAction, type StaffActionDeps } from '../../shared/usecases/staff-actions.js';
import { currentStep, planNext } from '../../shared/workflow/plan.js';
import { acceptFromOfferMail } from './acceptance.js';
import { aComplaint } from './complaint-factory.js';
import { freshTable } from './dynamo.js';
import { RecordingMailer, RecordingWorkflow } from './recording-ports.js';
import { demoStaff } from './staff.js';

// The demo directory, plus two department heads who answer for their own departments only.
export const policy: Policy = {
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
export const calendar = createCalendar(policy.calendar);
const key = new TextEncoder().encode('staff-actions-test-secret-0123456789');
export const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
export const tokenOf = (c: Complaint) => `task-token-${c.id}`;
export const minutes = (n: number) => n * 60_000;

/** What each test reads from the harness; `now` it may also move. */
export interface StaffActionWorld {
  now: Date;
  store: DynamoComplaintStore;
  tokens: DynamoWorkflowTokenStore;
  workflow: RecordingWorkflow;
  mailer: RecordingMailer;
  deps: StaffActionDeps;
  clock: Clock;
}

/**
 * Staff actions against a fresh table on DynamoDB Local, with the workflow and the mailer recorded,
 * under `worldPolicy` (default: the demo directory and two department heads): call it inside a
 * `describe`; it registers the hooks. `now` starts each test on Monday 23 November 2026, 10:00 in
 * Shanghai (a working morning); a test moves it by assigning `w.now`. The stores and recorders are
 * fresh for each test: read them from the returned object, not from a copy.
 */
export function staffActionWorld(tableName: string, worldPolicy: Policy = policy): StaffActionWorld {
  let table: Awaited<ReturnType<typeof freshTable>>;
  const START = '2026-11-23T02:00:00Z';
  const w = { now: new Date(START) } as StaffActionWorld;
  w.clock = { now: () => w.now };
  const worldCalendar = worldPolicy === policy ? calendar : createCalendar(worldPolicy.calendar);
  beforeAll(async () => {
    table = await freshTable(tableName);
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    w.now = new Date(START);
    w.store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock: w.clock });
    w.tokens = new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName });
    w.workflow = new RecordingWorkflow();
    w.mailer = new RecordingMailer();
    w.deps = {
      store: w.store,
      tokens: w.tokens,
      workflow: w.workflow,
      mailer: w.mailer,
      clock: w.clock,
      policy: worldPolicy,
      calendar: worldCalendar,
      links: { baseUrl: 'http://localhost:3000', key },
    };
  });
  return w;
}

/**
 * A P3 complaint of customer service received, acknowledged and first contacted by its owner, agent.li,
 * half an hour before `w.now`, in progress; stored as it is, with no workflow step parked.
 */
export async function givenContacted(w: StaffActionWorld, overrides: Partial<Complaint> = {}): Promise<Complaint> {
  const receivedAt = new Date(w.now.getTime() - minutes(30));
  const at = receivedAt.toISOString();
  const complaint = aComplaint({
    status: 'in_progress',
    department: 'customer_service',
    ownerId: 'agent.li',
    receivedAt: at,
    acknowledgedAt: at,
    firstContactAt: at,
    lastCustomerUpdateAt: at,
    deadlines: computeDeadlines(receivedAt, 'P3', w.deps.policy.deadlines, w.deps.calendar),
    ...overrides,
  });
  await w.store.createComplaint(complaint, [], [], w.now);
  return complaint;
}

/**
 * staffActionWorld under the default policy, with complaints given at each stage of their life, the
 * action as the named member of staff, and the checks the staff-action tests share.
 */
export function staffActionHarness(tableName: string) {
  const w = staffActionWorld(tableName);

  /** A complaint received half an hour ago, acknowledged, its workflow parked on the step it is at. */
  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const grade = overrides.grade ?? 'P3';
    const receivedAt = new Date(w.now.getTime() - minutes(30));
    const complaint = aComplaint({
      grade,
      status: 'acknowledged',
      receivedAt: receivedAt.toISOString(),
      acknowledgedAt: receivedAt.toISOString(),
      updatedAt: receivedAt.toISOString(),
      deadlines: computeDeadlines(receivedAt, grade, policy.deadlines, calendar),
      ...overrides,
    });
    await w.store.createComplaint(complaint, [], [], w.now);
    await w.tokens.saveParkedToken({
      complaintId: complaint.id,
      token: tokenOf(complaint),
      step: currentStep(complaint),
      planVersion: complaint.version,
      parkedAt: w.now.toISOString(),
    });
    return complaint;
  }

  const minutesAgo = (n: number) => new Date(w.now.getTime() - minutes(n)).toISOString();
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
  /** A solution the customer accepted from the offer mail: what the default policy waits for before `resolve`. */
  const accepted = (): Partial<Complaint> => {
    const proposed = withSolution('not_required');
    return {
      ...proposed,
      solution: {
        ...proposed.solution!,
        offerDueAt: minutesAgo(-60),
        offer: { via: 'email', at: minutesAgo(5), by: 'agent.li', messageId: 'offer-1' },
        acceptance: { answer: 'accepted', at: minutesAgo(2), via: 'link', by: 'customer' },
      },
    };
  };
  const resolved = (): Partial<Complaint> => ({
    ...withSolution('not_required'),
    status: 'awaiting_survey',
    resolvedAt: minutesAgo(4),
    resolutionSummary: 'Replaced',
    resultSentAt: minutesAgo(3),
    surveySentAt: minutesAgo(3),
  });

  const act = (actor: string, complaint: Complaint, action: string, body: unknown = {}, ifMatch?: string) =>
    performStaffAction(w.deps, { complaintId: complaint.id, action, actor: staff(actor), body, ifMatch });

  /** The workflow was woken exactly once, with the plan that follows from what is now stored. */
  async function expectWokenOnceFromStored(complaint: Complaint): Promise<Complaint> {
    const stored = (await w.store.getComplaint(complaint.id))!;
    expect(w.workflow.to(tokenOf(complaint))).toEqual([planNext(stored, w.now, policy, calendar)]);
    return stored;
  }

  async function expectUnchanged(complaint: Complaint) {
    expect((await w.store.getComplaint(complaint.id))?.version).toBe(complaint.version);
    expect(await w.store.listTimeline(complaint.id)).toEqual([]);
    expect(w.workflow.signals).toEqual([]);
  }

  const types = async (c: Complaint) => (await w.store.listTimeline(c.id)).map((e) => e.type);

  /** The customer accepts the offered solution from the link in the offer mail they were sent. */
  const accept = (c: Complaint) => acceptFromOfferMail(w.deps, w.mailer.sent, c.id);

  return Object.assign(w, {
    given,
    minutesAgo,
    owned,
    contacted,
    withSolution,
    accepted,
    resolved,
    act,
    expectWokenOnceFromStored,
    expectUnchanged,
    types,
    accept,
  });
}
