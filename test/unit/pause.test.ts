import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultPolicy as policy } from '../../shared/policy/default-policy.js';
import { resumeFromPause } from '../../shared/workflow/pause.js';
import { stepTransition, withChanges } from '../../shared/workflow/step-times.js';
import { aComplaint } from '../support/complaint-factory.js';

const HOUR = 3_600_000;
const now = new Date('2026-11-25T02:00:00Z');
const at = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * HOUR).toISOString();

const calendar = createCalendar(policy.calendar);

describe('resuming after waiting for the customer', () => {
  // P2 deadlines are clock time (hours): the pause moves them by the time that passed.
  const paused = (overrides: Partial<Complaint> = {}) =>
    aComplaint({
      grade: 'P2',
      status: 'awaiting_customer',
      acknowledgedAt: at(-50),
      ownerId: 'agent.li',
      firstContactAt: at(-40),
      deadlines: { assign: at(-48), firstContact: at(-30), solution: at(2), resolve: at(20) },
      nextDeadlineAt: at(2),
      infoRequest: { question: 'Photo?', requestedAt: at(-10), requestedBy: 'agent.li', limitAt: at(100) },
      ...overrides,
    });

  it('moves every clock-time deadline still open on by the time the complaint was paused', () => {
    const changes = resumeFromPause(paused(), now, policy, calendar);
    expect(changes).toEqual({
      deadlines: { assign: at(-48), firstContact: at(-30), solution: at(12), resolve: at(30) },
    });
  });

  it('moves a working-day deadline by the working time of the pause, so it still falls inside working hours', () => {
    // P3, Beijing time: resolve by Wed 25 Nov 12:00; asked the customer Tue 24 Nov 17:00, they
    // answered Wed 25 Nov 09:30. One working hour (17:00-18:00) and half an hour (09:00-09:30)
    // of working time passed: the deadline moves 90 working minutes, to 13:30, not 16.5 hours to 04:30 at night.
    const c = aComplaint({
      grade: 'P3',
      status: 'awaiting_customer',
      acknowledgedAt: '2026-11-23T01:00:00.000Z',
      ownerId: 'agent.li',
      firstContactAt: '2026-11-23T02:00:00.000Z',
      deadlines: {
        assign: '2026-11-23T03:00:00.000Z',
        firstContact: '2026-11-24T01:00:00.000Z',
        solution: '2026-11-25T01:00:00.000Z',
        resolve: '2026-11-25T04:00:00.000Z',
      },
      infoRequest: {
        question: 'Photo?',
        requestedAt: '2026-11-24T09:00:00.000Z',
        requestedBy: 'agent.li',
        limitAt: '2026-12-01T09:00:00.000Z',
      },
    });
    const answeredAt = new Date('2026-11-25T01:30:00.000Z');
    const { deadlines } = resumeFromPause(c, answeredAt, policy, calendar);
    expect(deadlines.resolve).toBe('2026-11-25T05:30:00.000Z');
    expect(calendar.isWithinWorkingHours(new Date(deadlines.resolve))).toBe(true);
    expect(deadlines.solution).toBe('2026-11-25T02:30:00.000Z');
  });

  it('leaves a solution deadline that was met where it was', () => {
    const changes = resumeFromPause(
      paused({
        solution: { summary: 'Refund', proposedAt: at(-20), proposedBy: 'agent.li', approval: 'not_required' },
      }),
      now,
      policy,
      calendar,
    );
    expect(changes.deadlines.solution).toBe(at(2));
    expect(changes.deadlines.resolve).toBe(at(30));
  });

  it('moves the escalated deadline being waited for too', () => {
    const changes = resumeFromPause(
      paused({ escalation: { step: 'await_solution', level: 2, deadline: at(1) } }),
      now,
      policy,
      calendar,
    );
    expect(changes.escalation).toEqual({ step: 'await_solution', level: 2, deadline: at(11) });
  });
});

describe('the handling time of each step', () => {
  const fresh = aComplaint({ status: 'acknowledged', receivedAt: at(-1), updatedAt: at(-0.5) });

  it('ends the step a change leaves and starts the one it enters, pointing the index at the new deadline', () => {
    const after = withChanges(fresh, { ownerId: 'agent.li', status: 'assigned' });
    expect(stepTransition(fresh, after, now)).toEqual({
      stepTimes: {
        await_owner: { startedAt: at(-1), endedAt: now.toISOString() },
        await_contact: { startedAt: now.toISOString() },
      },
      nextDeadlineAt: fresh.deadlines.firstContact,
    });
  });

  it('drops the escalation of the step it leaves, but keeps it through a pause for the customer', () => {
    const escalated = withChanges(fresh, {
      ownerId: 'agent.li',
      firstContactAt: at(-0.5),
      solution: { summary: 'Refund', proposedAt: at(-0.4), proposedBy: 'agent.li', approval: 'not_required' },
      escalation: { step: 'await_resolution', level: 1, deadline: at(5) },
    });
    const resolved = withChanges(escalated, { resolvedAt: now.toISOString(), status: 'resolved' });
    expect(stepTransition(escalated, resolved, now)).toHaveProperty('escalation', undefined);
    const paused = withChanges(escalated, {
      status: 'awaiting_customer',
      infoRequest: { question: 'Photo?', requestedAt: now.toISOString(), requestedBy: 'agent.li', limitAt: at(50) },
    });
    expect(stepTransition(escalated, paused, now)).not.toHaveProperty('escalation');
  });

  it('changes nothing when the complaint stays on the same step', () => {
    const owned = withChanges(fresh, { ownerId: 'agent.li' });
    expect(stepTransition(owned, withChanges(owned, { ownerId: 'agent.chen' }), now)).toEqual({});
  });

  it('keeps a step entered again after a reopen apart from its first round', () => {
    const before = aComplaint({
      ownerId: 'agent.li',
      firstContactAt: at(-40),
      solution: { summary: 'x', proposedAt: at(-30), proposedBy: 'agent.li', approval: 'not_required' },
      resolvedAt: at(-20),
      surveySentAt: at(-19),
      stepTimes: {
        await_resolution: { startedAt: at(-30), endedAt: at(-20) },
        await_survey: { startedAt: at(-19) },
      },
    });
    const after = withChanges(before, { resolvedAt: undefined, surveySentAt: undefined, status: 'reopened' });
    expect(stepTransition(before, after, now).stepTimes).toEqual({
      await_resolution: { startedAt: at(-30), endedAt: at(-20) },
      await_survey: { startedAt: at(-19), endedAt: now.toISOString() },
      'await_resolution#2': { startedAt: now.toISOString() },
    });
  });

  it('keeps the index’s deadline while the clock is paused for the customer', () => {
    const owned = aComplaint({ ownerId: 'agent.li', firstContactAt: at(-1), nextDeadlineAt: at(5) });
    const waiting = withChanges(owned, {
      status: 'awaiting_customer',
      infoRequest: { question: 'Photo?', requestedAt: now.toISOString(), requestedBy: 'agent.li', limitAt: at(100) },
    });
    expect(stepTransition(owned, waiting, now)).not.toHaveProperty('nextDeadlineAt');
  });
});
