import { timelineEvent } from '../model/events.js';
import { logger, MetricUnit, metrics } from '../observability.js';
import type { Clock, ComplaintStore } from '../ports/index.js';

export interface WorkflowFault {
  complaintId: string;
  step: string;
  error?: { Error?: string; Cause?: string };
}

/**
 * A workflow step gave up after its retries. The complaint goes on; the failure is recorded
 * on its timeline (where staff see it) and as a metric (which an alarm watches). The cause is
 * reduced to an error name: a raw cause could carry a stack trace or customer data.
 */
export async function recordWorkflowFault(
  deps: { store: ComplaintStore; clock: Clock },
  fault: WorkflowFault,
): Promise<void> {
  const errorName = (fault.error?.Error ?? 'Unknown').replace(/[^\w.:-]/g, '').slice(0, 100);
  logger.error('workflow step failed', { complaintId: fault.complaintId, step: fault.step, error: errorName });
  metrics.addMetric('WorkflowStepFailed', MetricUnit.Count, 1);
  await deps.store.appendEvents([
    timelineEvent(
      fault.complaintId,
      fault.step === 'acknowledge' ? 'acknowledge_failed' : 'workflow_failed',
      deps.clock.now(),
      'system',
      {
        step: fault.step,
        error: errorName,
      },
    ),
  ]);
}
