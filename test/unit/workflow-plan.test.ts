import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { currentStep, planNext } from '../../shared/workflow/plan.js';
import { decideOnTimer } from '../../shared/workflow/timer-decisions.js';
import { policyWithDemoStaff } from '../support/staff.js';

const policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
const at = (iso: string) => new Date(iso);

/** A P2 complaint received on Tuesday 2026-11-24 10:00 Beijing time (02:00Z). */
function p2(overrides: Partial<Complaint> = {}): Complaint {
  return {
    id: 'c-1',
    ticketNumber: '202611-0001',
    status: 'acknowledged',
    grade: 'P2',
    gradeReasons: [],
    category: 'billing',
    department: 'finance',
    routingReasons: [],
    customer: { email: 'a@example.com', tier: 'standard', locale: 'en' },
    channel: 'web',
    description: 'Charged twice',
    receivedAt: '2026-11-24T02:00:00.000Z',
    acknowledgedAt: '2026-11-24T02:00:01.000Z',
    deadlines: {
      assign: '2026-11-24T03:00:00.000Z',
      firstContact: '2026-11-24T06:00:00.000Z',
      solution: '2026-11-25T02:00:00.000Z',
      resolve: '2026-11-26T02:00:00.000Z',
    },
    version: 3,
    updatedAt: '2026-11-24T02:00:01.000Z',
    ...overrides,
  };
}

describe('the workflow plan', () => {
  it('waits for an owner until the acknowledgement deadline', () => {
    const plan = planNext(p2(), at('2026-11-24T02:30:00Z'), policy, calendar);
    expect(plan).toMatchObject({
      step: 'await_owner',
      reason: 'deadline',
      wakeAt: '2026-11-24T03:00:00.000Z',
      version: 3,
    });
    expect(plan.waitSeconds).toBe(30 * 60);
  });

  it('walks the steps in the lifecycle’s order as the table fills in', () => {
    const owned = p2({ ownerId: 'agent.li', assignedAt: '2026-11-24T02:10:00Z' });
    expect(currentStep(owned)).toBe('await_contact');
    const contacted = {
      ...owned,
      firstContactAt: '2026-11-24T02:20:00Z',
      lastCustomerUpdateAt: '2026-11-24T02:20:00Z',
    };
    expect(currentStep(contacted)).toBe('await_solution');
    const solution = { summary: 'refund', proposedAt: 'x', proposedBy: 'agent.li' };
    expect(currentStep({ ...contacted, solution: { ...solution, approval: 'pending' } })).toBe('await_approval');
    expect(currentStep({ ...contacted, solution: { ...solution, approval: 'rejected' } })).toBe('await_solution');
    const approved = { ...contacted, solution: { ...solution, approval: 'approved' as const } };
    expect(currentStep(approved)).toBe('await_resolution');
    const resolved = { ...approved, resolvedAt: '2026-11-25T00:00:00Z' };
    expect(currentStep(resolved)).toBe('send_result');
    const surveyed = { ...resolved, resultSentAt: 'x', surveySentAt: '2026-11-25T00:00:01Z' };
    expect(currentStep(surveyed)).toBe('await_survey');
    expect(currentStep({ ...surveyed, status: 'closed' })).toBe('closed');
  });

  it('lets a P4 question skip the solution step', () => {
    const p4 = p2({ grade: 'P4', ownerId: 'agent.li', firstContactAt: '2026-11-24T02:20:00Z' });
    delete p4.deadlines.solution;
    expect(currentStep(p4)).toBe('await_resolution');
  });

  it('wakes for the 24-hour progress rule before a later deadline', () => {
    const waiting = p2({
      ownerId: 'agent.li',
      firstContactAt: '2026-11-24T02:20:00Z',
      lastCustomerUpdateAt: '2026-11-24T02:20:00Z',
      solution: { summary: 'refund', proposedAt: 'x', proposedBy: 'agent.li', approval: 'approved' },
    });
    const plan = planNext(waiting, at('2026-11-24T12:00:00Z'), policy, calendar);
    expect(plan).toMatchObject({
      step: 'await_resolution',
      reason: 'progress_due',
      wakeAt: '2026-11-25T02:20:00.000Z',
    });
  });

  it('pauses the deadlines while waiting for the customer and wakes at the request’s limit', () => {
    const paused = p2({
      status: 'awaiting_customer',
      ownerId: 'agent.li',
      firstContactAt: '2026-11-24T02:20:00Z',
      infoRequest: {
        question: 'Photo?',
        requestedAt: '2026-11-24T03:00:00Z',
        requestedBy: 'agent.li',
        limitAt: '2026-12-01T03:00:00.000Z',
      },
    });
    expect(planNext(paused, at('2026-11-24T04:00:00Z'), policy, calendar)).toMatchObject({
      step: 'await_customer',
      reason: 'info_limit',
      wakeAt: '2026-12-01T03:00:00.000Z',
    });
  });

  it('reminds after two working days and closes after three when the survey goes unanswered', () => {
    // Survey sent Friday 2026-11-27 10:00 Beijing: reminder Tuesday 10:00, close Wednesday 10:00.
    const surveyed = p2({
      ownerId: 'agent.li',
      firstContactAt: 'x',
      resolvedAt: '2026-11-27T02:00:00Z',
      resultSentAt: '2026-11-27T02:00:00Z',
      surveySentAt: '2026-11-27T02:00:00Z',
      status: 'awaiting_survey',
    });
    expect(planNext(surveyed, at('2026-11-27T03:00:00Z'), policy, calendar)).toMatchObject({
      step: 'await_survey',
      reason: 'survey_reminder',
      wakeAt: '2026-12-01T02:00:00.000Z',
    });
    const reminded = { ...surveyed, surveyReminderSentAt: '2026-12-01T02:00:00Z' };
    expect(planNext(reminded, at('2026-12-01T02:00:00Z'), policy, calendar)).toMatchObject({
      reason: 'survey_close',
      wakeAt: '2026-12-02T02:00:00.000Z',
    });
    const decision = decideOnTimer(reminded, at('2026-12-02T02:00:00Z'), policy, calendar);
    expect(decision.surveyClose).toBe(true);
  });

  it('never asks the machine to wait zero seconds for a timer already due', () => {
    expect(planNext(p2(), at('2026-11-24T09:00:00Z'), policy, calendar).waitSeconds).toBe(1);
  });
});

