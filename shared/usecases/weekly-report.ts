import type { Department } from '../model/complaint.js';
import { logger, metrics } from '../observability.js';
import type { Policy, StaffMember } from '../policy/types.js';
import type { Clock, Mailer, OnceLedger } from '../ports/index.js';
import type { CounterReader } from '../reports/dynamo-counters.js';
import { loadReport } from '../reports/load-report.js';
import { type Period, parsePeriod, type ReportFigures } from '../reports/report.js';
import { weeklyReportMail } from '../templates/weekly-report.js';

/** The weekly report goes out in this hour of Monday in the stored policy's zone (the reference's Monday review). */
export const WEEKLY_REPORT_HOUR = 9;
/** The once-a-week markers' keys start so (the function may write no other key: infra/stacks/stateless-stack.ts). */
export const WEEKLY_REPORT_MARKER = 'weekly-report#';
/** The ledger only has to outlive the retries of one Monday morning. */
const LEDGER_DAYS = 14;

export interface WeeklyReportDeps {
  counters: CounterReader;
  mailer: Mailer;
  ledger: OnceLedger;
  clock: Clock;
  policy: Policy;
  /** Only the console's base: the mail links to the report page, nothing signed. */
  links: { baseUrl: string };
}

/** Who reads the report: the whole organisation, or one department. */
export interface Recipient {
  staff: StaffMember;
  department?: Department;
}

export interface WeeklyReportResult {
  period: string;
  sent: string[];
  alreadySent: string[];
  failed: { staffId: string; error: string }[];
}

/** A week's figures and the week before's, as the mail shows them side by side. */
export interface WeeklyFigures {
  period: Period;
  current: ReportFigures;
  previous: ReportFigures;
}

/**
 * The ISO week (`YYYY-Www`) whose report is due at `now`, or undefined when none is: due in the
 * WEEKLY_REPORT_HOUR of a Monday in the stored policy's zone, for the week that ended the night before.
 * The schedule runs hourly, so a zone a manager saves moves the mail without a deploy (as the breach digest).
 */
export function weeklyReportDue(now: Date, policy: Pick<Policy, 'calendar'>): string | undefined {
  const parts = localClock(policy.calendar.timezone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  if (part('weekday') !== 'Mon' || Number(part('hour')) !== WEEKLY_REPORT_HOUR) return undefined;
  const lastMonday = Date.UTC(Number(part('year')), Number(part('month')) - 1, Number(part('day'))) - 7 * 86_400_000;
  return isoWeekOf(lastMonday);
}

const clocks = new Map<string, Intl.DateTimeFormat>();
function localClock(timezone: string): Intl.DateTimeFormat {
  let found = clocks.get(timezone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    clocks.set(timezone, found);
  }
  return found;
}

/** The ISO week id of a UTC midnight (the week holding its Thursday names the year). */
export function isoWeekOf(day: number): string {
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * 86_400_000;
  const thursday = new Date(monday + 3 * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Managers read the whole organisation; a department head their own department, or the whole
 * organisation when they head every department (no department, as the escalation ladder reads it:
 * timer-decisions.ts staffOnRung). Nobody else gets the mail.
 */
export function weeklyReportRecipients(staff: readonly StaffMember[]): Recipient[] {
  return staff
    .filter((member) => member.role === 'manager' || member.role === 'department_head')
    .map((member) =>
      member.role === 'department_head' && member.department
        ? { staff: member, department: member.department }
        : { staff: member },
    );
}

/**
 * The one data step: the report API's own loadReport (shared/reports/load-report.ts), so the mail and
 * the console page cannot disagree. The mail needs no improvement actions or overdue list, so none are
 * read and the function's role stays narrow (counters only).
 */
export async function loadWeeklyFigures(
  counters: CounterReader,
  periodId: string,
  now: Date,
  department?: Department,
): Promise<WeeklyFigures> {
  const period = parsePeriod('weekly', periodId);
  if (!period) throw new Error(`not an ISO week: ${periodId}`);
  const report = await loadReport(counters, { kind: 'weekly', period: periodId, department }, now);
  return { period, current: report, previous: report.previous };
}

/**
 * Sends one week's report to each manager and department head, once per person and week however
 * often the schedule or its retries run (a conditional marker per person and week). A mail that
 * fails gives its marker back and fails the run, so the scheduler's retry sends it.
 */
export async function sendWeeklyReports(deps: WeeklyReportDeps, periodId: string): Promise<WeeklyReportResult> {
  const now = deps.clock.now();
  const expires = Math.floor(now.getTime() / 1000) + LEDGER_DAYS * 24 * 3600;
  const result: WeeklyReportResult = { period: periodId, sent: [], alreadySent: [], failed: [] };
  const byScope = new Map<string, Promise<WeeklyFigures>>();
  const scoped = (department?: Department) => {
    const key = department ?? '*';
    let found = byScope.get(key);
    if (!found) {
      found = loadWeeklyFigures(deps.counters, periodId, now, department);
      byScope.set(key, found);
    }
    return found;
  };

  for (const { staff, department } of weeklyReportRecipients(deps.policy.staff)) {
    const key = `${WEEKLY_REPORT_MARKER}${periodId}#${staff.id}`;
    if (!(await deps.ledger.claim(key, expires))) {
      result.alreadySent.push(staff.id);
      continue;
    }
    try {
      const report = await scoped(department);
      await deps.mailer.send(
        weeklyReportMail({
          staff,
          department,
          report,
          reportUrl: `${deps.links.baseUrl}/console/reports/weekly?period=${encodeURIComponent(periodId)}`,
        }),
      );
      result.sent.push(staff.id);
    } catch (error) {
      await deps.ledger.release(key);
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ staffId: staff.id, error: message });
      logger.error('weekly report not sent', { staffId: staff.id, error: message });
    }
  }
  metrics.addMetric('WeeklyReportsSent', 'Count', result.sent.length);
  return result;
}
