import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { ForbiddenError, ValidationError } from '../errors/index.js';
import { parseOrThrow } from '../http/validation.js';
import { isoDate, multiLine } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';
import type { ReportAction, ReportActionReader } from './load-report.js';
import type { Period, PeriodKind } from './report.js';

/**
 * Improvement actions (issue 11): a manager records what will be done about a report; the next
 * period's report shows them next to what moved. Each is its own item, written once and never
 * changed, so the item is its own audit record (who, when, on which report):
 *
 *   REPORT#ACTION#<kind>#<period> / <recordedAt>#<id>
 */
/** Under the counters' REPORT# prefix (dynamo-counters.ts), written out so the API description carries no SDK. */
export const REPORT_ACTION_PREFIX = 'REPORT#ACTION#';
export const actionPartition = (kind: PeriodKind, period: string) => `${REPORT_ACTION_PREFIX}${kind}#${period}`;

export const MAX_ACTION_TEXT = 2000;

/** POST /staff/reports/{kind}/{period}/actions. */
export const ReportActionInput = z.object({
  text: multiLine(MAX_ACTION_TEXT),
  owner: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
  due: z.optional(isoDate),
});
export type ReportActionInput = z.infer<typeof ReportActionInput>;

export interface ReportActionStore extends ReportActionReader {
  add(action: ReportAction): Promise<void>;
}

/** Records an action on a report: managers only; the owner, when named, must be a member of staff. */
export async function recordReportAction(
  deps: { actions: ReportActionStore; staff: StaffMember[] },
  actor: StaffMember,
  on: { period: Period; department?: string },
  body: unknown,
  now: Date,
): Promise<ReportAction> {
  if (actor.role !== 'manager') throw new ForbiddenError();
  const input = parseOrThrow(ReportActionInput, body ?? {});
  if (input.owner !== undefined && !deps.staff.some((s) => s.id === input.owner)) {
    throw new ValidationError({ owner: { code: 'unknown_staff' } });
  }
  const action: ReportAction = {
    id: randomUUID(),
    kind: on.period.kind,
    period: on.period.id,
    ...(on.department === undefined ? {} : { department: on.department }),
    text: input.text,
    ...(input.owner === undefined ? {} : { owner: input.owner }),
    ...(input.due === undefined ? {} : { due: input.due }),
    recordedBy: actor.id,
    recordedAt: now.toISOString(),
  };
  await deps.actions.add(action);
  return action;
}
