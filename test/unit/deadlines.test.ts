import { describe, expect, it } from 'vitest';
import {
  addDuration,
  computeDeadlines,
  createCalendar,
  defaultCalendarPolicy,
  nextOpenDeadline,
  secondsUntil,
} from '../../shared/calendar/index.js';
import type { Deadlines } from '../../shared/model/complaint.js';
import { defaultDeadlinePolicy } from '../../shared/policy/deadline-policy.js';
import type { DeadlinePolicy } from '../../shared/policy/types.js';

/** An instant written as Beijing wall-clock time, "YYYY-MM-DD HH:mm" (UTC+8, no DST). */
const shanghai = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const iso = (local: string) => shanghai(local).toISOString();

const calendar = createCalendar(defaultCalendarPolicy);
// Wednesday 17:00, the last working hour before the National Day break (10-01..10-07 off, Saturday 10-10 worked).
const beforeNationalDay = shanghai('2026-09-30 17:00');

describe('adding a duration', () => {
  it('adds minutes and hours as clock time, holidays or not', () => {
    expect(addDuration(beforeNationalDay, { minutes: 15 }, calendar)).toEqual(shanghai('2026-09-30 17:15'));
    expect(addDuration(beforeNationalDay, { hours: 2 }, calendar)).toEqual(shanghai('2026-09-30 19:00'));
    expect(addDuration(beforeNationalDay, { hours: 48 }, calendar)).toEqual(shanghai('2026-10-02 17:00'));
  });

  it('adds days as calendar days', () => {
    expect(addDuration(beforeNationalDay, { days: 7 }, calendar)).toEqual(shanghai('2026-10-07 17:00'));
  });

  it('keeps the local time of day for calendar days across a change to winter time', () => {
    const berlin = createCalendar({ ...defaultCalendarPolicy, timezone: 'Europe/Berlin', holidays: [], workdays: [] });
    const friday = new Date('2026-10-23T10:00:00+02:00');
    expect(addDuration(friday, { days: 7 }, berlin)).toEqual(new Date('2026-10-30T10:00:00+01:00'));
    expect(addDuration(friday, { hours: 7 * 24 }, berlin)).toEqual(new Date('2026-10-30T09:00:00+01:00'));
  });

  it('adds working hours and working days as working time only', () => {
    expect(addDuration(beforeNationalDay, { workingHours: 2 }, calendar)).toEqual(shanghai('2026-10-08 10:00'));
    expect(addDuration(beforeNationalDay, { workingDays: 1 }, calendar)).toEqual(shanghai('2026-10-08 17:00'));
    expect(addDuration(shanghai('2026-03-13 17:00'), { workingHours: 2 }, calendar)).toEqual(
      shanghai('2026-03-16 10:00'),
    );
  });

  it('refuses a negative or non-finite amount', () => {
    expect(() => addDuration(beforeNationalDay, { hours: -1 }, calendar)).toThrow(RangeError);
    expect(() => addDuration(beforeNationalDay, { days: Number.NaN }, calendar)).toThrow(RangeError);
    expect(() => addDuration(beforeNationalDay, { workingDays: Number.POSITIVE_INFINITY }, calendar)).toThrow(
      RangeError,
    );
  });
});

describe('the default deadline table', () => {
  it('gives P1 clock-time deadlines even in the middle of a holiday night', () => {
    expect(computeDeadlines(shanghai('2026-10-03 22:00'), 'P1', defaultDeadlinePolicy, calendar)).toEqual({
      assign: iso('2026-10-03 22:15'),
      firstContact: iso('2026-10-03 23:00'),
      solution: iso('2026-10-04 00:00'),
      resolve: iso('2026-10-04 22:00'),
      // 004: the compensation plan 48 h after receipt, clock time.
      compensationPlan: iso('2026-10-05 22:00'),
    });
  });

  it('gives P2 clock-time deadlines', () => {
    expect(computeDeadlines(beforeNationalDay, 'P2', defaultDeadlinePolicy, calendar)).toEqual({
      assign: iso('2026-09-30 18:00'),
      firstContact: iso('2026-09-30 21:00'),
      solution: iso('2026-10-01 17:00'),
      resolve: iso('2026-10-02 17:00'),
    });
  });

  it('gives P3 working-day deadlines that skip National Day and land on the swapped Saturday', () => {
    expect(computeDeadlines(beforeNationalDay, 'P3', defaultDeadlinePolicy, calendar)).toEqual({
      assign: iso('2026-09-30 19:00'),
      firstContact: iso('2026-10-08 17:00'),
      solution: iso('2026-10-09 17:00'),
      resolve: iso('2026-10-10 17:00'),
    });
  });

  it('gives P3 received on a holiday deadlines that start counting on the first working morning', () => {
    expect(computeDeadlines(shanghai('2026-10-03 10:00'), 'P3', defaultDeadlinePolicy, calendar)).toEqual({
      assign: iso('2026-10-03 12:00'),
      firstContact: iso('2026-10-08 18:00'),
      solution: iso('2026-10-09 18:00'),
      resolve: iso('2026-10-10 18:00'),
    });
  });

  it('gives P4 no solution deadline and resolves it within 7 calendar days', () => {
    const deadlines = computeDeadlines(beforeNationalDay, 'P4', defaultDeadlinePolicy, calendar);
    expect(deadlines).toEqual({
      assign: iso('2026-10-08 17:00'),
      firstContact: iso('2026-10-09 17:00'),
      resolve: iso('2026-10-07 17:00'),
    });
    // Absent, not undefined: DynamoDB's marshaller rejects undefined attributes.
    expect(Object.keys(deadlines)).not.toContain('solution');
  });

  it('writes every deadline as an ISO-8601 UTC instant', () => {
    const deadlines = computeDeadlines(beforeNationalDay, 'P3', defaultDeadlinePolicy, calendar);
    expect(deadlines.firstContact).toBe('2026-10-08T09:00:00.000Z');
  });
});

