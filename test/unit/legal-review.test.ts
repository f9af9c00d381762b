import { describe, expect, it } from 'vitest';
import { can } from '../../shared/auth/staff.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import type { Complaint, LegalReview, Solution } from '../../shared/model/complaint.js';
import { presetPolicy } from '../../shared/policy/presets/index.js';
import { checkAgainstStandards, defaultRemedyStandards } from '../../shared/policy/remedies.js';
import { parsePolicyDocument } from '../../shared/policy/schema.js';
import { legalTimerChange, proposalTerms } from '../../shared/usecases/legal-review.js';
import {
  compensationPlanMet,
  decidedReview,
  legalTimerDue,
  needsLegalReview,
  requestLegalReview,
  requireLegalCleared,
} from '../../shared/workflow/legal-review.js';
import { nextStatus } from '../../shared/workflow/lifecycle.js';
import { currentStep, planNext } from '../../shared/workflow/plan.js';
import { decideOnTimer } from '../../shared/workflow/timer-decisions.js';
import { aComplaint } from '../support/complaint-factory.js';
import { policyWithDemoStaff } from '../support/staff.js';

const policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
// Friday 27 November 2026, 16:00 in Shanghai.
const friday = new Date('2026-11-27T08:00:00Z');
const received = '2026-11-27T06:00:00.000Z';

const pending: LegalReview = { state: 'pending', requestedAt: friday.toISOString(), dueAt: '2026-11-28T08:00:00.000Z' };
const plan = (overrides: Partial<Solution> = {}): Solution => ({
  summary: 'Full refund and a new heater',
  remedy: 'refund',
  amount: 3999,
  proposedAt: friday.toISOString(),
  proposedBy: 'agent.li',
  approval: 'pending',
  approvalReason: 'P1',
  legal: pending,
  ...overrides,
});

function p1(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    grade: 'P1',
    status: 'solution_proposed',
    department: 'customer_service',
    ownerId: 'agent.li',
    receivedAt: received,
    acknowledgedAt: received,
    firstContactAt: '2026-11-27T06:30:00.000Z',
    lastCustomerUpdateAt: '2026-11-27T07:30:00.000Z',
    deadlines: {
      assign: '2026-11-27T06:15:00.000Z',
      firstContact: '2026-11-27T07:00:00.000Z',
      solution: '2026-11-27T08:00:00.000Z',
      resolve: '2026-11-28T06:00:00.000Z',
      compensationPlan: '2026-11-29T06:00:00.000Z',
    },
    managementNotice: { dueAt: '2026-11-27T06:15:00.000Z', notifiedAt: received, notified: ['manager.sun'] },
    ...overrides,
  });
}

describe('who must review', () => {
  it('sends only P1 plans to legal by default, and the grades an operator names', () => {
    expect(['P1', 'P2', 'P3', 'P4'].filter((g) => needsLegalReview(g as 'P1', policy))).toEqual(['P1']);
    const wider = { workflow: { ...policy.workflow, legalReviewFor: ['P1' as const, 'P2' as const] } };
    expect(needsLegalReview('P2', wider)).toBe(true);
  });

  it('gives the review its deadline in working time when the policy counts in working hours', () => {
    const working = { workflow: { ...policy.workflow, legalReviewWithin: { workingHours: 4 } } };
    // Friday 16:00 in Shanghai, a working day ending at 18:00: two hours on Friday, two on Monday.
    expect(requestLegalReview(friday, working, calendar)).toEqual({
      state: 'pending',
      requestedAt: friday.toISOString(),
      dueAt: '2026-11-30T03:00:00.000Z',
    });
  });

  it('lets only a legal reviewer decide, and shows them nothing but the plans that came to them', () => {
    const legal = staff('legal.qian');
    const reviewed = p1({ solution: plan() });
    expect(can(legal, 'legal-approve', reviewed)).toBe(true);
    expect(can(staff('manager.sun'), 'legal-approve', reviewed)).toBe(false);
    expect(can(legal, 'view', reviewed)).toBe(true);
    expect(can(legal, 'view', p1())).toBe(false);
    expect(can(legal, 'approve', reviewed)).toBe(false);
    expect(can(legal, 'resolve', reviewed)).toBe(false);
  });
});

