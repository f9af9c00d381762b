import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import type { Deadlines, Grade } from '../model/complaint.js';
import type { DeadlinePolicy, Duration } from '../policy/types.js';
import type { WorkingCalendar } from './working-calendar.js';

export const DEADLINE_NAMES = ['assign', 'firstContact', 'solution', 'resolve'] as const;
export type DeadlineName = (typeof DEADLINE_NAMES)[number];

export interface NextDeadline {
  name: DeadlineName;
  /** ISO-8601 UTC instant. */
  at: string;
}

const MS_PER_MINUTE = 60_000;

/**
 * The instant a duration after `instant`. Minutes and hours are elapsed clock time; days are
 * calendar days in the calendar's zone (same local time of day, even across a DST change);
 * working hours and working days consume only the calendar's working time.
 */
export function addDuration(instant: Date, duration: Duration, calendar: WorkingCalendar): Date {
  const amount = Object.values(duration)[0];
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
    throw new RangeError(`A duration must be one finite amount >= 0, got ${JSON.stringify(duration)}`);
  }
  if ('minutes' in duration) return new Date(instant.getTime() + duration.minutes * MS_PER_MINUTE);
  if ('hours' in duration) return new Date(instant.getTime() + duration.hours * 60 * MS_PER_MINUTE);
  if ('days' in duration) {
    return new Date(addDays(new TZDate(instant.getTime(), calendar.timezone), duration.days).getTime());
  }
  if ('workingHours' in duration) return calendar.addWorkingMinutes(instant, duration.workingHours * 60);
  return calendar.addWorkingDays(instant, duration.workingDays);
}

/** Every deadline of a complaint of this grade received at `receivedAt`, as ISO-8601 UTC strings. */
export function computeDeadlines(
  receivedAt: Date,
  grade: Grade,
  policy: DeadlinePolicy,
  calendar: WorkingCalendar,
): Deadlines {
  const table = policy[grade];
  const at = (duration: Duration) => addDuration(receivedAt, duration, calendar).toISOString();
  const deadlines: Deadlines = {
    assign: at(table.assign),
    firstContact: at(table.firstContact),
    resolve: at(table.resolve),
  };
  // Left out rather than undefined: the record is stored as is, and DynamoDB rejects undefined.
  if (table.solution) deadlines.solution = at(table.solution);
  if (table.compensationPlan) deadlines.compensationPlan = at(table.compensationPlan);
  return deadlines;
}

/**
 * The deadline the by-deadline index should sort a complaint by: the earliest one still ahead of
 * `now` (strictly), or, when every one has passed, the earliest of them. Deadlines named in `met`
 * are done and ignored; undefined when every deadline is met.
 */
export function nextOpenDeadline(
  deadlines: Deadlines,
  now: Date,
  met: readonly DeadlineName[] = [],
): NextDeadline | undefined {
  const open = DEADLINE_NAMES.flatMap((name) => {
    const at = deadlines[name];
    return at !== undefined && !met.includes(name) ? [{ name, at, ms: Date.parse(at) }] : [];
  }).sort((a, b) => a.ms - b.ms);
  const next = open.find((d) => d.ms > now.getTime()) ?? open[0];
  return next && { name: next.name, at: next.at };
}

/**
 * Whole seconds from `now` until `deadline`, rounded up so a timer never fires early, and 0 for
 * a deadline already reached (a Step Functions Wait needs a non-negative integer).
 */
export function secondsUntil(deadline: Date | string, now: Date): number {
  const ms = (typeof deadline === 'string' ? Date.parse(deadline) : deadline.getTime()) - now.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Not an instant: ${String(deadline)}`);
  return Math.max(0, Math.ceil(ms / 1000));
}
