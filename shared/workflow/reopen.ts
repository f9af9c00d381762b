import { addDuration, computeDeadlines } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import {
  type Complaint,
  type Deadlines,
  GRADES,
  type Grade,
  type SurveyAnswer,
  type TimelineEvent,
} from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import type { Policy, StaffMember } from '../policy/types.js';
import { staffOnRung } from './timer-decisions.js';

export interface Reopening {
  changes: Omit<Partial<Complaint>, 'status'>;
  events: TimelineEvent[];
  /** Who now oversees the complaint; undefined when the directory has nobody of that role. */
  overseer?: StaffMember;
  /** The second follow-up is due by then (the new resolve deadline). */
  followUpBy: string;
}

/** One grade more urgent; P1 is as urgent as it gets. */
export function gradeAbove(grade: Grade): Grade {
  return GRADES[Math.max(0, GRADES.indexOf(grade) - 1)]!;
}

/**
 * The deadlines of a reopened round: the grade's, counted from the reopening, with the resolution
 * (the second follow-up) no later than the policy's limit. A regrade of a reopened complaint uses them too.
 */
export function reopenedRoundDeadlines(
  start: Date,
  grade: Grade,
  policy: Policy,
  calendar: WorkingCalendar,
): Deadlines {
  const deadlines = computeDeadlines(start, grade, policy.deadlines, calendar);
  const followUp = addDuration(start, policy.workflow.reopenFollowUpWithin, calendar).toISOString();
  if (followUp < deadlines.resolve) deadlines.resolve = followUp;
  return deadlines;
}

/**
 * A customer who is not satisfied (or a supervisor who agrees with them) reopens the complaint:
 * one grade more urgent, overseen by a supervisor the first time and a manager from the second,
 * with the new grade's deadlines from now and a second follow-up within the policy's limit (the
 * earlier of the two when the new grade is stricter). The previous resolution, result and survey
 * are cleared so the lifecycle runs again from "await resolution"; the survey answer that caused
 * it is kept in the event. The owner keeps the complaint (first-contact ownership) but must contact
 * the customer again and find a new solution (approved again where the rules say so) before it can
 * be resolved: the old solution moves to the event, and the contact must come after `reopenedAt`.
 * The lifecycle table sets the status.
 */
export function reopenComplaint(
  c: Complaint,
  now: Date,
  policy: Policy,
  calendar: WorkingCalendar,
  by: string,
  why: { reason?: string; survey?: SurveyAnswer },
): Reopening {
  const grade = gradeAbove(c.grade);
  const reopenCount = (c.reopenCount ?? 0) + 1;
  const overseer = staffOnRung(c, reopenCount >= 2 ? 'manager' : 'supervisor', policy)[0];
  const deadlines = reopenedRoundDeadlines(now, grade, policy, calendar);

  const changes: Omit<Partial<Complaint>, 'status'> = {
    grade,
    reopenedAt: now.toISOString(),
    solution: undefined,
    reopenCount,
    overseerId: overseer?.id,
    deadlines,
    resolvedAt: undefined,
    resolutionSummary: undefined,
    resultSentAt: undefined,
    surveySentAt: undefined,
    surveyReminderSentAt: undefined,
    survey: undefined,
    escalation: undefined,
  };
  const event = timelineEvent(c.id, 'reopened', now, by, {
    fromGrade: c.grade,
    toGrade: grade,
    reason: why.reason ?? null,
    overseer: overseer?.id ?? null,
    reopenCount,
    followUpBy: deadlines.resolve,
    ...(why.survey ? { survey: why.survey } : {}),
    ...(c.solution ? { previousSolution: c.solution } : {}),
  });
  return { changes, events: [event], overseer, followUpBy: deadlines.resolve };
}
