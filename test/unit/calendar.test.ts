import { describe, expect, it } from 'vitest';
import {
  CalendarPolicyError,
  createCalendar,
  defaultCalendarPolicy,
  WorkingCalendar,
} from '../../shared/calendar/index.js';
import type { CalendarPolicy } from '../../shared/policy/types.js';

/** An instant written as Beijing wall-clock time, "YYYY-MM-DD HH:mm" (UTC+8, no DST). */
const shanghai = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const calendar = createCalendar(defaultCalendarPolicy);
const ONE_WORKING_DAY = 9 * 60;

describe('which days are working days in the 2026 China calendar', () => {
  it.each([
    ['2026-01-01', "New Year's Day (Thursday)"],
    ['2026-01-03', 'the end of the New Year break (Saturday)'],
    ['2026-02-15', 'the first day of the Spring Festival (Sunday)'],
    ['2026-02-16', 'a Monday inside the Spring Festival'],
    ['2026-02-23', 'the last day of the Spring Festival (Monday)'],
    ['2026-04-04', 'the first day of Qingming (Saturday)'],
    ['2026-04-06', 'the last day of Qingming (Monday)'],
    ['2026-05-01', 'Labour Day (Friday)'],
    ['2026-05-05', 'the last day of the Labour Day break (Tuesday)'],
    ['2026-06-19', 'the Dragon Boat Festival (Friday)'],
    ['2026-06-21', 'the last day of the Dragon Boat break (Sunday)'],
    ['2026-09-25', 'the Mid-Autumn Festival (Friday)'],
    ['2026-09-27', 'the last day of the Mid-Autumn break (Sunday)'],
    ['2026-10-01', 'National Day (Thursday)'],
    ['2026-10-07', 'the last day of the National Day break (Wednesday)'],
    ['2026-03-07', 'an ordinary Saturday'],
    ['2026-03-08', 'an ordinary Sunday'],
    ['2026-10-11', 'the Sunday after the swapped Saturday 10-10'],
  ])('gives %s off: %s', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(false);
  });

  it.each([
    ['2026-01-04', 'the swapped working Sunday after New Year'],
    ['2026-02-14', 'the swapped working Saturday before the Spring Festival'],
    ['2026-02-28', 'the swapped working Saturday after the Spring Festival'],
    ['2026-05-09', 'the swapped working Saturday after Labour Day'],
    ['2026-09-20', 'the swapped working Sunday before Mid-Autumn'],
    ['2026-10-10', 'the swapped working Saturday after National Day'],
    ['2026-02-24', 'the first weekday after the Spring Festival (Tuesday)'],
    ['2026-10-08', 'the first weekday after National Day (Thursday)'],
    ['2026-03-10', 'an ordinary Tuesday'],
    ['2027-01-01', 'a Friday in 2027, a year the data does not cover, so only the weekend rule applies'],
  ])('works on %s: %s', (date) => {
    expect(calendar.isWorkingDay(date)).toBe(true);
  });

  it('leaves weekends off in a year the data does not cover', () => {
    expect(calendar.isWorkingDay('2027-01-02')).toBe(false);
  });

  it('judges an instant by its Beijing date, not its UTC date', () => {
    // 2026-09-30T16:30Z is already 00:30 on National Day in Beijing.
    expect(calendar.isWorkingDay(new Date('2026-09-30T16:30:00Z'))).toBe(false);
    // 2026-10-07T16:30Z is 00:30 on Thursday 10-08, the first working day after the break.
    expect(calendar.isWorkingDay(new Date('2026-10-07T16:30:00Z'))).toBe(true);
  });

  it('rejects a day that is not a YYYY-MM-DD date', () => {
    expect(() => calendar.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('10/10/2026')).toThrow(RangeError);
  });
});