describe('who must approve', () => {
  const proposal = { remedy: 'repair' as const };
  const grade = (g: 'P1' | 'P2' | 'P3') => aComplaint({ grade: g, department: 'customer_service' });

  it('asks approval for the grades legal reviews, as the policy names them, not for P1 alone', () => {
    const p2Reviewed = { ...policy, workflow: { ...policy.workflow, legalReviewFor: ['P2' as const] } };
    const p2 = proposalTerms(grade('P2'), proposal, friday, p2Reviewed, calendar);
    expect(p2.reasons).toEqual(['P2']);
    expect(p2.fields.legal).toMatchObject({ state: 'pending' });
    const p1 = proposalTerms(grade('P1'), proposal, friday, p2Reviewed, calendar);
    expect(p1.reasons).toEqual([]);
    expect(p1.fields).not.toHaveProperty('legal');
  });

  it('asks approval for a P1 under the defaults, and for an amount above the threshold in any grade', () => {
    expect(proposalTerms(grade('P1'), proposal, friday, policy, calendar).reasons).toEqual(['P1']);
    expect(proposalTerms(grade('P3'), proposal, friday, policy, calendar).reasons).toEqual([]);
    const big = proposalTerms(grade('P3'), { remedy: 'refund', amount: 1500 }, friday, policy, calendar);
    expect(big.reasons).toEqual(['amount above 1000']);
  });
});

describe('legal review as a step', () => {
  it('waits for legal after the proposal, timed by the review’s own deadline', () => {
    const c = p1({ solution: plan() });
    expect(currentStep(c)).toBe('await_legal');
    expect(planNext(c, friday, policy, calendar)).toMatchObject({ step: 'await_legal' });
    expect(decideOnTimer(c, new Date('2026-11-28T08:00:00Z'), policy, calendar).escalation).toMatchObject({
      step: 'await_legal',
      missedDeadline: pending.dueAt,
    });
  });

  it('tells the managers and reminds the legal reviewers when the review is late, not the owner’s supervisor', () => {
    const c = p1({ solution: plan() });
    const late = decideOnTimer(c, new Date('2026-11-28T08:00:00Z'), policy, calendar).escalation!;
    expect(late.role).toBe('manager');
    expect(late.notify.map((s) => s.id).sort()).toEqual(['legal.qian', 'manager.sun']);
  });

  it('goes to approval once legal passes the plan, and back to the owner when legal returns it', () => {
    const legal = staff('legal.qian');
    const approved = decidedReview(pending, 'approved', legal, friday, undefined);
    expect(currentStep(p1({ solution: plan({ legal: approved }) }))).toBe('await_approval');
    const returned = decidedReview(pending, 'returned', legal, friday, 'Do not admit liability');
    expect(returned).toMatchObject({ state: 'returned', reviewerId: 'legal.qian', note: 'Do not admit liability' });
    expect(currentStep(p1({ solution: plan({ legal: returned }) }))).toBe('await_solution');
    expect(nextStatus('solution_proposed', 'legal-return')).toBe('in_progress');
    expect(() => decidedReview(returned, 'approved', legal, friday, undefined)).toThrow(InvalidTransitionError);
  });

  it('refuses approval while the review is pending or the plan was returned', () => {
    expect(() => requireLegalCleared(p1({ solution: plan() }))).toThrow(
      expect.objectContaining({ reason: 'legal_review_pending' }),
    );
    const returned = { ...pending, state: 'returned' as const };
    expect(() => requireLegalCleared(p1({ solution: plan({ legal: returned }) }))).toThrow(
      expect.objectContaining({ reason: 'legal_review_returned' }),
    );
    expect(() =>
      requireLegalCleared(p1({ solution: plan({ legal: { ...pending, state: 'approved' } }) })),
    ).not.toThrow();
  });
});

