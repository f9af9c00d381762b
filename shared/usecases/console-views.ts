import { can, oversees } from '../auth/staff.js';
import { DEADLINE_NAMES, type DeadlineName } from '../calendar/deadlines.js';
import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Incident } from '../incidents/model.js';
import { incidentPolicy } from '../incidents/policy.js';
import type { IncidentStore } from '../incidents/store.js';
import {
  type Complaint,
  ESCALATION_LADDER,
  type EscalationRole,
  GRADES,
  type Grade,
  STATUSES,
  type Status,
  type TimelineEvent,
} from '../model/complaint.js';
import type { Duration, Policy, StaffMember } from '../policy/types.js';
import type { Clock, ComplaintStore } from '../ports/index.js';
import { stepRow } from '../workflow/lifecycle.js';
import { metDeadlines } from '../workflow/pause.js';
import type { WorkflowStep } from '../workflow/types.js';
import { allPages } from './all-pages.js';
import { canActOnIncidents } from './incidents.js';

/**
 * What the console reads beyond the staff API's queue and complaint: the board's counts and a
 * deadline's clock explained. Both only read; every change still goes through performStaffAction.
 */

const isWorkingTime = (d: Duration | undefined) => d !== undefined && ('workingHours' in d || 'workingDays' in d);

/**
 * How a grade's deadlines are measured: a grade whose first contact is due in working time (P3, P4)
 * counts its countdowns in working time; one measured by the clock (P1 within the hour) counts clock
 * time, so a P1 due at 03:00 on a Sunday is not shown as "not started" until Monday morning.
 */
export function countsWorkingTime(policy: Pick<Policy, 'deadlines'>, grade: Grade): boolean {
  return isWorkingTime(policy.deadlines[grade].firstContact);
}

/** Minutes left until a deadline (negative once passed), measured the way the grade's deadlines are. */
export function minutesLeft(
  deadline: string,
  grade: Grade,
  now: Date,
  policy: Pick<Policy, 'deadlines'>,
  calendar: WorkingCalendar,
): { minutes: number; working: boolean; running: boolean } {
  return minutesUntil(deadline, countsWorkingTime(policy, grade), now, calendar);
}

/** Minutes left until a deadline (negative once passed), in working time or clock time as told. */
export function minutesUntil(
  deadline: string,
  working: boolean,
  now: Date,
  calendar: WorkingCalendar,
): { minutes: number; working: boolean; running: boolean } {
  const at = new Date(deadline);
  if (!working || at <= now) {
    return { minutes: Math.floor((at.getTime() - now.getTime()) / 60_000), working: false, running: true };
  }
  const minutes = Math.floor(calendar.workingMinutesBetween(now, at));
  // The clock runs now when a minute from now is still working time.
  const running = calendar.workingMinutesBetween(now, new Date(now.getTime() + 60_000)) > 0;
  return { minutes, working: true, running };
}

export interface BoardRow {
  complaint: Complaint;
  rung?: EscalationRole;
}

export interface Board {
  /** The department the board covers; undefined for every department. */
  department?: Complaint['department'];
  open: number;
  byStatus: Record<Status, number>;
  byGrade: Record<Grade, number>;
  overdue: BoardRow[];
  breached: BoardRow[];
  awaitingApproval: BoardRow[];
  /** The board stopped counting at its limit. */
  truncated: boolean;
}

/** The board reads at most this many open complaints (a department's whole open work, by deadline). */
export const BOARD_LIMIT = 2000;
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * The board of a supervisor, head or manager: their department's open complaints (every
 * department for a manager or someone without one), read once from the by-department or by-deadline
 * index in deadline order, never a scan. The same role rule as opening a complaint filters each.
 */
export async function consoleBoard(
  deps: { store: ComplaintStore; clock: Clock },
  staff: StaffMember,
  limit = BOARD_LIMIT,
): Promise<Board> {
  const now = deps.clock.now().toISOString();
  const department = staff.role === 'manager' ? undefined : staff.department;
  const open = (c: Complaint) => c.status !== 'closed' && can(staff, 'view', c);
  const board: Board = {
    department,
    open: 0,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
    byGrade: Object.fromEntries(GRADES.map((g) => [g, 0])) as Record<Grade, number>,
    overdue: [],
    breached: [],
    awaitingApproval: [],
    truncated: false,
  };
  const pages = allPages((cursor) =>
    department === undefined
      ? deps.store.listDueBefore(END_OF_TIME, { cursor, where: open })
      : // Closed complaints sort after the end of time in the department index, so this is the open work,
        // those waiting without a deadline (the survey) included.
        deps.store.listByDepartment(department, { cursor, where: open, dueBefore: END_OF_TIME }),
  );
  for await (const c of pages) {
    if (board.open >= limit) {
      board.truncated = true;
      break;
    }
    board.open += 1;
    board.byStatus[c.status] += 1;
    board.byGrade[c.grade] += 1;
    const rung = c.escalation ? ESCALATION_LADDER[c.escalation.level] : undefined;
    if (c.nextDeadlineAt !== undefined && c.nextDeadlineAt < now) board.overdue.push({ complaint: c, rung });
    if (c.escalation) board.breached.push({ complaint: c, rung });
    if (c.solution?.approval === 'pending') board.awaitingApproval.push({ complaint: c, rung });
  }
  return board;
}

