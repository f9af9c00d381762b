import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  DefinitionBody,
  Errors,
  type IChainable,
  JitterType,
  JsonPath,
  LogLevel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import type { CloseloopFunction } from '../constructs/closeloop-function.js';

/**
 * State names of the complaint workflow. The local runtime overrides Tasks by these names and
 * tests look states up by them, so a rename here is a rename everywhere.
 */
export const WORKFLOW_STATES = {
  acknowledge: 'Acknowledge',
  recordAcknowledgementFailure: 'RecordAcknowledgementFailure',
  done: 'Done',
} as const;

/** Step names a failed step is recorded under on the complaint's timeline. */
export const WORKFLOW_STEPS = {
  acknowledge: 'acknowledge',
} as const;

/** Execution input; mirrors WorkflowInput in shared/ports. */
export const WORKFLOW_INPUT_FIELDS = ['complaintId', 'ticketNumber', 'grade', 'locale'] as const;

/** Error names the functions throw for faults that no retry can cure (see shared/errors). */
const PERMANENT_ERRORS = ['NotFoundError', 'ValidationError', 'TaskInputError'];

/** What Lambda or the Step Functions integration throws when the service, not our code, failed. */
const LAMBDA_SERVICE_ERRORS = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
];

/** A task gives its function this long beyond the function's own timeout before States.Timeout. */
const TASK_TIMEOUT_MARGIN = Duration.seconds(5);

export interface ComplaintWorkflowProps {
  sendAcknowledgement: CloseloopFunction;
  recordWorkflowFault: CloseloopFunction;
}

/**
 * One STANDARD execution per complaint. JSONPath only: the local interpreter silently ignores
 * JSONata and Assign, and the same definition must behave the same on a laptop and on AWS.
 */
export class ComplaintWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ComplaintWorkflowProps) {
    super(scope, id);

    const done = new Succeed(this, WORKFLOW_STATES.done);

    const acknowledge = this.invoke(WORKFLOW_STATES.acknowledge, props.sendAcknowledgement, {
      complaintId: JsonPath.stringAt('$.complaintId'),
    });
    this.recordFailures(acknowledge, {
      step: WORKFLOW_STEPS.acknowledge,
      stateName: WORKFLOW_STATES.recordAcknowledgementFailure,
      recorder: props.recordWorkflowFault,
      continueWith: done,
    });
    acknowledge.next(done);

    this.logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's resource policy from growing with every machine.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-complaint-workflow`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(acknowledge),
      tracingEnabled: true,
      // Execution data is ids, grade and locale (no customer text), so logging it all is safe.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
  }

  /**
   * A Lambda task with the workflow's standard safety: a timeout, retries with backoff, and a
   * result that is discarded so every state passes the execution input on unchanged (and the
   * local runtime need not reproduce Lambda's `{ Payload, StatusCode }` envelope).
   */
  private invoke(stateName: string, fn: CloseloopFunction, payload: Record<string, unknown>): LambdaInvoke {
    const task = LambdaInvoke.jsonPath(this, stateName, {
      lambdaFunction: fn.function,
      payload: TaskInput.fromObject(payload),
      resultPath: JsonPath.DISCARD,
      taskTimeout: Timeout.duration(fn.timeout.plus(TASK_TIMEOUT_MARGIN)),
      // Replaced by the explicit retriers below, which also cover our own code's failures.
      retryOnServiceExceptions: false,
    });
    task.addRetry({ errors: PERMANENT_ERRORS, maxAttempts: 0 });
    task.addRetry({
      errors: LAMBDA_SERVICE_ERRORS,
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 5,
      jitterStrategy: JitterType.FULL,
    });
    // Four attempts in all (2 s, 4 s, 8 s apart): enough to ride out a DynamoDB or SES blip.
    task.addRetry({
      errors: [Errors.TASKS_FAILED, Errors.TIMEOUT],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 3,
    });
    return task;
  }

  /**
   * When a step fails for good, write the failure on the complaint's timeline (so staff see it)
   * and continue, rather than leaving a failed execution nobody looks at.
   */
  private recordFailures(
    step: LambdaInvoke,
    options: { step: string; stateName: string; recorder: CloseloopFunction; continueWith: IChainable },
  ): void {
    const record = this.invoke(options.stateName, options.recorder, {
      complaintId: JsonPath.stringAt('$.complaintId'),
      step: options.step,
      error: JsonPath.objectAt('$.error'),
    });
    step.addCatch(record, { errors: [Errors.ALL], resultPath: '$.error' });
    record.next(options.continueWith);
  }
}