describe('management’s notice', () => {
  it('wakes the workflow at once for a P1 nobody has told management of, and tells the managers', () => {
    const c = p1({ managementNotice: undefined, solution: undefined, status: 'in_progress' });
    expect(planNext(c, friday, policy, calendar)).toMatchObject({ reason: 'management_due', waitSeconds: 1 });
    const due = legalTimerDue(c, friday, policy, calendar);
    expect(due.notice).toMatchObject({ dueAt: '2026-11-27T06:15:00.000Z', missed: false });
    expect(due.notice!.notify.map((s) => s.id)).toEqual(['manager.sun']);
    const written = legalTimerChange(c, friday, due);
    expect(written.changes.managementNotice).toMatchObject({ notifiedAt: friday.toISOString() });
    expect(written.events.map((e) => e.type)).toEqual(['management_notified']);
    expect(planNext({ ...c, ...written.changes }, friday, policy, calendar).reason).not.toBe('management_due');
  });

  it('records a missed notice and tells the department head when there is no manager to tell', () => {
    const noManagers = { ...policy, staff: policy.staff.filter((s) => s.role !== 'manager') };
    const c = p1({ managementNotice: undefined });
    const due = legalTimerDue(c, friday, noManagers, calendar);
    expect(due.notice).toMatchObject({ missed: true });
    expect(due.notice!.notify.map((s) => s.role)).toEqual(['department_head']);
    expect(legalTimerChange(c, friday, due).events.map((e) => e.type)).toEqual(['management_notice_missed']);
  });

  it('leaves other grades alone', () => {
    const c = p1({ grade: 'P2', managementNotice: undefined, solution: undefined, status: 'in_progress' });
    expect(legalTimerDue(c, friday, policy, calendar)).toEqual({});
  });
});

describe('the compensation plan deadline', () => {
  const after = new Date('2026-11-29T06:00:00Z');

  it('is met by an approved plan with a remedy, not by one legal still holds', () => {
    const cleared = { ...pending, state: 'approved' as const };
    expect(compensationPlanMet(p1({ solution: plan({ approval: 'approved', legal: cleared }) }))).toBe(true);
    expect(compensationPlanMet(p1({ solution: plan({ approval: 'approved' }) }))).toBe(false);
    expect(compensationPlanMet(p1({ solution: plan({ remedy: undefined, amount: undefined }) }))).toBe(false);
  });

  it('escalates to management when 48 hours pass without an approved plan, once', () => {
    const c = p1({
      solution: plan(),
      escalation: { step: 'await_legal', level: 3, deadline: '2026-12-01T00:00:00Z' },
      lastCustomerUpdateAt: '2026-11-28T22:00:00.000Z',
    });
    expect(planNext(c, new Date('2026-11-28T23:00:00Z'), policy, calendar)).toMatchObject({
      reason: 'compensation_due',
      wakeAt: '2026-11-29T06:00:00.000Z',
    });
    const due = decideOnTimer(c, after, policy, calendar).legal;
    expect(due.compensation).toMatchObject({ deadline: '2026-11-29T06:00:00.000Z' });
    const written = legalTimerChange(c, after, due);
    expect(written.events[0]).toMatchObject({
      type: 'compensation_plan_missed',
      data: { deadline: '2026-11-29T06:00:00.000Z', notified: ['manager.sun'] },
    });
    expect(legalTimerDue({ ...c, ...written.changes }, after, policy, calendar)).toEqual({});
  });
});

describe('remedy standards', () => {
  const p3 = defaultRemedyStandards.P3;

  it('prefills the remedy and amount of the standard chosen', () => {
    expect(checkAgainstStandards(p3, { standard: 'voucher-50' })).toMatchObject({
      kind: 'checked',
      remedy: 'compensation',
      amount: 50,
    });
  });

  it('finds an amount above the chosen standard, or above every standard of its remedy', () => {
    expect(checkAgainstStandards(p3, { standard: 'voucher-50', amount: 80 })).toMatchObject({
      aboveStandard: 'amount above the voucher-50 standard of 50',
    });
    expect(checkAgainstStandards(p3, { remedy: 'compensation', amount: 200 })).toMatchObject({
      aboveStandard: 'amount above the grade standard of 50',
    });
    expect(checkAgainstStandards(p3, { remedy: 'compensation', amount: 30 })).not.toHaveProperty('aboveStandard');
    expect(checkAgainstStandards(p3, { standard: 'no-such' })).toEqual({ kind: 'unknown_standard' });
  });

  it('are part of every preset, each figure with its source, and pass the policy schema', () => {
    const document = presetPolicy('ref-004');
    expect(() => parsePolicyDocument(document)).not.toThrow();
    expect(document.remedies?.P3.map((s) => s.id)).toEqual(['remote-fix', 'voucher-50']);
    for (const list of Object.values(defaultRemedyStandards)) for (const s of list) expect(s.source).toBeTruthy();
    expect(() =>
      parsePolicyDocument({ ...document, remedies: { ...document.remedies!, P3: [...p3, p3[0]!] } }),
    ).toThrow();
  });
});
