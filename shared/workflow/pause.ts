import { DEADLINE_NAMES, type DeadlineName } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Complaint, Deadlines } from '../model/complaint.js';
import type { Duration, Policy } from '../policy/types.js';
import { contactedThisRound } from './lifecycle.js';

/** The deadlines whose step is done: moving them would falsify the handling times in the reports. */
export function metDeadlines(c: Complaint): DeadlineName[] {
  const met: DeadlineName[] = [];
  // This deadline times owner assignment (not the acknowledgement mail): met once someone owns it.
  if (c.ownerId) met.push('assign');
  if (contactedThisRound(c)) met.push('firstContact');
  if (c.solution && (c.solution.approval === 'approved' || c.solution.approval === 'not_required')) {
    met.push('solution');
  }
  if (c.resolvedAt) met.push('resolve');
  return met;
}

const isWorkingTime = (d: Duration | undefined) => d !== undefined && ('workingHours' in d || 'workingDays' in d);

/**
 * The end of a wait for the customer (they answered, or the limit passed). The clock did not run
 * while we waited on them, so every deadline still open and the escalated deadline being waited
 * for move later by the time the complaint was paused, measured the way the deadline itself was
 * measured: a working-time deadline by the working time of the pause (so it still falls inside
 * working hours: a pause over a night does not push "resolve by 17:00" to 03:09), a clock-time
 * deadline by the elapsed time. The lifecycle table puts the complaint back in progress, and the
 * write's step transition points the by-deadline index at the new deadline. The caller records
 * why the pause ended.
 */
export function resumeFromPause(
  c: Complaint,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
): Pick<Complaint, 'deadlines'> & Partial<Pick<Complaint, 'escalation'>> {
  const pausedAt = c.infoRequest?.requestedAt;
  const from = pausedAt ? new Date(pausedAt) : now;
  const elapsedMs = Math.max(0, now.getTime() - from.getTime());
  const workingMinutes = Math.max(0, calendar.workingMinutesBetween(from, now));
  const shift = (iso: string, measuredBy: Duration | undefined) => {
    if (!isWorkingTime(measuredBy)) return new Date(Date.parse(iso) + elapsedMs).toISOString();
    return workingMinutes === 0 ? iso : calendar.addWorkingMinutes(new Date(iso), workingMinutes).toISOString();
  };
  const met = new Set(metDeadlines(c));
  const deadlines: Deadlines = { ...c.deadlines };
  for (const name of DEADLINE_NAMES) {
    const at = deadlines[name];
    if (at !== undefined && !met.has(name)) deadlines[name] = shift(at, policy.deadlines[c.grade][name]);
  }
  return {
    deadlines,
    ...(c.escalation
      ? {
          escalation: {
            ...c.escalation,
            deadline: shift(c.escalation.deadline, policy.workflow.escalationGrace[c.grade]),
          },
        }
      : {}),
  };
}
