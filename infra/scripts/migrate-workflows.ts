/**
 * Moves every open complaint onto the current workflow definition (see
 * shared/usecases/migrate-workflows.ts for why this is safe). Run after a deploy that changed
 * the state machine:
 *
 *   TABLE_NAME=<table> STATE_MACHINE_ARN=<arn> npm run migrate-workflows -- [--dry-run]
 *
 * It uses the ordinary AWS credential chain (or AWS_ENDPOINT_URL_* for the local runtime).
 */
import { StepFunctionsWorkflow } from '../../shared/adapters/sfn/workflow.js';
import { readConfig, WorkflowConfig } from '../../shared/config.js';
import { migrateOpenComplaints } from '../../shared/usecases/migrate-workflows.js';
import { store } from '../../shared/wiring.js';

const dryRun = process.argv.includes('--dry-run');
const { STATE_MACHINE_ARN } = readConfig(WorkflowConfig);
const result = await migrateOpenComplaints(
  { store: store(), admin: new StepFunctionsWorkflow({ stateMachineArn: STATE_MACHINE_ARN }) },
  { dryRun },
);
console.log(
  `${dryRun ? 'would move' : 'moved'} ${result.moved.length} open complaint(s); skipped ${result.skipped.length}`,
);
for (const id of result.moved) console.log(`  moved ${id}`);
