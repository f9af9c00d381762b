import {
  ExecutionAlreadyExists,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import type { RunningExecution, Workflow, WorkflowAdmin, WorkflowInput } from '../../ports/index.js';
import { traced } from '../../tracing.js';

let client: SFNClient | undefined;

/** One Step Functions client per cold start; AWS_ENDPOINT_URL_SFN points it at the local runtime. */
export function sfnClient(): SFNClient {
  client ??= traced(new SFNClient({}));
  return client;
}

/** arn:aws:states:r:a:stateMachine:Name → arn:aws:states:r:a:execution:Name:executionName */
export function executionArn(stateMachineArn: string, name: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}

export class StepFunctionsWorkflow implements Workflow, WorkflowAdmin {
  constructor(private readonly opts: { stateMachineArn: string; client?: SFNClient }) {}

  async start(input: WorkflowInput): Promise<{ executionArn: string; alreadyStarted: boolean }> {
    try {
      const result = await (this.opts.client ?? sfnClient()).send(
        new StartExecutionCommand({
          stateMachineArn: this.opts.stateMachineArn,
          // The execution is named by the complaint: a retried start can never create a second one.
          name: input.complaintId,
          input: JSON.stringify(input),
        }),
      );
      return { executionArn: result.executionArn!, alreadyStarted: false };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) {
        return { executionArn: executionArn(this.opts.stateMachineArn, input.complaintId), alreadyStarted: true };
      }
      throw error;
    }
  }

  async signal(token: string, output: unknown): Promise<'delivered' | 'stale'> {
    try {
      await (this.opts.client ?? sfnClient()).send(
        new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(output) }),
      );
      return 'delivered';
    } catch (error) {
      // The step already timed out or was woken by someone else; whoever runs next re-reads the table.
      if (error instanceof TaskTimedOut || error instanceof TaskDoesNotExist || error instanceof InvalidToken)
        return 'stale';
      throw error;
    }
  }

  async *listRunning(): AsyncIterable<RunningExecution> {
    let nextToken: string | undefined;
    do {
      const page = await (this.opts.client ?? sfnClient()).send(
        new ListExecutionsCommand({ stateMachineArn: this.opts.stateMachineArn, statusFilter: 'RUNNING', nextToken }),
      );
      for (const e of page.executions ?? []) {
        yield {
          executionArn: e.executionArn!,
          name: e.name!,
          definition: e.stateMachineVersionArn ?? e.stateMachineArn,
        };
      }
      nextToken = page.nextToken;
    } while (nextToken);
  }

  async stop(executionArn: string, cause: string): Promise<void> {
    await (this.opts.client ?? sfnClient()).send(new StopExecutionCommand({ executionArn, cause }));
  }

  async startNamed(input: WorkflowInput, name: string): Promise<boolean> {
    try {
      await (this.opts.client ?? sfnClient()).send(
        new StartExecutionCommand({ stateMachineArn: this.opts.stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return true;
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return false;
      throw error;
    }
  }
}
