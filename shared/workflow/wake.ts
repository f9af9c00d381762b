import type { WorkingCalendar } from '../calendar/working-calendar.js';
import type { Complaint } from '../model/complaint.js';
import type { Policy } from '../policy/types.js';
import type { Clock, ParkedTokenReader, TaskSignals } from '../ports/index.js';
import { planNext } from './plan.js';

export interface WakeDeps {
  tokens: ParkedTokenReader;
  workflow: TaskSignals;
  policy: Policy;
  calendar: WorkingCalendar;
  clock: Clock;
}

/**
 * Called after an action has been written to the table: hands the waiting step the plan that
 * follows from the written complaint. 'stale' or 'not_parked' are normal (the machine is
 * between steps); the step that parks next compares versions and re-plans on its own.
 */
export async function wakeWorkflow(
  deps: WakeDeps,
  complaint: Complaint,
): Promise<'delivered' | 'stale' | 'not_parked'> {
  const parked = await deps.tokens.getParkedToken(complaint.id);
  if (!parked) return 'not_parked';
  return deps.workflow.signal(parked.token, planNext(complaint, deps.clock.now(), deps.policy, deps.calendar));
}
