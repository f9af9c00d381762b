import middy from '@middy/core';
import { StepFunctionsWorkflow } from '../shared/adapters/sfn/workflow.js';
import { readConfig, WorkflowConfig } from '../shared/config.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { reconcileWorkflows } from '../shared/usecases/reconcile-workflows.js';
import { clock, store } from '../shared/wiring.js';

const { STATE_MACHINE_ARN } = readConfig(WorkflowConfig);
const deps = { store: store(), admin: new StepFunctionsWorkflow({ stateMachineArn: STATE_MACHINE_ARN }), clock };

/**
 * Scheduled (every 15 minutes): every open complaint has a running execution. Repairs a start
 * that failed at intake and a workflow that failed, without racing intake (5-minute grace).
 */
export const handler = middy()
  .use(flushMetrics())
  .handler(async () => {
    const result = await reconcileWorkflows(deps, { minAgeMinutes: 5 });
    logger.info('reconciled workflows', {
      running: result.running.length,
      started: result.started,
      failed: result.failed,
    });
    return { running: result.running.length, started: result.started.length, failed: result.failed.length };
  });
