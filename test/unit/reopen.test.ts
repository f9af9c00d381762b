import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { gradeAbove, reopenComplaint } from '../../shared/workflow/reopen.js';
import { aComplaint } from '../support/complaint-factory.js';
import { policyWithDemoStaff } from '../support/staff.js';

const policy = policyWithDemoStaff;
const calendar = createCalendar(policy.calendar);
// Wednesday 25 November 2026, 10:00 in Shanghai.
const now = new Date('2026-11-25T02:00:00Z');
const later = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

function resolvedComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return aComplaint({
    status: 'awaiting_survey',
    ownerId: 'agent.li',
    firstContactAt: '2026-11-20T03:00:00.000Z',
    solution: {
      summary: 'Replace',
      proposedAt: '2026-11-21T03:00:00.000Z',
      proposedBy: 'agent.li',
      approval: 'approved',
    },
    resolvedAt: '2026-11-23T03:00:00.000Z',
    resolutionSummary: 'Replaced',
    resultSentAt: '2026-11-23T04:00:00.000Z',
    surveySentAt: '2026-11-23T04:00:00.000Z',
    surveyReminderSentAt: '2026-11-25T01:00:00.000Z',
    escalation: { step: 'await_resolution', level: 1, deadline: '2026-11-23T02:00:00.000Z' },
    ...overrides,
  });
}

describe('reopening a complaint', () => {
  it('raises the grade by one, and P1 stays P1', () => {
    expect(['P4', 'P3', 'P2', 'P1'].map((g) => gradeAbove(g as Complaint['grade']))).toEqual(['P3', 'P2', 'P1', 'P1']);
  });

  it('puts the first reopen under a supervisor with the new grade’s deadlines from now', () => {
    const { changes, overseer, followUpBy } = reopenComplaint(resolvedComplaint(), now, policy, calendar, 'customer', {
      reason: 'survey_dissatisfied',
    });
    expect(changes).toMatchObject({
      grade: 'P2',
      reopenCount: 1,
      overseerId: 'supervisor.wang',
      reopenedAt: now.toISOString(),
    });
    expect(overseer?.id).toBe('supervisor.wang');
    // P2: owner 1 h, contact 4 h, solution 24 h, resolve 48 h, all clock time from now.
    expect(changes.deadlines).toEqual({
      assign: later(1),
      firstContact: later(4),
      solution: later(24),
      resolve: later(48),
    });
    expect(followUpBy).toBe(later(48));
  });

  it('puts the second reopen under a manager, and keeps P1’s tighter resolve deadline over the 48-hour follow-up', () => {
    const { changes } = reopenComplaint(
      resolvedComplaint({ grade: 'P2', reopenCount: 1, overseerId: 'supervisor.wang' }),
      now,
      policy,
      calendar,
      'supervisor.wang',
      { reason: 'Still broken' },
    );
    expect(changes).toMatchObject({ grade: 'P1', reopenCount: 2, overseerId: 'manager.sun' });
    expect(changes.deadlines?.resolve).toBe(later(24));
  });

  it('holds a reopened low-priority complaint to the 48-hour follow-up even when working days would give longer', () => {
    const { changes } = reopenComplaint(resolvedComplaint({ grade: 'P4' }), now, policy, calendar, 'customer', {});
    expect(changes.grade).toBe('P3');
    // P3 firstContact is one working day: Thursday 10:00.
    expect(changes.deadlines?.firstContact).toBe('2026-11-26T02:00:00.000Z');
    expect(changes.deadlines?.resolve).toBe(later(48));
  });

  it('clears the previous resolution, result, survey and escalation so the lifecycle runs again, keeping the owner', () => {
    const survey = { score: 1, reason: 'Worse than before', answeredAt: now.toISOString() };
    const complaint = resolvedComplaint({ survey });
    const { changes, events } = reopenComplaint(complaint, now, policy, calendar, 'customer', {
      reason: 'survey_dissatisfied',
      survey,
    });
    for (const field of [
      'resolvedAt',
      'resolutionSummary',
      'resultSentAt',
      'surveySentAt',
      'surveyReminderSentAt',
      'survey',
      'escalation',
    ] as const) {
      expect(changes).toHaveProperty(field, undefined);
    }
    expect(changes).not.toHaveProperty('ownerId');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      complaintId: complaint.id,
      type: 'reopened',
      actor: 'customer',
      at: now.toISOString(),
      data: {
        fromGrade: 'P3',
        toGrade: 'P2',
        reason: 'survey_dissatisfied',
        overseer: 'supervisor.wang',
        reopenCount: 1,
        followUpBy: later(48),
        survey,
      },
    });
  });

  it('prefers a supervisor of the complaint’s own department when the directory has one', () => {
    const ownSupervisor = {
      ...policy.staff.find((s) => s.id === 'supervisor.wang')!,
      id: 'supervisor.qa',
      department: 'quality' as const,
    };
    const withDepartments = { ...policy, staff: [...policy.staff, ownSupervisor] };
    const { changes } = reopenComplaint(
      resolvedComplaint({ department: 'quality' }),
      now,
      withDepartments,
      calendar,
      'customer',
      {},
    );
    expect(changes.overseerId).toBe('supervisor.qa');
  });

  it('reopens without an overseer when the directory has nobody of that role, and says so', () => {
    const noSupervisors = { ...policy, staff: policy.staff.filter((s) => s.role !== 'supervisor') };
    const { changes, events } = reopenComplaint(resolvedComplaint(), now, noSupervisors, calendar, 'customer', {});
    expect(changes.overseerId).toBeUndefined();
    expect(events[0]?.data).toMatchObject({ overseer: null });
  });
});
