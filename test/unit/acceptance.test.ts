import { describe, expect, it } from 'vitest';
import { addDuration } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import { readAcceptance } from '../../shared/mail/acceptance-words.js';
import type { Complaint, Solution } from '../../shared/model/complaint.js';
import { defaultPolicy, referenceAcceptancePolicy } from '../../shared/policy/default-policy.js';
import { PRESET_NAMES, presetPolicy } from '../../shared/policy/presets/index.js';
import { PolicyDocumentSchema } from '../../shared/policy/schema.js';
import { defaultSeed } from '../../shared/policy/seed.js';
import type { Policy } from '../../shared/policy/types.js';
import { acceptanceTimerChange } from '../../shared/usecases/acceptance-timer.js';
import { acceptanceDeadline, answered, requireAcceptance, withOfferDue } from '../../shared/workflow/acceptance.js';
import { planNext } from '../../shared/workflow/plan.js';
import { decideOnTimer } from '../../shared/workflow/timer-decisions.js';
import { acceptanceCard } from '../../web/console/acceptance-card.js';
import { allowedActions } from '../../web/console/complaint-page.js';
import { withoutAcceptance } from '../support/acceptance.js';
import { aComplaint } from '../support/complaint-factory.js';
import { policyWithDemoStaff } from '../support/staff.js';

// The defaults ask the customer (003 步骤3, 004 3.2.3).
const policy: Policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
// Monday 2026-11-30 10:00 Beijing.
const now = new Date('2026-11-30T02:00:00Z');

const solution = (overrides: Partial<Solution> = {}): Solution => ({
  summary: 'Replace the kettle',
  remedy: 'replacement',
  proposedAt: now.toISOString(),
  proposedBy: 'agent.li',
  approval: 'not_required',
  ...overrides,
});

function proposed(grade: Complaint['grade'], overrides: Partial<Solution> = {}): Complaint {
  const c = aComplaint({
    grade,
    status: 'solution_proposed',
    ownerId: 'agent.li',
    assignedAt: '2026-11-30T01:00:00.000Z',
    firstContactAt: '2026-11-30T01:30:00.000Z',
    lastCustomerUpdateAt: '2026-11-30T01:30:00.000Z',
    // Management was told of a P1 at receipt (its own side clock, shared/workflow/legal-review.ts).
    managementNotice: {
      dueAt: '2026-11-30T00:15:00.000Z',
      notifiedAt: '2026-11-30T00:01:00.000Z',
      notified: ['manager.sun'],
    },
    deadlines: {
      assign: '2026-11-30T01:00:00.000Z',
      firstContact: '2026-11-30T02:00:00.000Z',
      solution: '2026-12-01T02:00:00.000Z',
      resolve: '2026-12-03T02:00:00.000Z',
    },
  });
  return { ...c, solution: withOfferDue(solution(overrides), c, now, policy, calendar) };
}

const offeredAt = (c: Complaint, at = now): Complaint => ({
  ...c,
  solution: { ...c.solution!, offer: { via: 'email', at: at.toISOString(), by: 'agent.li', messageId: 'm1' } },
});

describe('when the offer is due', () => {
  it('is due one hour after a P1 plan is made (004: 方案制定后1小时内联系客户)', () => {
    expect(proposed('P1').solution?.offerDueAt).toBe('2026-11-30T03:00:00.000Z');
  });

  it('is due within one working day for a P3, on the working calendar', () => {
    expect(proposed('P3').solution?.offerDueAt).toBe(addDuration(now, { workingDays: 1 }, calendar).toISOString());
  });

  it('is not due while the solution waits for approval, nor under a policy that does not ask the customer', () => {
    const c = aComplaint({ grade: 'P1' });
    expect(withOfferDue(solution({ approval: 'pending' }), c, now, policy, calendar).offerDueAt).toBeUndefined();
    expect(withOfferDue(solution(), c, now, withoutAcceptance(policy), calendar).offerDueAt).toBeUndefined();
  });

  it('waits in await_acceptance on the offer deadline, and escalates it when missed', () => {
    const c = proposed('P1');
    const plan = planNext(c, now, policy, calendar);
    expect(plan).toMatchObject({ step: 'await_acceptance', reason: 'deadline', wakeAt: '2026-11-30T03:00:00.000Z' });
    const late = decideOnTimer(c, new Date('2026-11-30T03:00:01Z'), policy, calendar);
    expect(late.escalation).toMatchObject({ step: 'await_acceptance', missedDeadline: '2026-11-30T03:00:00.000Z' });
  });

  it('refuses to resolve before the customer has accepted', () => {
    expect(() => requireAcceptance(offeredAt(proposed('P3')))).toThrow(InvalidTransitionError);
    expect(() => requireAcceptance(offeredAt(proposed('P3')))).toThrow(
      expect.objectContaining({ reason: 'solution_not_accepted' }),
    );
  });
});

