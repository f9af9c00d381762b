import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { complaintFromItem, OPEN_DUE_VALUE } from '../../shared/adapters/dynamo/keys.js';
import { INDEXES } from '../../shared/adapters/dynamo/table-design.js';
import type { Complaint } from '../../shared/model/complaint.js';
import type { WorkflowExecutionInput } from '../../shared/workflow/types.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb.js';
import type { LocalRuntime } from './runtime.js';

/**
 * The local Step Functions keeps executions in memory, so a restart forgets every running one. The
 * table still knows which complaints are open: each gets a new execution, which re-reads the table
 * (Acknowledge sends nothing twice, Plan computes the wait from the stored deadlines), so the clock
 * resumes where the complaint is and nothing fires twice.
 */

export interface ResumeResult {
  /** Names of the executions started. */
  started: string[];
  /** Open complaints whose execution is still running in this runtime. */
  running: string[];
  failed: { complaintId: string; error: string }[];
}

type ResumableRuntime = Pick<LocalRuntime, 'dynamodbEndpoint' | 'tableName' | 'stateMachineArn' | 'sfn'>;

/** Every complaint in the sparse by-deadline index (closed ones have left it). */
async function* openComplaints(runtime: ResumableRuntime): AsyncGenerator<Complaint> {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.dynamodbEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  const index = INDEXES.byDeadline;
  try {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: runtime.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#due = :open',
          ExpressionAttributeNames: { '#due': index.partitionKey },
          ExpressionAttributeValues: { ':open': OPEN_DUE_VALUE },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield complaintFromItem(item);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  } finally {
    doc.destroy();
  }
}

/** `<id>` if this runtime never used it, else the first free `<id>.r<N>` (the name a migrated execution gets on AWS too). */
function executionName(complaintId: string, taken: Set<string>): string {
  if (!taken.has(complaintId)) return complaintId;
  let n = 1;
  while (taken.has(`${complaintId}.r${n}`)) n += 1;
  return `${complaintId}.r${n}`;
}

/** Starts an execution for every open complaint that has no running one in this runtime. */
export async function resumeOpenComplaints(runtime: ResumableRuntime): Promise<ResumeResult> {
  const result: ResumeResult = { started: [], running: [], failed: [] };
  const machine = runtime.stateMachineArn;
  if (!machine) return result;
  const executions = runtime.sfn.listExecutions().filter((e) => e.stateMachineArn === machine);
  for await (const complaint of openComplaints(runtime)) {
    const own = executions.filter((e) => e.name === complaint.id || e.name.startsWith(`${complaint.id}.r`));
    if (own.some((e) => e.status === 'RUNNING')) {
      result.running.push(complaint.id);
      continue;
    }
    const name = executionName(complaint.id, new Set(own.map((e) => e.name)));
    const input: WorkflowExecutionInput = {
      complaintId: complaint.id,
      ticketNumber: complaint.ticketNumber,
      grade: complaint.grade,
      locale: complaint.customer.locale,
    };
    try {
      await runtime.sfn.startExecution(name, input);
      result.started.push(name);
    } catch (err) {
      result.failed.push({ complaintId: complaint.id, error: (err as Error).name });
    }
  }
  return result;
}
