import { beforeEach, describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import type { Complaint } from '../../shared/model/complaint.js';
import type { ClosingRule, Policy } from '../../shared/policy/types.js';
import { answerSurvey } from '../../shared/usecases/customer-responses.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../../shared/usecases/staff-queues.js';
import { timerStep, type WorkflowStepDeps } from '../../shared/usecases/workflow-steps.js';
import { planNext } from '../../shared/workflow/plan.js';
import { aComplaint } from '../support/complaint-factory.js';
import {
  InMemoryComplaintStore,
  InMemoryTokens,
  RecordingMailer,
  RecordingWorkflow,
} from '../support/recording-ports.js';
import { demoMember, policyWithDemoStaff } from '../support/staff.js';

const key = new TextEncoder().encode('closing-rule-test-secret-0123456789abcdef');

/**
 * A resolved P3 complaint owned by agent.li whose survey went out on Friday 2026-11-27 10:00
 * Beijing time: two working days on is Tuesday 12-01 10:00, three is Wednesday 12-02 10:00.
 */
function surveyed(): Complaint {
  return aComplaint({
    status: 'awaiting_survey',
    ownerId: 'agent.li',
    assignedAt: '2026-11-25T02:00:00.000Z',
    firstContactAt: '2026-11-25T03:00:00.000Z',
    solution: {
      summary: 'Replace the kettle',
      remedy: 'replacement',
      proposedAt: '2026-11-26T02:00:00.000Z',
      proposedBy: 'agent.li',
      approval: 'not_required',
    },
    resolvedAt: '2026-11-27T02:00:00.000Z',
    resolutionSummary: 'Kettle replaced',
    resultSentAt: '2026-11-27T02:00:00.000Z',
    surveySentAt: '2026-11-27T02:00:00.000Z',
    nextDeadlineAt: undefined,
  });
}

describe('the closing rule', () => {
  let store: InMemoryComplaintStore;
  let mailer: RecordingMailer;
  let now: Date;
  const depsUnder = (closing: ClosingRule | undefined): WorkflowStepDeps => {
    const workflow = { ...policyWithDemoStaff.workflow, ...(closing ? { closing } : {}) };
    const policy: Policy = { ...policyWithDemoStaff, workflow };
    return {
      store,
      tokens: new InMemoryTokens(),
      workflow: new RecordingWorkflow(),
      mailer,
      clock: { now: () => now },
      policy,
      calendar: createCalendar(policy.calendar),
      links: { baseUrl: 'http://localhost:3000', key },
    };
  };
  /** Runs the timer the plan waits for, as the state machine would, and says what it planned next. */
  async function fireNextTimer(deps: WorkflowStepDeps, id: string) {
    const plan = planNext((await store.getComplaint(id))!, now, deps.policy, deps.calendar);
    now = new Date(plan.wakeAt);
    return timerStep(deps, id);
  }
  const types = async (id: string) => (await store.listTimeline(id)).map((e) => e.type);

  beforeEach(() => {
    store = new InMemoryComplaintStore();
    mailer = new RecordingMailer();
    now = new Date('2026-11-27T03:00:00.000Z');
  });

  it('closes a silent customer’s complaint three working days after the survey when the policy names no rule', async () => {
    const deps = depsUnder(undefined);
    const c = surveyed();
    await store.createComplaint(c, [], [], now);
    await fireNextTimer(deps, c.id);
    expect(now.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    await fireNextTimer(deps, c.id);
    expect(now.toISOString()).toBe('2026-12-02T02:00:00.000Z');
    expect(await store.getComplaint(c.id)).toMatchObject({ status: 'closed', closeReason: 'no_survey_answer' });
  });

  it('closes after the silence the rule names, not after surveyCloseAfter', async () => {
    const deps = depsUnder({ afterSilence: { workingDays: 5 } });
    const c = surveyed();
    await store.createComplaint(c, [], [], now);
    await fireNextTimer(deps, c.id);
    const reminder = mailer.to(c.customer.email!)[0]!;
    // The reminder tells the customer the day it closes: Friday 12-04, five working days on.
    expect(reminder.text).toMatch(/12月4日|2026-12-04|12-04/);
    await fireNextTimer(deps, c.id);
    expect(now.toISOString()).toBe('2026-12-04T02:00:00.000Z');
    expect(await store.getComplaint(c.id)).toMatchObject({ status: 'closed', closeReason: 'no_survey_answer' });
  });

  it('keeps a silent customer’s complaint open when only their confirmation closes it: the customer is reminded once, then the owner', async () => {
    const deps = depsUnder({ customerConfirms: true });
    const c = surveyed();
    await store.createComplaint(c, [], [], now);

    await fireNextTimer(deps, c.id);
    expect(now.toISOString()).toBe('2026-12-01T02:00:00.000Z');
    const toCustomer = mailer.to(c.customer.email!);
    expect(toCustomer.map((m) => m.tags?.kind)).toEqual(['survey_reminder']);
    // No closing date is promised: there is none.
    expect(toCustomer[0]!.text).not.toMatch(/12月2日|2026-12-02|12-02/);

    // Two working days after the reminder, and every two working days after that, the owner is asked to call.
    for (const expected of ['2026-12-03T02:00:00.000Z', '2026-12-07T02:00:00.000Z', '2026-12-09T02:00:00.000Z']) {
      const plan = await fireNextTimer(deps, c.id);
      expect(now.toISOString()).toBe(expected);
      expect(plan).toMatchObject({ step: 'await_survey', reason: 'survey_reminder' });
    }
    const owner = demoMember('agent.li');
    expect(mailer.to(owner.email).map((m) => m.tags?.kind)).toEqual([
      'owner_reminder',
      'owner_reminder',
      'owner_reminder',
    ]);
    expect(mailer.to(c.customer.email!)).toHaveLength(1);
    const timeline = await store.listTimeline(c.id);
    expect(timeline.filter((e) => e.type === 'owner_reminded').map((e) => e.data)).toEqual(
      Array(3).fill({ ownerId: 'agent.li', reason: 'confirmation_due' }),
    );
    expect(await types(c.id)).not.toContain('closed');

    // The owner's own queue shows it, waiting for the customer's confirmation.
    const mine = await listStaffComplaints({ store, clock: deps.clock }, owner, parseStaffQueueQuery({ view: 'mine' }));
    expect(mine.items).toEqual([expect.objectContaining({ id: c.id, status: 'awaiting_survey' })]);

    // The customer's answer is what closes it.
    const { token } = await signCustomerLink({
      complaintId: c.id,
      purpose: 'survey',
      baseUrl: 'http://localhost:3000',
      expiresAt: new Date(now.getTime() + 14 * 86_400_000),
      secret: key,
    });
    const answered = await answerSurvey(deps, token, { score: 5, verdict: 'satisfied' });
    expect(answered.complaint).toMatchObject({ status: 'closed', closeReason: 'survey_answered' });
  });
});
