import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { StepFunctionsWorkflow } from '../../shared/adapters/sfn/workflow.js';
import type { ReconcileResult } from '../../shared/usecases/reconcile-workflows.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.js';
import type { LocalRuntime } from './runtime.js';

/**
 * The local Step Functions keeps executions in memory, so a restart forgets every running one.
 * The table still knows which complaints are open; the same reconciliation that runs on a
 * schedule on AWS (shared/usecases/reconcile-workflows.ts) gives each a new execution, through
 * the same SDK clients, so the clock resumes where the complaint is and nothing fires twice.
 */
export type ResumeResult = ReconcileResult;

type ResumableRuntime = Pick<LocalRuntime, 'dynamodbEndpoint' | 'sfnUrl' | 'tableName' | 'stateMachineArn' | 'clock'>;

export async function resumeOpenComplaints(runtime: ResumableRuntime): Promise<ResumeResult> {
  if (!runtime.stateMachineArn) return { started: [], running: [], failed: [] };
  const dynamo = new DynamoDBClient({
    endpoint: runtime.dynamodbEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const sfn = new SFNClient({ endpoint: runtime.sfnUrl, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  // Loaded here, not at the top: the use case brings the handlers' logger and metrics, which
  // read their settings when first loaded, and the runtime sets those settings at start.
  const { reconcileWorkflows } = await import('../../shared/usecases/reconcile-workflows.js');
  try {
    return await reconcileWorkflows(
      {
        store: new DynamoComplaintStore({ doc: DynamoDBDocumentClient.from(dynamo), tableName: runtime.tableName }),
        admin: new StepFunctionsWorkflow({ stateMachineArn: runtime.stateMachineArn, client: sfn }),
        clock: runtime.clock,
      },
      // Nothing else is starting executions while the runtime starts: every open complaint qualifies.
      { minAgeMinutes: 0 },
    );
  } finally {
    dynamo.destroy();
    sfn.destroy();
  }
}
