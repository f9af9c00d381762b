import { describe, expect, it } from 'vitest';
import type { Complaint } from '../../shared/model/complaint.js';
import { resumeFromPause } from '../../shared/workflow/pause.js';
import { stepTransition, withChanges } from '../../shared/workflow/step-times.js';
import { aComplaint } from '../support/complaint-factory.js';

const HOUR = 3_600_000;
const now = new Date('2026-11-25T02:00:00Z');
const at = (hoursFromNow: number) => new Date(now.getTime() + hoursFromNow * HOUR).toISOString();

describe('resuming after waiting for the customer', () => {
  const paused = (overrides: Partial<Complaint> = {}) =>
    aComplaint({
      status: 'awaiting_customer',
      acknowledgedAt: at(-50),
      ownerId: 'agent.li',
      firstContactAt: at(-40),
      deadlines: { acknowledge: at(-48), firstContact: at(-30), solution: at(2), resolve: at(20) },
      nextDeadlineAt: at(2),
      infoRequest: { question: 'Photo?', requestedAt: at(-10), requestedBy: 'agent.li', limitAt: at(100) },
      ...overrides,
    });

  it('moves every deadline still open on by the time the complaint was paused, and puts it back in progress', () => {
    const changes = resumeFromPause(paused(), now);
    expect(changes).toEqual({
      status: 'in_progress',
      deadlines: { acknowledge: at(-48), firstContact: at(-30), solution: at(12), resolve: at(30) },
      nextDeadlineAt: at(12),
    });
  });

  it('leaves a solution deadline that was met where it was', () => {
    const changes = resumeFromPause(
      paused({
        solution: { summary: 'Refund', proposedAt: at(-20), proposedBy: 'agent.li', approval: 'not_required' },
      }),
      now,
    );
    expect(changes.deadlines.solution).toBe(at(2));
    expect(changes.deadlines.resolve).toBe(at(30));
  });

  it('moves the escalated deadline being waited for too', () => {
    const changes = resumeFromPause(paused({ escalation: { step: 'await_solution', level: 2, deadline: at(1) } }), now);
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