describe('working hours', () => {
  it('opens at 09:00 and is already closed at 18:00', () => {
    expect(calendar.isWithinWorkingHours(shanghai('2026-03-10 09:00'))).toBe(true);
    expect(calendar.isWithinWorkingHours(shanghai('2026-03-10 17:59'))).toBe(true);
    expect(calendar.isWithinWorkingHours(shanghai('2026-03-10 18:00'))).toBe(false);
    expect(calendar.isWithinWorkingHours(shanghai('2026-03-10 08:59'))).toBe(false);
  });

  it('has no working hours on a holiday, but normal ones on a swapped working Saturday', () => {
    expect(calendar.isWithinWorkingHours(shanghai('2026-10-05 10:00'))).toBe(false);
    expect(calendar.isWithinWorkingHours(shanghai('2026-10-10 10:00'))).toBe(true);
  });

  it('starts the clock at once during working time', () => {
    expect(calendar.nextWorkingInstant(shanghai('2026-03-10 10:30'))).toEqual(shanghai('2026-03-10 10:30'));
  });

  it('starts the clock at the next opening otherwise', () => {
    expect(calendar.nextWorkingInstant(shanghai('2026-03-10 07:30'))).toEqual(shanghai('2026-03-10 09:00'));
    expect(calendar.nextWorkingInstant(shanghai('2026-03-10 18:00'))).toEqual(shanghai('2026-03-11 09:00'));
    expect(calendar.nextWorkingInstant(shanghai('2026-03-13 19:00'))).toEqual(shanghai('2026-03-16 09:00'));
    expect(calendar.nextWorkingInstant(shanghai('2026-10-03 11:00'))).toEqual(shanghai('2026-10-08 09:00'));
  });
});

describe('adding working days (one working day = 9 h of working time)', () => {
  it.each([
    // A normal week.
    ['an ordinary Tuesday morning', '2026-03-10 10:30', 1, '2026-03-11 10:30'],
    ['an ordinary Tuesday morning, three days on', '2026-03-10 10:30', 3, '2026-03-13 10:30'],
    ['Friday 17:00, over the weekend', '2026-03-13 17:00', 1, '2026-03-16 17:00'],
    ['a Saturday, when the clock starts on Monday morning', '2026-03-14 11:00', 1, '2026-03-16 18:00'],
    ['a Saturday, two days on', '2026-03-14 11:00', 2, '2026-03-17 18:00'],
    ['07:30, before opening', '2026-03-10 07:30', 1, '2026-03-10 18:00'],
    ['exactly 09:00', '2026-03-10 09:00', 1, '2026-03-10 18:00'],
    ['exactly 18:00, already after hours', '2026-03-10 18:00', 1, '2026-03-11 18:00'],
    ['late at night', '2026-03-10 23:00', 1, '2026-03-11 18:00'],
    // National Day: 10-01..10-07 off, Saturday 10-10 worked.
    ['the last working hour before National Day', '2026-09-30 17:00', 1, '2026-10-08 17:00'],
    ['the last working hour before National Day, two days on', '2026-09-30 17:00', 2, '2026-10-09 17:00'],
    ['the last working hour before National Day, onto the swapped Saturday', '2026-09-30 17:00', 3, '2026-10-10 17:00'],
    ['a Saturday inside National Day', '2026-10-03 10:00', 1, '2026-10-08 18:00'],
    ['Friday 10-09, onto the swapped Saturday', '2026-10-09 17:00', 1, '2026-10-10 17:00'],
    ['the swapped Saturday 10-10, over the Sunday', '2026-10-10 17:00', 1, '2026-10-12 17:00'],
    // New Year: 01-01..01-03 off, Sunday 01-04 worked; 2025-12-31 is outside the data.
    ["New Year's Eve 2025", '2025-12-31 17:00', 1, '2026-01-04 17:00'],
    // Spring Festival: 02-15..02-23 off, Saturdays 02-14 and 02-28 worked.
    ['Friday before the Spring Festival, onto the swapped Saturday', '2026-02-13 17:00', 1, '2026-02-14 17:00'],
    ['Friday before the Spring Festival, over the whole festival', '2026-02-13 17:00', 2, '2026-02-24 17:00'],
    ['a day inside the Spring Festival', '2026-02-18 15:00', 1, '2026-02-24 18:00'],
    ['Friday 02-27, onto the swapped Saturday', '2026-02-27 17:00', 1, '2026-02-28 17:00'],
    ['the swapped Saturday 02-28, over an ordinary Sunday', '2026-02-28 17:00', 1, '2026-03-02 17:00'],
    // Qingming: 04-04..04-06 off.
    ['Friday before Qingming', '2026-04-03 17:00', 1, '2026-04-07 17:00'],
    // Labour Day: 05-01..05-05 off, Saturday 05-09 worked.
    ['the day before Labour Day', '2026-04-30 17:00', 1, '2026-05-06 17:00'],
    ['Friday 05-08, onto the swapped Saturday', '2026-05-08 17:00', 1, '2026-05-09 17:00'],
    // Dragon Boat: 06-19..06-21 off.
    ['the day before the Dragon Boat Festival', '2026-06-18 17:00', 1, '2026-06-22 17:00'],
    // Mid-Autumn: 09-25..09-27 off, Sunday 09-20 worked.
    ['Friday 09-18, onto the swapped Sunday', '2026-09-18 17:00', 1, '2026-09-20 17:00'],
    ['the day before Mid-Autumn', '2026-09-24 17:00', 1, '2026-09-28 17:00'],
  ])('received %s (%s) + %i working day(s) is due %s', (_why, received, days, due) => {
    expect(calendar.addWorkingDays(shanghai(received), days)).toEqual(shanghai(due));
  });

  it('ends a deadline that uses up a day at 18:00 that day, never at 09:00 the next morning', () => {
    expect(calendar.addWorkingDays(shanghai('2026-10-08 09:00'), 1)).toEqual(shanghai('2026-10-08 18:00'));
  });

  it('counts a working day as the policy’s working hours long', () => {
    expect(calendar.workingDayMinutes).toBe(ONE_WORKING_DAY);
  });
});

