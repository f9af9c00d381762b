import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { timelineEvent } from '../../shared/model/events.js';
import { defaultPolicy } from '../../shared/policy/default-policy.js';
import { deadlineClocks, minutesLeft } from '../../shared/usecases/console-views.js';
import { aComplaint } from '../support/complaint-factory.js';

const calendar = createCalendar(defaultPolicy.calendar);

describe('the console’s deadline clocks', () => {
  it('counts a P3 countdown in working time: a night in Beijing does not shorten it', () => {
    // Tuesday 18:00 in Beijing, deadline Wednesday 10:00: one working hour left, not sixteen.
    const left = minutesLeft(
      '2026-11-25T02:00:00.000Z',
      'P3',
      new Date('2026-11-24T10:00:00.000Z'),
      defaultPolicy,
      calendar,
    );
    expect(left).toEqual({ minutes: 60, working: true, running: false });
  });

  it('counts a P1 countdown by the clock, and a passed deadline as negative minutes', () => {
    const now = new Date('2026-11-28T19:00:00.000Z'); // a Sunday, 03:00 in Beijing
    expect(minutesLeft('2026-11-28T19:15:00.000Z', 'P1', now, defaultPolicy, calendar)).toEqual({
      minutes: 15,
      working: false,
      running: true,
    });
    expect(minutesLeft('2026-11-28T18:30:00.000Z', 'P3', now, defaultPolicy, calendar).minutes).toBe(-30);
  });

  it('explains each deadline: met or open, the pause while the customer was asked, the miss and who was told', () => {
    const c = aComplaint({
      receivedAt: '2026-11-24T01:00:00.000Z',
      ownerId: 'agent.li',
      deadlines: {
        assign: '2026-11-24T03:00:00.000Z',
        firstContact: '2026-11-25T01:00:00.000Z',
        solution: '2026-11-26T01:00:00.000Z',
        resolve: '2026-11-27T01:00:00.000Z',
      },
    });
    const at = (iso: string) => new Date(iso);
    const timeline = [
      timelineEvent(c.id, 'sla_breached', at('2026-11-25T01:00:00.000Z'), 'system', {
        step: 'await_contact',
        deadline: '2026-11-25T01:00:00.000Z',
        level: 1,
        role: 'supervisor',
        notified: ['supervisor.wang'],
        newDeadline: '2026-11-26T01:00:00.000Z',
      }),
      timelineEvent(c.id, 'info_requested', at('2026-11-25T02:00:00.000Z'), 'agent.li', {
        question: 'A photo?',
        limitAt: '2026-11-27T02:00:00.000Z',
        messageId: null,
      }),
      timelineEvent(c.id, 'customer_replied', at('2026-11-25T06:00:00.000Z'), 'customer', {
        message: 'Here',
        via: 'web',
      }),
    ];
    const clocks = deadlineClocks(c, timeline, at('2026-11-25T07:00:00.000Z'), defaultPolicy, calendar);
    expect(clocks.map((k) => [k.name, k.met])).toEqual([
      ['assign', true],
      ['firstContact', false],
      ['solution', false],
      ['resolve', false],
    ]);
    const firstContact = clocks[1]!;
    expect(firstContact.working).toBe(true);
    expect(firstContact.breaches).toEqual([
      { at: '2026-11-25T01:00:00.000Z', rung: 'supervisor', notified: ['supervisor.wang'] },
    ]);
    expect(firstContact.pauses).toEqual([{ from: '2026-11-25T02:00:00.000Z', to: '2026-11-25T06:00:00.000Z' }]);
    expect(firstContact.elapsedWorkingMinutes).toBeGreaterThan(0);
  });
});
