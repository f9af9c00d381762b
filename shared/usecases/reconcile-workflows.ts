import type { Complaint } from '../model/complaint.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { Clock, ComplaintStore, WorkflowAdmin } from '../ports/index.js';
import { allPages } from './all-pages.js';

/** After this many restarts a complaint's workflow is left to the failed-execution alarm, not restarted again. */
export const MAX_RESTARTS = 5;

export interface ReconcileResult {
  /** Names of the executions started. */
  started: string[];
  /** Open complaints whose execution is running. */
  running: string[];
  failed: { complaintId: string; error: string }[];
}

/**
 * Every open complaint has a running execution: the table is the truth, so a complaint whose
 * execution never started (a failed StartExecution at intake), failed, or was lost (a local
 * restart) gets a new one, which re-reads the table and picks up where the complaint stands
 * (Acknowledge sends nothing twice; Plan computes the wait from the stored deadlines).
 *
 * Names are `<id>`, then `<id>.r1` … `<id>.r5`: a name is never reused, and a workflow that keeps
 * failing stops being restarted. `minAgeMinutes` keeps a scheduled run from racing the start
 * intake is making for a complaint received moments ago.
 */
export async function reconcileWorkflows(
  deps: { store: ComplaintStore; admin: WorkflowAdmin; clock: Clock },
  opts: { minAgeMinutes: number },
): Promise<ReconcileResult> {
  const result: ReconcileResult = { started: [], running: [], failed: [] };
  const running = new Set<string>();
  for await (const execution of deps.admin.listRunning()) running.add(execution.name.split('.')[0]!);
  const youngest = deps.clock.now().getTime() - opts.minAgeMinutes * 60_000;

  for await (const complaint of openComplaints(deps.store)) {
    if (running.has(complaint.id)) {
      result.running.push(complaint.id);
      continue;
    }
    if (opts.minAgeMinutes > 0 && Date.parse(complaint.receivedAt) > youngest) continue;
    try {
      const name = await startFirstFreeName(deps.admin, complaint);
      if (name) {
        result.started.push(name);
        logger.warn('restarted the workflow of an open complaint', { complaintId: complaint.id, execution: name });
        metrics.addMetric('WorkflowRestarted', MetricUnit.Count, 1);
      } else {
        result.failed.push({ complaintId: complaint.id, error: 'too_many_restarts' });
      }
    } catch (error) {
      result.failed.push({ complaintId: complaint.id, error: (error as Error).name });
    }
  }
  return result;
}

async function startFirstFreeName(admin: WorkflowAdmin, c: Complaint): Promise<string | undefined> {
  const input = { complaintId: c.id, ticketNumber: c.ticketNumber, grade: c.grade, locale: c.customer.locale };
  for (let n = 0; n <= MAX_RESTARTS; n++) {
    const name = n === 0 ? c.id : `${c.id}.r${n}`;
    if (await admin.startNamed(input, name)) return name;
  }
  return undefined;
}

/** After every deadline; complaints whose step has none are listed before it too (keys.ts). */
const END_OF_TIME = '9999-12-31T23:59:59.999Z';

/**
 * The open complaints, from the by-deadline index, which holds exactly those (closed ones leave it),
 * whether or not their step has a deadline: a Query, never a Scan.
 */
function openComplaints(store: ComplaintStore): AsyncGenerator<Complaint> {
  return allPages((cursor) => store.listDueBefore(END_OF_TIME, { limit: 100, cursor }));
}
