import { DEADLINE_NAMES, type DeadlineName } from '../calendar/deadlines.js';
import type { Complaint, Deadlines } from '../model/complaint.js';

/** The deadlines whose step is done: moving them would falsify the handling times in the reports. */
export function metDeadlines(c: Complaint): DeadlineName[] {
  const met: DeadlineName[] = [];
  if (c.acknowledgedAt) met.push('acknowledge');
  if (c.firstContactAt) met.push('firstContact');
  if (c.solution && (c.solution.approval === 'approved' || c.solution.approval === 'not_required')) {
    met.push('solution');
  }
  if (c.resolvedAt) met.push('resolve');
  return met;
}

/**
 * The end of a wait for the customer (they answered, or the limit passed). The clock did not run
 * while we waited on them, so every deadline still open, the escalated deadline being waited
 * for and the index's next deadline move later by exactly the time the complaint was paused,
 * and the complaint is back in progress. The caller records why the pause ended.
 */
export function resumeFromPause(
  c: Complaint,
  now: Date,
): Pick<Complaint, 'status' | 'deadlines'> & Partial<Pick<Complaint, 'escalation' | 'nextDeadlineAt'>> {
  const pausedAt = c.infoRequest?.requestedAt;
  const pausedMs = pausedAt ? Math.max(0, now.getTime() - Date.parse(pausedAt)) : 0;
  const shift = (iso: string) => new Date(Date.parse(iso) + pausedMs).toISOString();
  const met = new Set(metDeadlines(c));
  const deadlines: Deadlines = { ...c.deadlines };
  for (const name of DEADLINE_NAMES) {
    const at = deadlines[name];
    if (at !== undefined && !met.has(name)) deadlines[name] = shift(at);
  }
  return {
    status: 'in_progress',
    deadlines,
    ...(c.escalation ? { escalation: { ...c.escalation, deadline: shift(c.escalation.deadline) } } : {}),
    ...(c.nextDeadlineAt ? { nextDeadlineAt: shift(c.nextDeadlineAt) } : {}),
  };
}
