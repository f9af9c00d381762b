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
import type {
  RunningExecution,
  TaskSignals,
  WorkflowAdmin,
  WorkflowInput,
  WorkflowStarter,
} from '../../ports/index.js';
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

/** Task tokens carry everything SendTaskSuccess needs: waking a parked step names no state machine. */
export class StepFunctionsTaskSignals implements TaskSignals {
  constructor(private readonly opts: { client?: SFNClient } = {}) {}

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
}

/** The state machine itself: starting, listing and stopping its executions. */
export class StepFunctionsWorkflow implements WorkflowStarter, TaskSignals, WorkflowAdmin {
  private readonly signals: StepFunctionsTaskSignals;
  constructor(private readonly opts: { stateMachineArn: string; client?: SFNClient }) {
    this.signals = new StepFunctionsTaskSignals({ client: opts.client });
  }

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

  signal(token: string, output: unknown): Promise<'delivered' | 'stale'> {
    return this.signals.signal(token, output);
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
