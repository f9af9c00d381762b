import { TZDate } from '@date-fns/tz';
import { addDays, lightFormat } from 'date-fns';
import type { Complaint } from '../model/complaint.js';

/** Today's date ("2026-12-01") in the operator's zone. */
export function todayIn(now: Date, timezone: string): string {
  return lightFormat(new TZDate(now.getTime(), timezone), 'yyyy-MM-dd');
}

/** The instant a day ends in the operator's zone: a delay told "by 5 December" holds until 6 December 00:00 there. */
export function endOfDay(day: string, timezone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(addDays(new TZDate(year, month - 1, date, timezone), 1).getTime());
}

/**
 * When the automatic "no news" mail is next due. A delay told to the customer is news with a date
 * (003): until that date has passed, a generic "still working on it" would only contradict it.
 */
export function progressHeldUntil(c: Pick<Complaint, 'delay'>, due: Date): Date {
  if (!c.delay) return due;
  const until = new Date(c.delay.until);
  return until.getTime() > due.getTime() ? until : due;
}
