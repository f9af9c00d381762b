import { logger } from '../observability.js';
import type { ComplaintStore, WorkflowAdmin } from '../ports/index.js';

/**
 * Moves open complaints onto the current state-machine definition.
 *
 * A Standard execution keeps the definition it started with, for as long as it runs (a
 * complaint can stay open for weeks). Because the table is the truth and every step of the
 * machine re-derives where it stands from the table, an execution holds nothing that a new one
 * cannot rebuild: moving a complaint is stopping its execution and starting a new one, named
 * `<complaintId>.m<n>`, on the current definition. The new execution's Acknowledge sees the
 * mail already sent, its Plan reads the step from the table, and a staff signal sent to the
 * old execution's token is stale, which the wake path tolerates; the new step parks afresh.
 *
 * Stop first, then start: there is never a moment with two live executions for one complaint.
 */
export async function migrateOpenComplaints(
  deps: { store: ComplaintStore; admin: WorkflowAdmin },
  opts: { onlyDefinitionsOtherThan?: string; dryRun?: boolean } = {},
): Promise<{ moved: string[]; skipped: string[] }> {
  const moved: string[] = [];
  const skipped: string[] = [];
  const running = [];
  for await (const execution of deps.admin.listRunning()) running.push(execution);
  for (const execution of running) {
    const complaintId = execution.name.split('.')[0]!;
    if (opts.onlyDefinitionsOtherThan && execution.definition === opts.onlyDefinitionsOtherThan) {
      skipped.push(complaintId);
      continue;
    }
    const complaint = await deps.store.getComplaint(complaintId);
    if (!complaint || complaint.status === 'closed' || opts.dryRun) {
      skipped.push(complaintId);
      continue;
    }
    await deps.admin.stop(execution.executionArn, 'moved to the current workflow definition');
    const input = {
      complaintId,
      ticketNumber: complaint.ticketNumber,
      grade: complaint.grade,
      locale: complaint.customer.locale,
    };
    let attempt = 1;
    while (!(await deps.admin.startNamed(input, `${complaintId}.m${attempt}`))) attempt++;
    logger.info('moved complaint to the current workflow definition', { complaintId, from: execution.name, attempt });
    moved.push(complaintId);
  }
  return { moved, skipped };
}
