import * as z from 'zod/mini';
import { oversees } from '../auth/staff.js';
import { ForbiddenError, ValidationError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { Department } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';
import { localToday, PERIOD_FORMAT, periodOf, type ReportRequest } from './load-report.js';
import { type Period, type PeriodKind, parsePeriod } from './report.js';

export const REPORT_KINDS = ['weekly', 'monthly'] as const satisfies readonly PeriodKind[];

/** The query string of GET /staff/reports/{kind}. */
export const ReportQuery = z.object({
  period: z.optional(z.string().check(z.maxLength(16))),
  department: z.optional(Department),
  format: z.optional(z.enum(['json', 'csv'])),
});

/**
 * The report a caller asked for: its kind and period (absent: the one holding today), checked with a
 * message naming the expected format, and the department it covers. Managers, and supervisors or
 * heads without a department of their own, see the company or name a department; a supervisor or a
 * head of a department sees that department only. Anyone else is refused.
 */
export function reportRequest(
  staff: StaffMember,
  kind: string | undefined,
  query: Record<string, string | undefined> | undefined,
  now: Date,
  timezone: string,
): { request: ReportRequest; period: Period } {
  if (!oversees(staff)) throw new ForbiddenError();
  const reportKind = parseKind(kind);
  const q = parseOrThrow(ReportQuery, query ?? {});
  const period =
    q.period === undefined ? periodOf(reportKind, localToday(now, timezone)) : parsePeriod(reportKind, q.period);
  if (!period)
    throw new ValidationError({ period: { code: 'period_format', params: { expected: PERIOD_FORMAT[reportKind] } } });
  const department = scope(staff, q.department);
  return { request: { kind: reportKind, period: period.id, ...(department ? { department } : {}) }, period };
}

export function parseKind(kind: string | undefined): PeriodKind {
  if (kind === 'weekly' || kind === 'monthly') return kind;
  throw new ValidationError({ kind: { code: 'invalid_option', params: { options: REPORT_KINDS.join(', ') } } });
}

function scope(staff: StaffMember, named: string | undefined): string | undefined {
  if (staff.role === 'manager' || staff.department === undefined) return named;
  if (named !== undefined && named !== staff.department) throw new ForbiddenError();
  return staff.department;
}
