import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, getISODay, lightFormat, startOfDay } from 'date-fns';
import type { CalendarPolicy } from '../policy/types.js';

/** An operator's calendar policy that cannot be used; `issues` names every bad field. */
export class CalendarPolicyError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid calendar policy: ${issues.join('; ')}`);
    this.name = 'CalendarPolicyError';
  }
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_MINUTE = 60_000;

interface TimeOfDay {
  hour: number;
  minute: number;
}

/** A stretch of working time, as epoch milliseconds, [start, end). */
interface Segment {
  start: number;
  end: number;
}

/**
 * Working time on an operator's calendar: working days (weekend rule, public holidays, swapped
 * working weekends) × working hours, counted in the calendar's time zone.
 *
 * Working hours are half-open, [start, end): 18:00 is already after hours. A deadline that uses
 * up a day's last minute lands on the closing time itself, never on the next morning.
 * Dates outside the years the policy lists simply follow the weekend rule.
 */
export class WorkingCalendar {
  readonly timezone: string;
  /** Length of one working day, so "N working days" is N × this much working time. */
  readonly workingDayMinutes: number;
  private readonly opens: TimeOfDay;
  private readonly closes: TimeOfDay;
  private readonly weekend: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  private readonly workdays: ReadonlySet<string>;

  constructor(policy: CalendarPolicy) {
    const issues = policyIssues(policy);
    if (issues.length > 0) throw new CalendarPolicyError(issues);
    this.timezone = policy.timezone;
    this.opens = parseTime(policy.workday.start);
    this.closes = parseTime(policy.workday.end);
    this.workingDayMinutes = minutesOfDay(this.closes) - minutesOfDay(this.opens);
    this.weekend = new Set(policy.weekend);
    this.holidays = new Set(policy.holidays.flatMap((h) => datesInRange(h.from, h.to)));
    this.workdays = new Set(policy.workdays);
  }

  /** A local date "YYYY-MM-DD" in the calendar's zone, or the local day an instant falls on. */
  isWorkingDay(day: string | Date): boolean {
    return this.isWorkingLocalDay(typeof day === 'string' ? this.parseLocalDate(day) : this.local(day));
  }

  isWithinWorkingHours(instant: Date): boolean {
    return this.nextWorkingInstant(instant).getTime() === instant.getTime();
  }

  /** The instant itself during working time, otherwise the next opening: when a working-time clock starts. */
  nextWorkingInstant(instant: Date): Date {
    return new Date(this.segmentFrom(millis(instant)).start);
  }

  /**
   * The instant at which `minutes` of working time have passed since `instant`.
   * Zero minutes gives the next working instant (the clock has to start before it can run out).
   */
  addWorkingMinutes(instant: Date, minutes: number): Date {
    assertNonNegative(minutes, 'minutes');
    let remaining = minutes * MS_PER_MINUTE;
    let segment = this.segmentFrom(millis(instant));
    while (remaining > segment.end - segment.start) {
      remaining -= segment.end - segment.start;
      segment = this.segmentFrom(segment.end);
    }
    return new Date(segment.start + remaining);
  }

  /** N working days = N × one working day of working time, so a deadline keeps the time of day. */
  addWorkingDays(instant: Date, days: number): Date {
    assertNonNegative(days, 'days');
    return this.addWorkingMinutes(instant, days * this.workingDayMinutes);
  }

  /** Working minutes between two instants (handling times, reports); negative when `to` is before `from`. */
  workingMinutesBetween(from: Date, to: Date): number {
    const [start, end] = [millis(from), millis(to)];
    if (end < start) return -this.workingMinutesBetween(to, from);
    let total = 0;
    for (let segment = this.segmentFrom(start); segment.start < end; segment = this.segmentFrom(segment.end)) {
      total += Math.min(segment.end, end) - segment.start;
    }
    return total / MS_PER_MINUTE;
  }

  /** "YYYYMM" of the month the instant falls in locally: ticket numbers count by month of receipt. */
  monthKey(instant: Date): string {
    return lightFormat(this.local(instant), 'yyyyMM');
  }

  private isWorkingLocalDay(day: TZDate): boolean {
    const iso = lightFormat(day, 'yyyy-MM-dd');
    if (this.workdays.has(iso)) return true;
    if (this.holidays.has(iso)) return false;
    return !this.weekend.has(getISODay(day));
  }

  /** The first stretch of working time that ends after `from`, clipped to start no earlier than `from`. */
  private segmentFrom(from: number): Segment {
    // Terminates: validation guarantees a working weekday, and holiday ranges are finite.
    for (let day = startOfDay(new TZDate(from, this.timezone)); ; day = addDays(day, 1)) {
      if (!this.isWorkingLocalDay(day)) continue;
      const end = this.at(day, this.closes);
      if (end > from) return { start: Math.max(this.at(day, this.opens), from), end };
    }
  }

  /** The instant a local day shows a time of day, in the calendar's zone. */
  private at(day: TZDate, time: TimeOfDay): number {
    return new TZDate(
      day.getFullYear(),
      day.getMonth(),
      day.getDate(),
      time.hour,
      time.minute,
      this.timezone,
    ).getTime();
  }

  private local(instant: Date): TZDate {
    return new TZDate(millis(instant), this.timezone);
  }

  private parseLocalDate(iso: string): TZDate {
    if (!isLocalDate(iso)) throw new RangeError(`Not a local date (YYYY-MM-DD): ${iso}`);
    const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
    return new TZDate(year, month - 1, day, this.timezone);
  }
}

export function createCalendar(policy: CalendarPolicy): WorkingCalendar {
  return new WorkingCalendar(policy);
}

function policyIssues(policy: CalendarPolicy): string[] {
  const issues: string[] = [];
  if (!isTimeZone(policy.timezone)) issues.push(`timezone "${policy.timezone}" is not an IANA time zone`);
  const { start, end } = policy.workday;
  for (const [field, value] of [
    ['workday.start', start],
    ['workday.end', end],
  ] as const) {
    if (!TIME_OF_DAY.test(value)) issues.push(`${field} "${value}" is not a time "HH:mm" (00:00–23:59)`);
  }
  if (TIME_OF_DAY.test(start) && TIME_OF_DAY.test(end) && start >= end) {
    issues.push(`workday.start "${start}" must be before workday.end "${end}"`);
  }
  const badWeekdays = policy.weekend.filter((d) => !Number.isInteger(d) || d < 1 || d > 7);
  if (badWeekdays.length > 0)
    issues.push(`weekend ${badWeekdays.join(', ')}: ISO weekdays are 1 (Monday) to 7 (Sunday)`);
  // Without one working weekday, dates after the listed years would never have working time.
  if (new Set(policy.weekend).size >= 7)
    issues.push('weekend covers the whole week: no day would ever be a working day');
  for (const [i, holiday] of policy.holidays.entries()) {
    const from = isLocalDate(holiday.from);
    const to = isLocalDate(holiday.to);
    if (!from) issues.push(`holidays[${i}].from "${holiday.from}" is not a date YYYY-MM-DD`);
    if (!to) issues.push(`holidays[${i}].to "${holiday.to}" is not a date YYYY-MM-DD`);
    if (from && to && holiday.from > holiday.to) {
      issues.push(`holidays[${i}] "${holiday.name}": from ${holiday.from} is after to ${holiday.to}`);
    }
  }
  for (const [i, day] of policy.workdays.entries()) {
    if (!isLocalDate(day)) issues.push(`workdays[${i}] "${day}" is not a date YYYY-MM-DD`);
  }
  if (issues.length === 0) {
    const holidays = new Set(policy.holidays.flatMap((h) => datesInRange(h.from, h.to)));
    const both = policy.workdays.filter((d) => holidays.has(d));
    if (both.length > 0) issues.push(`${both.join(', ')} listed both as holiday and as working day`);
  }
  return issues;
}

/** A zone the runtime's time-zone data knows: @date-fns/tz gives no offset (NaN) for any other. */
function isTimeZone(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && !Number.isNaN(tzOffset(name, new Date()));
}

function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && lightFormat(utcDate(value), 'yyyy-MM-dd') === value;
}

/** A "YYYY-MM-DD" date as midnight UTC; "2026-02-30" rolls over and so fails isLocalDate's round trip. */
function utcDate(value: string): TZDate {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, 'UTC');
}

/** Every date from `from` to `to` inclusive; dates need no zone, UTC keeps the arithmetic exact. */
function datesInRange(from: string, to: string): string[] {
  const dates: string[] = [];
  const last = utcDate(to).getTime();
  for (let day = utcDate(from); day.getTime() <= last; day = addDays(day, 1)) {
    dates.push(lightFormat(day, 'yyyy-MM-dd'));
  }
  return dates;
}

function parseTime(value: string): TimeOfDay {
  const [hour, minute] = value.split(':').map(Number);
  return { hour: hour!, minute: minute! };
}

function minutesOfDay(time: TimeOfDay): number {
  return time.hour * 60 + time.minute;
}

function millis(instant: Date): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms;
}

function assertNonNegative(value: number, name: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
}