describe('a fired timer', () => {
  it('escalates a P2 complaint with no owner to a supervisor, then a department head, then a manager', () => {
    const first = decideOnTimer(p2(), at('2026-11-24T03:00:00Z'), policy, calendar);
    expect(first.escalation).toMatchObject({
      step: 'await_owner',
      missedDeadline: '2026-11-24T03:00:00.000Z',
      level: 1,
      role: 'supervisor',
      newDeadline: '2026-11-24T07:00:00.000Z',
    });
    expect(first.escalation!.notify.map((s) => s.id)).toEqual(['supervisor.wang']);

    const escalated = p2({ escalation: { step: 'await_owner', level: 1, deadline: '2026-11-24T07:00:00.000Z' } });
    expect(decideOnTimer(escalated, at('2026-11-24T05:00:00Z'), policy, calendar).escalation).toBeUndefined();
    const second = decideOnTimer(escalated, at('2026-11-24T07:00:00Z'), policy, calendar);
    expect(second.escalation).toMatchObject({ level: 2, role: 'department_head' });
    const atTop = p2({ escalation: { step: 'await_owner', level: 3, deadline: '2026-11-24T07:00:00.000Z' } });
    expect(decideOnTimer(atTop, at('2026-11-24T08:00:00Z'), policy, calendar).escalation).toMatchObject({
      level: 3,
      role: 'manager',
      notify: [expect.objectContaining({ id: 'manager.sun' })],
    });
  });

  it('finds nothing due when the owner was assigned just before the timer ran', () => {
    const assigned = p2({ ownerId: 'agent.li', assignedAt: '2026-11-24T02:59:59Z' });
    const decision = decideOnTimer(assigned, at('2026-11-24T03:00:00Z'), policy, calendar);
    expect(decision.step).toBe('await_contact');
    expect(decision.escalation).toBeUndefined();
  });

  it('starts the ladder afresh on the next step', () => {
    const next = p2({
      ownerId: 'agent.li',
      escalation: { step: 'await_owner', level: 2, deadline: '2026-11-24T07:00:00.000Z' },
    });
    expect(decideOnTimer(next, at('2026-11-24T06:00:00Z'), policy, calendar).escalation).toMatchObject({
      step: 'await_contact',
      level: 1,
    });
  });

  it('sends an automatic progress update when nobody has told the customer anything for 24 hours', () => {
    const quiet = p2({
      ownerId: 'agent.li',
      firstContactAt: '2026-11-24T02:20:00Z',
      lastCustomerUpdateAt: '2026-11-24T02:20:00Z',
      escalation: { step: 'await_solution', level: 1, deadline: '2026-11-26T00:00:00Z' },
    });
    expect(decideOnTimer(quiet, at('2026-11-25T02:20:00Z'), policy, calendar).autoProgress).toBe(true);
    expect(decideOnTimer(quiet, at('2026-11-25T02:19:00Z'), policy, calendar).autoProgress).toBe(false);
  });
});