describe('adding working minutes', () => {
  it('adds within the same day', () => {
    expect(calendar.addWorkingMinutes(shanghai('2026-03-10 10:30'), 120)).toEqual(shanghai('2026-03-10 12:30'));
    expect(calendar.addWorkingMinutes(shanghai('2026-03-10 17:59'), 1)).toEqual(shanghai('2026-03-10 18:00'));
  });

  it('carries what is left of the day over to the next opening', () => {
    // 2 h on Tuesday, 6 h on Wednesday.
    expect(calendar.addWorkingMinutes(shanghai('2026-03-10 16:00'), 8 * 60)).toEqual(shanghai('2026-03-11 15:00'));
    // 1 h on Friday, 1 h on Monday.
    expect(calendar.addWorkingMinutes(shanghai('2026-03-13 17:00'), 120)).toEqual(shanghai('2026-03-16 10:00'));
    // Before opening: counted from 09:00.
    expect(calendar.addWorkingMinutes(shanghai('2026-03-10 07:30'), 60)).toEqual(shanghai('2026-03-10 10:00'));
  });

  it('keeps fractions of a minute', () => {
    expect(calendar.addWorkingMinutes(shanghai('2026-03-10 10:00'), 0.5)).toEqual(
      new Date('2026-03-10T10:00:30+08:00'),
    );
  });

  it('treats zero minutes as the moment the clock starts', () => {
    expect(calendar.addWorkingMinutes(shanghai('2026-03-10 10:00'), 0)).toEqual(shanghai('2026-03-10 10:00'));
    expect(calendar.addWorkingMinutes(shanghai('2026-10-03 10:00'), 0)).toEqual(shanghai('2026-10-08 09:00'));
  });

  it('refuses negative, infinite or missing amounts and invalid dates', () => {
    expect(() => calendar.addWorkingMinutes(shanghai('2026-03-10 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingMinutes(shanghai('2026-03-10 10:00'), Number.POSITIVE_INFINITY)).toThrow(
      RangeError,
    );
    expect(() => calendar.addWorkingDays(shanghai('2026-03-10 10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => calendar.addWorkingMinutes(new Date('not a date'), 10)).toThrow(RangeError);
  });
});

describe('working minutes between two instants', () => {
  it('counts only the working time in between', () => {
    expect(calendar.workingMinutesBetween(shanghai('2026-03-10 10:00'), shanghai('2026-03-10 11:30'))).toBe(90);
    expect(calendar.workingMinutesBetween(shanghai('2026-03-13 17:00'), shanghai('2026-03-16 10:00'))).toBe(120);
    expect(calendar.workingMinutesBetween(shanghai('2026-09-30 17:00'), shanghai('2026-10-08 17:00'))).toBe(540);
  });

  it('counts a whole ordinary week as five working days', () => {
    expect(calendar.workingMinutesBetween(shanghai('2026-03-09 00:00'), shanghai('2026-03-16 00:00'))).toBe(
      5 * ONE_WORKING_DAY,
    );
  });

  it('counts the ten days from National Day to the swapped Saturday as three working days', () => {
    expect(calendar.workingMinutesBetween(shanghai('2026-10-01 00:00'), shanghai('2026-10-11 00:00'))).toBe(
      3 * ONE_WORKING_DAY,
    );
  });

  it('counts nothing over a weekend or between two moments after hours', () => {
    expect(calendar.workingMinutesBetween(shanghai('2026-03-14 10:00'), shanghai('2026-03-15 16:00'))).toBe(0);
    expect(calendar.workingMinutesBetween(shanghai('2026-03-10 18:00'), shanghai('2026-03-11 09:00'))).toBe(0);
  });

  it('is negative when the second instant comes first', () => {
    expect(calendar.workingMinutesBetween(shanghai('2026-10-08 17:00'), shanghai('2026-09-30 17:00'))).toBe(-540);
  });
});

describe('the ticket month', () => {
  it('is the month of receipt in Beijing, not in UTC', () => {
    // 17:00 UTC on 30 November is 01:00 on 1 December in Beijing.
    expect(calendar.monthKey(new Date('2026-11-30T17:00:00Z'))).toBe('202612');
    expect(calendar.monthKey(new Date('2026-11-30T15:59:59Z'))).toBe('202611');
    expect(calendar.monthKey(new Date('2026-12-31T16:00:00Z'))).toBe('202701');
  });

  it('follows the operator’s zone', () => {
    const newYork = createCalendar({ ...defaultCalendarPolicy, timezone: 'America/New_York' });
    // 03:00 UTC on 1 December is 22:00 on 30 November in New York.
    expect(newYork.monthKey(new Date('2026-12-01T03:00:00Z'))).toBe('202611');
  });
});

describe('an operator calendar is data', () => {
  const berlin = new WorkingCalendar({
    timezone: 'Europe/Berlin',
    workday: { start: '08:30', end: '17:00' },
    holidays: [{ name: 'Christmas', from: '2026-12-24', to: '2026-12-26' }],
    workdays: [],
    weekend: [6, 7],
  });

  it('uses its own working hours for the length of a working day', () => {
    expect(berlin.workingDayMinutes).toBe(510);
    expect(berlin.addWorkingDays(new Date('2026-03-10T08:30:00+01:00'), 1)).toEqual(
      new Date('2026-03-10T17:00:00+01:00'),
    );
  });

  it('counts in its own zone across the end of summer time', () => {
    // Friday 16:00 CEST: 1 h left that day; summer time ends Sunday 10-25; 7.5 h on Monday
    // from 08:30 CET reach 16:00 CET.
    expect(berlin.addWorkingDays(new Date('2026-10-23T16:00:00+02:00'), 1)).toEqual(
      new Date('2026-10-26T16:00:00+01:00'),
    );
  });

  it('has its own holidays and none of China’s', () => {
    expect(berlin.isWorkingDay('2026-10-01')).toBe(true);
    expect(berlin.isWorkingDay('2026-10-10')).toBe(false);
    // Wednesday 12-23 16:00: 1 h left; 24-26 Christmas, 27 Sunday; Monday 28 08:30 + 7.5 h.
    expect(berlin.addWorkingDays(new Date('2026-12-23T16:00:00+01:00'), 1)).toEqual(
      new Date('2026-12-28T16:00:00+01:00'),
    );
  });

  it('can have a Friday–Saturday weekend', () => {
    const dubai = createCalendar({
      timezone: 'Asia/Dubai',
      workday: { start: '08:00', end: '16:00' },
      holidays: [],
      workdays: [],
      weekend: [5, 6],
    });
    // Thursday 15:00: 1 h left; Friday and Saturday off; Sunday 08:00 + 7 h.
    expect(dubai.addWorkingDays(new Date('2026-03-12T15:00:00+04:00'), 1)).toEqual(
      new Date('2026-03-15T15:00:00+04:00'),
    );
  });

  it('counts the hour skipped when summer time starts as no working time', () => {
    // Berlin, Sunday 2026-03-29: clocks go from 02:00 CET to 03:00 CEST, so 01:00–04:00 is 2 h long.
    const nightShift = createCalendar({
      timezone: 'Europe/Berlin',
      workday: { start: '01:00', end: '04:00' },
      holidays: [],
      workdays: [],
      weekend: [],
    });
    const day = (date: string) =>
      nightShift.workingMinutesBetween(new Date(`${date}T00:00:00+01:00`), new Date(`${date}T12:00:00+01:00`));
    expect(day('2026-03-28')).toBe(180);
    expect(day('2026-03-29')).toBe(120);
    expect(nightShift.addWorkingMinutes(new Date('2026-03-29T01:30:00+01:00'), 60)).toEqual(
      new Date('2026-03-29T03:30:00+02:00'),
    );
  });

  it('opens at local time in a zone a quarter of an hour off the hour', () => {
    const kathmandu = createCalendar({ ...defaultCalendarPolicy, timezone: 'Asia/Kathmandu' });
    expect(kathmandu.nextWorkingInstant(new Date('2026-03-10T00:00:00Z'))).toEqual(
      new Date('2026-03-10T09:00:00+05:45'),
    );
    expect(kathmandu.monthKey(new Date('2026-03-31T18:20:00Z'))).toBe('202604');
  });

  it('keeps counting on the southern summer calendar when Sydney’s clocks go forward', () => {
    // Sunday 2026-10-04 02:00 AEST becomes 03:00 AEDT: of 2 h from Friday 17:00 AEST, 1 h is left for Monday from 09:00 AEDT.
    const sydney = createCalendar({
      ...defaultCalendarPolicy,
      timezone: 'Australia/Sydney',
      holidays: [],
      workdays: [],
    });
    expect(sydney.addWorkingMinutes(new Date('2026-10-02T17:00:00+10:00'), 120)).toEqual(
      new Date('2026-10-05T10:00:00+11:00'),
    );
  });
});

describe('an unusable calendar policy', () => {
  const valid: CalendarPolicy = {
    timezone: 'Asia/Shanghai',
    workday: { start: '09:00', end: '18:00' },
    holidays: [{ name: 'National Day', from: '2026-10-01', to: '2026-10-07' }],
    workdays: ['2026-10-10'],
    weekend: [6, 7],
  };

  it('accepts the valid baseline the cases below break', () => {
    expect(() => createCalendar(valid)).not.toThrow();
  });

  it.each<[string, Partial<CalendarPolicy>, RegExp]>([
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, /timezone "Mars\/Olympus_Mons"/],
    ['an opening time without leading zero', { workday: { start: '9:00', end: '18:00' } }, /workday\.start "9:00"/],
    ['a closing time past midnight', { workday: { start: '09:00', end: '24:30' } }, /workday\.end "24:30"/],
    ['closing before opening', { workday: { start: '18:00', end: '09:00' } }, /must be before workday\.end/],
    ['a working day with no hours', { workday: { start: '09:00', end: '09:00' } }, /must be before workday\.end/],
    ['a weekday number outside 1–7', { weekend: [0, 7] }, /weekend 0/],
    ['a weekend covering every day', { weekend: [1, 2, 3, 4, 5, 6, 7] }, /whole week/],
    [
      'a holiday that ends before it starts',
      { holidays: [{ name: 'Backwards', from: '2026-10-07', to: '2026-10-01' }] },
      /holidays\[0\] "Backwards"/,
    ],
    [
      'a holiday on a date that does not exist',
      { holidays: [{ name: 'Nowhere', from: '2026-02-30', to: '2026-03-01' }] },
      /holidays\[0\]\.from "2026-02-30"/,
    ],
    ['a swapped working day that is not a date', { workdays: ['10/10/2026'] }, /workdays\[0\] "10\/10\/2026"/],
    ['a day that is both a holiday and a working day', { workdays: ['2026-10-03'] }, /2026-10-03 listed both/],
  ])('is rejected with a message naming the problem: %s', (_what, change, message) => {
    const policy = { ...valid, ...change };
    expect(() => createCalendar(policy)).toThrow(CalendarPolicyError);
    expect(() => createCalendar(policy)).toThrow(message);
  });

  it('reports every problem at once', () => {
    const policy = { ...valid, timezone: 'Nowhere', workday: { start: 'nine', end: '18:00' } };
    expect(() => createCalendar(policy)).toThrow(/timezone.*; workday\.start/);
  });
});
