import { describe, expect, it } from 'vitest';
import { can } from '../../shared/auth/staff.js';
import { addDuration, computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { InvalidTransitionError } from '../../shared/errors/index.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { handEscalationMail } from '../../shared/templates/staff-mails.js';
import { escalateByHand, regradeChanges, rerouteChanges } from '../../shared/workflow/staff-decisions.js';
import { aComplaint } from '../support/complaint-factory.js';
import { policyWithDemoStaff } from '../support/staff.js';

const policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
// Monday 23 November 2026, 10:00 in Shanghai; received half an hour earlier.
const now = new Date('2026-11-23T02:00:00Z');
const receivedAt = new Date('2026-11-23T01:30:00Z');
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;

function complaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    grade: 'P3',
    status: 'in_progress',
    receivedAt: receivedAt.toISOString(),
    deadlines: computeDeadlines(receivedAt, 'P3', policy.deadlines, calendar),
    ownerId: 'agent.li',
    firstContactAt: '2026-11-23T01:50:00.000Z',
    ...overrides,
  });
}

describe('regrading', () => {
  it('gives the open deadlines of the new grade counted from receipt and keeps the met ones', () => {
    const c = complaint();
    const p2 = computeDeadlines(receivedAt, 'P2', policy.deadlines, calendar);
    const changes = regradeChanges(c, 'P2', policy, calendar);
    expect(changes.deadlines).toEqual({
      assign: c.deadlines.assign,
      firstContact: c.deadlines.firstContact,
      solution: p2.solution,
      resolve: p2.resolve,
    });
    expect(changes.nextDeadlineAt).toBe(p2.solution);
  });

  it('counts a reopened complaint’s deadlines from the reopen, within its follow-up limit', () => {
    const reopenedAt = '2026-11-23T01:55:00.000Z';
    const reopened = new Date(reopenedAt);
    const p1 = regradeChanges(complaint({ reopenedAt }), 'P1', policy, calendar);
    expect(p1.deadlines?.resolve).toBe(computeDeadlines(reopened, 'P1', policy.deadlines, calendar).resolve);
    const p4 = regradeChanges(complaint({ reopenedAt }), 'P4', policy, calendar);
    const limit = addDuration(reopened, policy.workflow.reopenFollowUpWithin, calendar).toISOString();
    const p4Resolve = computeDeadlines(reopened, 'P4', policy.deadlines, calendar).resolve;
    // P4 resolves within 7 days; the second follow-up is due within 48 hours of the reopen.
    expect(limit < p4Resolve).toBe(true);
    expect(p4.deadlines?.resolve).toBe(limit);
  });

  it('drops the solution step for a grade that has none', () => {
    const changes = regradeChanges(complaint(), 'P4', policy, calendar);
    expect(changes.deadlines?.solution).toBeUndefined();
    expect(changes.nextDeadlineAt).toBe(changes.deadlines?.resolve);
  });

  it('clears an escalation whose deadline moved and keeps one whose deadline did not', () => {
    const escalation = { step: 'await_solution', level: 1, deadline: '2026-11-24T02:00:00.000Z' };
    const moved = regradeChanges(complaint({ escalation }), 'P1', policy, calendar);
    expect('escalation' in moved && moved.escalation === undefined).toBe(true);
    const owner = { step: 'await_owner', level: 1, deadline: '2026-11-24T02:00:00.000Z' };
    const kept = regradeChanges(complaint({ ownerId: undefined, escalation: owner }), 'P2', policy, calendar);
    expect('escalation' in kept).toBe(true);
    expect(kept.nextDeadlineAt).toBe(kept.deadlines?.assign);
  });

  it('leaves the index alone while the clock is paused for the customer', () => {
    const c = complaint({
      status: 'awaiting_customer',
      infoRequest: {
        question: 'Which?',
        requestedAt: now.toISOString(),
        requestedBy: 'agent.li',
        limitAt: now.toISOString(),
      },
    });
    expect('nextDeadlineAt' in regradeChanges(c, 'P2', policy, calendar)).toBe(false);
  });
});

describe('rerouting', () => {
  it('clears an owner who does not work in the new department', () => {
    expect(rerouteChanges(complaint(), 'finance', policy)).toEqual({
      department: 'finance',
      ownerId: undefined,
      assignedAt: undefined,
    });
  });

  it('keeps an owner who works in the new department or in every department', () => {
    expect(rerouteChanges(complaint({ ownerId: 'agent.zhou' }), 'finance', policy)).toEqual({ department: 'finance' });
    expect(rerouteChanges(complaint({ ownerId: 'supervisor.wang' }), 'finance', policy)).toEqual({
      department: 'finance',
    });
  });
});

describe('escalating by hand', () => {
  it('goes one rung up from where the step stands and keeps a deadline still ahead', () => {
    const c = complaint();
    expect(escalateByHand(c, now, policy, calendar)).toMatchObject({
      step: 'await_solution',
      level: 1,
      role: 'supervisor',
      escalation: { step: 'await_solution', level: 1, deadline: c.deadlines.solution },
      notify: [staff('supervisor.wang')],
    });
    const second = escalateByHand(
      complaint({ escalation: { step: 'await_solution', level: 1, deadline: c.deadlines.solution! } }),
      now,
      policy,
      calendar,
    );
    expect(second).toMatchObject({ level: 2, role: 'department_head', notify: [staff('head.zhao')] });
  });

  it('gives a deadline already passed the grade’s grace', () => {
    const c = complaint({ escalation: { step: 'await_solution', level: 1, deadline: '2026-11-23T01:00:00.000Z' } });
    const { escalation } = escalateByHand(c, now, policy, calendar);
    expect(Date.parse(escalation.deadline)).toBeGreaterThan(now.getTime());
  });

  it('refuses at the top rung', () => {
    const c = complaint({ escalation: { step: 'await_solution', level: 3, deadline: '2026-11-24T02:00:00.000Z' } });
    expect(() => escalateByHand(c, now, policy, calendar)).toThrow(InvalidTransitionError);
  });

  it('starts again from the bottom for a step that was not escalated', () => {
    const c = complaint({ escalation: { step: 'await_contact', level: 3, deadline: '2026-11-24T02:00:00.000Z' } });
    expect(escalateByHand(c, now, policy, calendar).level).toBe(1);
  });

  it('tells the rung in its language, with the reason escaped and kept out of the subject', () => {
    const reason = 'Supplier <b>silent</b>';
    for (const who of ['supervisor.wang', 'manager.sun']) {
      const mail = handEscalationMail({
        complaint: complaint(),
        staff: staff(who),
        timezone: policy.calendar.timezone,
        staffUrl: 'http://localhost:3000/console/complaints/202611-0001',
        step: 'await_solution',
        level: who === 'manager.sun' ? 3 : 1,
        byName: 'Li Na',
        reason,
      });
      expect(mail.html).toContain('&lt;b&gt;silent&lt;/b&gt;');
      expect(mail.subject).not.toContain('silent');
      expect(mail.text).toContain(reason);
    }
  });
});

describe('who may regrade, reroute and escalate', () => {
  it('keeps regrade and reroute to supervisors and above, and lets an owner escalate', () => {
    const c = complaint();
    for (const action of ['regrade', 'reroute'] as const) {
      expect(can(staff('agent.li'), action, c)).toBe(false);
      expect(can(staff('supervisor.wang'), action, c)).toBe(true);
      expect(can(staff('manager.sun'), action, c)).toBe(true);
    }
    expect(can(staff('agent.li'), 'escalate', c)).toBe(true);
    expect(can(staff('agent.chen'), 'escalate', c)).toBe(false);
  });
});