describe('an operator deadline policy is data', () => {
  const fourHourShop: DeadlinePolicy = {
    ...defaultDeadlinePolicy,
    P3: {
      assign: { workingHours: 1 },
      firstContact: { workingHours: 4 },
      solution: { days: 2 },
      resolve: { workingDays: 5 },
    },
  };
  const shortHours = createCalendar({ ...defaultCalendarPolicy, workday: { start: '10:00', end: '14:00' } });

  it('follows the operator’s durations on the operator’s hours', () => {
    // Friday 13:00 on a 10:00–14:00 calendar: 1 h left that day, a working day is 4 h.
    expect(computeDeadlines(shanghai('2026-03-13 13:00'), 'P3', fourHourShop, shortHours)).toEqual({
      assign: iso('2026-03-13 14:00'),
      firstContact: iso('2026-03-16 13:00'),
      solution: iso('2026-03-15 13:00'),
      resolve: iso('2026-03-20 13:00'),
    });
  });
});

describe('the next open deadline, for the by-deadline index', () => {
  const deadlines: Deadlines = {
    assign: iso('2026-09-30 19:00'),
    firstContact: iso('2026-10-08 17:00'),
    solution: iso('2026-10-09 17:00'),
    resolve: iso('2026-10-10 17:00'),
  };

  it('is the earliest deadline still ahead', () => {
    expect(nextOpenDeadline(deadlines, shanghai('2026-09-30 17:00'))).toEqual({
      name: 'assign',
      at: iso('2026-09-30 19:00'),
    });
    expect(nextOpenDeadline(deadlines, shanghai('2026-10-01 09:00'))).toEqual({
      name: 'firstContact',
      at: iso('2026-10-08 17:00'),
    });
  });

  it('moves on at the very moment a deadline is reached', () => {
    expect(nextOpenDeadline(deadlines, shanghai('2026-10-09 17:00'))?.name).toBe('resolve');
  });

  it('is the earliest deadline of all once every deadline has passed', () => {
    expect(nextOpenDeadline(deadlines, shanghai('2026-11-01 09:00'))).toEqual({
      name: 'assign',
      at: iso('2026-09-30 19:00'),
    });
  });

  it('skips deadlines already met', () => {
    expect(nextOpenDeadline(deadlines, shanghai('2026-09-30 17:00'), ['assign', 'firstContact'])).toEqual({
      name: 'solution',
      at: iso('2026-10-09 17:00'),
    });
    expect(nextOpenDeadline(deadlines, shanghai('2026-11-01 09:00'), ['assign'])?.name).toBe('firstContact');
  });

  it('is absent once every deadline is met', () => {
    const p4: Deadlines = {
      assign: deadlines.assign,
      firstContact: deadlines.firstContact,
      resolve: deadlines.resolve,
    };
    expect(nextOpenDeadline(p4, shanghai('2026-09-30 17:00'), ['assign', 'firstContact', 'resolve'])).toBe(undefined);
  });

  it('orders by time, not by the order of the steps', () => {
    // P4 across National Day: resolve (7 calendar days) falls before first contact (2 working days).
    const p4: Deadlines = {
      assign: iso('2026-10-08 17:00'),
      firstContact: iso('2026-10-09 17:00'),
      resolve: iso('2026-10-07 17:00'),
    };
    expect(nextOpenDeadline(p4, shanghai('2026-10-01 09:00'))?.name).toBe('resolve');
  });
});

describe('seconds until a deadline, for a Step Functions wait', () => {
  const now = new Date('2026-09-30T09:00:00.000Z');

  it('counts the whole seconds left', () => {
    expect(secondsUntil(new Date('2026-09-30T09:01:30.000Z'), now)).toBe(90);
    expect(secondsUntil('2026-10-01T09:00:00.000Z', now)).toBe(86_400);
  });

  it('rounds a part of a second up, so the wait never ends before the deadline', () => {
    expect(secondsUntil('2026-09-30T09:00:01.200Z', now)).toBe(2);
  });

  it('is zero for a deadline reached or passed', () => {
    expect(secondsUntil('2026-09-30T09:00:00.000Z', now)).toBe(0);
    expect(secondsUntil('2026-09-29T09:00:00.000Z', now)).toBe(0);
  });

  it('refuses something that is not an instant', () => {
    expect(() => secondsUntil('tomorrow', now)).toThrow(RangeError);
  });
});