describe('a change request', () => {
  it('sends the solution back to the owner with its own deadline, the grade’s changeWithin', () => {
    const c = offeredAt(proposed('P1'));
    const s = answered(c, { accepted: false, reason: 'A refund, please' }, 'link', 'customer', now, policy, calendar)!;
    expect(s.acceptance).toMatchObject({ answer: 'change_requested', reason: 'A refund, please' });
    expect(s.acceptance?.changeDueAt).toBe('2026-11-30T04:00:00.000Z');
    const changed = { ...c, solution: s };
    expect(acceptanceDeadline(changed)).toBe('2026-11-30T04:00:00.000Z');
    expect(planNext(changed, now, policy, calendar)).toMatchObject({
      step: 'await_acceptance',
      reason: 'deadline',
      wakeAt: '2026-11-30T04:00:00.000Z',
    });
    expect(() => requireAcceptance(changed)).toThrow(expect.objectContaining({ reason: 'solution_change_requested' }));
  });

  it('changes nothing when the same answer comes again, and refuses a different one', () => {
    const c = offeredAt(proposed('P3'));
    const accepted = { ...c, solution: answered(c, { accepted: true }, 'link', 'customer', now, policy, calendar)! };
    expect(answered(accepted, { accepted: true }, 'email', 'customer', now, policy, calendar)).toBeUndefined();
    expect(() =>
      answered(accepted, { accepted: false, reason: 'No' }, 'link', 'customer', now, policy, calendar),
    ).toThrow(expect.objectContaining({ reason: 'offer_answered' }));
  });

  it('cannot be answered before the customer was told', () => {
    expect(() => answered(proposed('P3'), { accepted: true }, 'link', 'customer', now, policy, calendar)).toThrow(
      expect.objectContaining({ reason: 'no_offer_pending' }),
    );
  });

  it('lets the work go on once accepted: the step is the resolution', () => {
    const c = offeredAt(proposed('P3'));
    const accepted = { ...c, solution: answered(c, { accepted: true }, 'call', 'agent.li', now, policy, calendar)! };
    expect(planNext(accepted, now, policy, calendar).step).toBe('await_resolution');
    expect(() => requireAcceptance(accepted)).not.toThrow();
  });
});

describe('silence', () => {
  it('never accepts by default: the owner is reminded after surveyReminderAfter, then again from the last reminder', () => {
    const c = offeredAt(proposed('P3'));
    const first = addDuration(now, policy.workflow.surveyReminderAfter, calendar);
    expect(planNext(c, now, policy, calendar)).toMatchObject({ reason: 'progress_due' });
    const due = decideOnTimer(c, first, policy, calendar);
    expect(due.acceptance).toBe('remind');
    const reminded = {
      ...c,
      solution: { ...c.solution!, offer: { ...c.solution!.offer!, remindedAt: first.toISOString() } },
    };
    expect(decideOnTimer(reminded, first, policy, calendar).acceptance).toBeUndefined();
  });

  it('accepts after N working days when the policy says so', () => {
    const silent: Policy = {
      ...policy,
      workflow: {
        ...policy.workflow,
        acceptance: { ...referenceAcceptancePolicy, silenceAcceptsAfter: { workingDays: 3 } },
      },
    };
    const c = offeredAt(proposed('P3'));
    const at = addDuration(now, { workingDays: 3 }, calendar);
    expect(decideOnTimer(c, new Date(at.getTime() - 1000), silent, calendar).acceptance).toBeUndefined();
    expect(decideOnTimer(c, at, silent, calendar).acceptance).toBe('silence');
  });
});