export interface DeadlineClock {
  name: DeadlineName;
  at: string;
  met: boolean;
  working: boolean;
  /** Working minutes from receipt (or the last reopening) to now. */
  elapsedWorkingMinutes: number;
  pauses: { from: string; to?: string }[];
  breaches: { at: string; rung: EscalationRole; notified: string[] }[];
}

/**
 * Each deadline with its clock explained, read from the complaint and its timeline: whether it is
 * met, how it is measured, the working time used, the pauses while the customer was asked for
 * information, and each time it was missed, the rung it went to and who was told.
 */
export function deadlineClocks(
  c: Complaint,
  timeline: TimelineEvent[],
  now: Date,
  policy: Pick<Policy, 'deadlines'>,
  calendar: WorkingCalendar,
): DeadlineClock[] {
  const met = new Set(metDeadlines(c));
  const pauses: DeadlineClock['pauses'] = [];
  for (const e of timeline) {
    if (e.type === 'info_requested') pauses.push({ from: e.at });
    const last = pauses[pauses.length - 1];
    if ((e.type === 'customer_replied' || e.type === 'info_request_expired') && last && !last.to) last.to = e.at;
  }
  const start = new Date(c.reopenedAt ?? c.receivedAt);
  return DEADLINE_NAMES.flatMap((name): DeadlineClock[] => {
    const at = c.deadlines[name];
    if (at === undefined) return [];
    const breaches = timeline.flatMap((e) =>
      e.type === 'sla_breached' && deadlineOfStep(e.data.step) === name
        ? [{ at: e.at, rung: e.data.role, notified: e.data.notified }]
        : [],
    );
    return [
      {
        name,
        at,
        met: met.has(name),
        working: isWorkingTime(policy.deadlines[c.grade][name]),
        elapsedWorkingMinutes: Math.max(0, Math.floor(calendar.workingMinutesBetween(start, now))),
        pauses,
        breaches,
      },
    ];
  });
}

function deadlineOfStep(step: string): DeadlineName | undefined {
  try {
    const name = stepRow(step as WorkflowStep)?.deadline[0];
    // The result mail's deadline is shown on its own card, not among the policy's grade deadlines.
    return name === 'result' ? undefined : name;
  } catch {
    return undefined;
  }
}

// ----- The console board's incident cards (web/console/board-page.ts).

/** The board shows at most this many open incidents (a batch defect is rare; the API lists the rest). */
export const BOARD_INCIDENTS = 50;

export interface BoardIncident {
  incident: Incident;
  /** Minutes left until the plan is due, measured as the policy's planWithin is (clock or working time). */
  planLeft: { minutes: number; working: boolean; running: boolean };
}

export interface BoardIncidents {
  items: BoardIncident[];
  /** More open incidents exist than the board shows. */
  more: boolean;
  /** The reader may record a plan, root cause or action and close (canActOnIncidents). */
  mayAct: boolean;
}

/**
 * The open incidents for the board of a supervisor, head or manager, scoped as GET /staff/incidents
 * scopes them: every open incident, whatever the reader's department, because a batch crosses
 * departments (an incident has no department of its own). Undefined for everyone else.
 */
export async function incidentsOnBoard(
  deps: { incidents: IncidentStore; clock: Clock; policy: Policy; calendar: WorkingCalendar },
  staff: StaffMember,
): Promise<BoardIncidents | undefined> {
  if (!oversees(staff)) return undefined;
  const page = await deps.incidents.list({ status: 'open', limit: BOARD_INCIDENTS });
  const now = deps.clock.now();
  const working = isWorkingTime(incidentPolicy(deps.policy).planWithin);
  return {
    items: page.items.map((incident) => ({
      incident,
      planLeft: minutesUntil(incident.planDueAt, working, now, deps.calendar),
    })),
    more: page.nextCursor !== undefined,
    mayAct: canActOnIncidents(staff, deps.policy),
  };
}