describe('the policy', () => {
  it('asks the customer by default, never by silence, in every preset and in the version a fresh table stores', () => {
    expect(defaultPolicy.workflow.acceptance).toEqual(referenceAcceptancePolicy);
    expect(referenceAcceptancePolicy.silenceAcceptsAfter).toBeUndefined();
    expect(defaultSeed().policy.workflow.acceptance).toEqual(referenceAcceptancePolicy);
    for (const name of PRESET_NAMES) {
      expect(presetPolicy(name).workflow.acceptance, name).toEqual(referenceAcceptancePolicy);
    }
  });

  it('stores acceptance as a checked section of the workflow, and the 004 preset asks the customer, never by silence', () => {
    const doc = presetPolicy('ref-004');
    expect(doc.workflow.acceptance?.offerWithin.P1).toEqual({ hours: 1 });
    expect(doc.workflow.acceptance?.silenceAcceptsAfter).toBeUndefined();
    expect(PolicyDocumentSchema.safeParse(doc).success).toBe(true);
    const bad = { ...doc, workflow: { ...doc.workflow, acceptance: { offerWithin: { P1: { hours: 1 } } } } };
    expect(PolicyDocumentSchema.safeParse(bad).success).toBe(false);
  });
});

describe('reading a reply to the offer mail', () => {
  it.each([
    ['同意，谢谢', true],
    ['好的，我接受这个方案。', true],
    ['I accept, thank you.', true],
    ['OK, go ahead.', true],
  ])('takes “%s” as an acceptance', (text) => {
    expect(readAcceptance(text)).toEqual({ accepted: true });
  });

  it.each([
    ['不同意，我希望直接退款。'],
    ['I do not accept this. I would rather have a refund.'],
    ['Could you replace it instead of repairing it'],
  ])('takes “%s” as a change request with the reply as its reason', (text) => {
    expect(readAcceptance(text)).toEqual({ accepted: false, reason: text });
  });

  it.each([['好的，但希望改成退款'], ['When will the engineer come?'], ['谢谢'], ['It is still not working.'], ['']])(
    'does not guess on “%s”: it stays an ordinary reply',
    (text) => {
      expect(readAcceptance(text)).toBeUndefined();
    },
  );
});

describe('what the timer writes while the customer thinks', () => {
  it('records a silent customer’s acceptance on the timeline, saying it was silence', () => {
    const c = offeredAt(proposed('P3'));
    const change = acceptanceTimerChange(c, now, 'silence')!;
    expect(change.changes.solution?.acceptance).toMatchObject({ answer: 'accepted', via: 'silence', by: 'workflow' });
    expect(change.events.map((e) => [e.type, e.data])).toEqual([['solution_accepted', { via: 'silence' }]]);
  });

  it('reminds the owner and counts the next reminder from this one', () => {
    const c = offeredAt(proposed('P3'));
    const change = acceptanceTimerChange(c, now, 'remind')!;
    expect(change.changes.solution?.offer?.remindedAt).toBe(now.toISOString());
    expect(change.events[0]).toMatchObject({ type: 'owner_reminded', data: { reason: 'acceptance_due' } });
    // Nothing once the customer has answered.
    const answeredAlready = {
      ...c,
      solution: answered(c, { accepted: true }, 'link', 'customer', now, policy, calendar)!,
    };
    expect(acceptanceTimerChange(answeredAlready, now, 'remind')).toBeUndefined();
  });
});

describe('the console’s acceptance card', () => {
  const agent = policy.staff.find((s) => s.id === 'agent.li')!;
  const view = {
    staff: agent,
    csrf: 'x',
    locale: 'en' as const,
    now,
    timezone: policy.calendar.timezone,
    path: '/console',
    nameOf: (id: string | undefined) => id,
    directory: policy.staff,
    left: () => ({ minutes: 0, working: false, running: true }),
  };

  it('shows by when the customer must be told, then the customer’s change request with its reason, escaped', () => {
    const c = proposed('P3');
    expect(String(acceptanceCard(view, c))).toContain('Tell the customer the solution by');
    const offered = offeredAt(c);
    const changed = {
      ...offered,
      solution: answered(
        offered,
        { accepted: false, reason: '<b>refund</b>' },
        'link',
        'customer',
        now,
        policy,
        calendar,
      )!,
    };
    const card = String(acceptanceCard(view, changed));
    expect(card).toContain('Asked for a change');
    expect(card).toContain('A new proposal is due by');
    expect(card).toContain('&lt;b&gt;refund&lt;/b&gt;');
    expect(card).not.toContain('<b>refund</b>');
  });

  it('offers the owner the call forms only when each applies', () => {
    const c = proposed('P3');
    expect(allowedActions({ staff: agent }, c)).toContain('offer-by-call');
    expect(allowedActions({ staff: agent }, c)).not.toContain('resolve');
    const offered = offeredAt(c);
    expect(allowedActions({ staff: agent }, offered)).toEqual(expect.arrayContaining(['record-acceptance']));
    expect(allowedActions({ staff: agent }, offered)).not.toContain('offer-by-call');
  });
});
