import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  type IChainable,
  IntegrationPattern,
  JitterType,
  JsonPath,
  LogLevel,
  type RetryProps,
  StateMachine,
  StateMachineType,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { WAIT_STEPS, type WaitStep, type WorkflowStep } from '../../shared/workflow/types.js';
import type { CloseloopFunction } from '../constructs/closeloop-function.js';

/**
 * State names of the complaint workflow. The local runtime overrides Tasks by these names and
 * tests look states up by them, so a rename here is a rename everywhere.
 */
export const WORKFLOW_STATES = {
  acknowledgeAndPlan: 'AcknowledgeAndPlan',
  recordAcknowledgementFailure: 'RecordAcknowledgementFailure',
  plan: 'Plan',
  await: 'Await',
  route: 'Route',
  onTimer: 'OnTimer',
  sendResult: 'SendResult',
  archive: 'Archive',
  recordWorkflowFault: 'RecordWorkflowFault',
  failed: 'Failed',
} as const;

/** Step names a failed step is recorded under on the complaint's timeline (`<step>_failed`). */
export const WORKFLOW_STEPS = {
  acknowledge: 'acknowledge',
  /** Any later step: the timeline says the workflow stopped; the execution's history says where. */
  workflow: 'workflow',
} as const;

/** Execution input; mirrors WorkflowExecutionInput in shared/workflow/types. */
export const WORKFLOW_INPUT_FIELDS = ['complaintId', 'ticketNumber', 'grade', 'locale'] as const;

/** Where the current Plan lives in the state data: Route reads it, the waiting tasks time out by it. */
export const PLAN_PATH = '$.plan';

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
  /** Acknowledges, then returns the first plan (functions/wf-acknowledge.ts). */
  acknowledgeAndPlan: CloseloopFunction;
  recordWorkflowFault: CloseloopFunction;
  plan: CloseloopFunction;
  park: CloseloopFunction;
  onTimer: CloseloopFunction;
  sendResult: CloseloopFunction;
  archive: CloseloopFunction;
}

/**
 * One STANDARD execution per complaint, from receipt to archive. The table is the truth and the
 * workflow is the clock: every planning task reads the complaint and returns a Plan (at `$.plan`),
 * and the one waiting state, Await, parks on a task token until a staff or customer action wakes
 * it with the next plan, or the plan's own timer runs out and OnTimer decides. Route follows the
 * plan's step.
 *
 * Step Functions bills every state entered, so the happy path is kept to 13: AcknowledgeAndPlan,
 * then Await and Route for each of its five wakes (owner, first contact, solution, resolution,
 * survey), SendResult, Archive. That is the floor while each wake is a task token (a Task has one
 * Next, so leaving a wait for different places takes a Choice) and the result mail and the
 * archive keep their own retried tasks; see docs in bench/workflow.ts.
 * JSONPath only: the local interpreter silently ignores JSONata and Assign, and the same
 * definition must behave the same on a laptop and on AWS.
 */
export class ComplaintWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;
  readonly failedExecutionsAlarm: Alarm;
  /**
   * The machine's ARN built from its fixed name rather than referenced: wf-park is invoked by the
   * machine and also wakes it, so a reference would make the machine and park's policy depend on
   * each other.
   */
  private readonly stateMachineArnForPolicies: string;

  constructor(scope: Construct, id: string, props: ComplaintWorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const stateMachineName = `${stack.stackName}-complaints`;
    this.stateMachineArnForPolicies = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    const failed = Fail.jsonPath(this, WORKFLOW_STATES.failed, {
      error: 'Closeloop.WorkflowStepFailed',
      cause: "A workflow step failed for good and is recorded on the complaint's timeline; resume from the table",
    });
    const recordFault = this.invoke(WORKFLOW_STATES.recordWorkflowFault, props.recordWorkflowFault, {
      complaintId: JsonPath.stringAt('$.complaintId'),
      step: WORKFLOW_STEPS.workflow,
      error: JsonPath.objectAt('$.error'),
    });
    // Nothing is left to record a failed recording with.
    recordFault.addCatch(failed, { errors: [Errors.ALL], resultPath: '$.error' });
    recordFault.next(failed);
    const orFault = (task: LambdaInvoke): LambdaInvoke => {
      task.addCatch(recordFault, { errors: [Errors.ALL], resultPath: '$.error' });
      return task;
    };

    const byId = { complaintId: JsonPath.stringAt('$.complaintId') };
    const withPlan = { ...byId, plan: JsonPath.objectAt(PLAN_PATH) };

    const route = Choice.jsonPath(this, WORKFLOW_STATES.route);
    const onTimer = orFault(this.invoke(WORKFLOW_STATES.onTimer, props.onTimer, withPlan, PLAN_PATH)).next(route);
    // Every wait step parks here; the plan says which one and its timer.
    const waiting = orFault(this.await(WORKFLOW_STATES.await, props.park, withPlan, onTimer)).next(route);
    // The plans of these two arrive without a Choice: Await hands a plan that is not a wait straight back.
    const plan = orFault(this.invoke(WORKFLOW_STATES.plan, props.plan, byId, PLAN_PATH)).next(waiting);
    const sendResult = orFault(this.invoke(WORKFLOW_STATES.sendResult, props.sendResult, byId, PLAN_PATH)).next(
      waiting,
    );
    // The last state: no Succeed after it, which would be one more billed transition.
    const archive = orFault(this.invoke(WORKFLOW_STATES.archive, props.archive, byId));
    const next: Record<WorkflowStep, IChainable> = {
      ...(Object.fromEntries(WAIT_STEPS.map((step): [WaitStep, IChainable] => [step, waiting])) as Record<
        WaitStep,
        IChainable
      >),
      send_result: sendResult,
      closed: archive,
    };
    for (const [step, target] of Object.entries(next)) {
      route.when(Condition.stringEquals(`${PLAN_PATH}.step`, step), target);
    }
    // No otherwise: a step this machine does not know fails the execution (States.NoChoiceMatched),
    // which the alarm below reports, rather than guessing where a complaint should go.

    const acknowledgeAndPlan = this.invoke(
      WORKFLOW_STATES.acknowledgeAndPlan,
      props.acknowledgeAndPlan,
      { ...byId, execution: JsonPath.stringAt('$$.Execution.Name') },
      PLAN_PATH,
      // Another execution of the complaint is sending the acknowledgement (it was moved to a new
      // definition mid-send): wait out its claim (90 s, shared/usecases/send-acknowledgement.ts).
      [{ errors: ['AcknowledgementInProgressError'], interval: Duration.seconds(15), backoffRate: 1, maxAttempts: 8 }],
    );
    const recordAcknowledgementFailure = orFault(
      this.invoke(WORKFLOW_STATES.recordAcknowledgementFailure, props.recordWorkflowFault, {
        ...byId,
        step: WORKFLOW_STEPS.acknowledge,
        error: JsonPath.objectAt('$.error'),
      }),
    );
    // A complaint whose acknowledgement could not be sent still needs handling: record it, plan, go on.
    acknowledgeAndPlan.addCatch(recordAcknowledgementFailure, { errors: [Errors.ALL], resultPath: '$.error' });
    recordAcknowledgementFailure.next(plan);
    acknowledgeAndPlan.next(waiting);

    this.logGroup = new LogGroup(this, 'Logs', {
      // The vendedlogs prefix keeps CloudWatch's resource policy from growing with every machine.
      logGroupName: `/aws/vendedlogs/states/${stack.stackName}-complaint-workflow`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName,
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(acknowledgeAndPlan),
      tracingEnabled: true,
      // Execution data is ids, grade, locale and plans (no customer text), so logging it all is safe.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });

    this.grantWake(props.park);

    // A failed execution leaves its complaint safe in the table but without a clock.
    this.failedExecutionsAlarm = this.stateMachine
      .metricFailed({ period: Duration.minutes(5) })
      .createAlarm(this, 'FailedExecutions', {
        alarmDescription: 'A complaint workflow failed: its complaint has no running clock until it is resumed',
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
  }

  /**
   * Lets a function wake a parked step with the next plan (SendTaskSuccess), nothing more.
   * IAM authorizes the call against the machine the token belongs to, so it is scoped to this one.
   */
  grantWake(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['states:SendTaskSuccess'], resources: [this.stateMachineArnForPolicies] }),
    );
  }

  /**
   * A Lambda task with the workflow's standard safety: a timeout, retries with backoff, and, as
   * a task's result, exactly what its function returned (the function ARN as Resource: no
   * `{ Payload, StatusCode }` envelope, which ResultSelector could not unwrap into `$.plan`).
   * Without a result path the result is discarded and the state passes its input on unchanged.
   */
  private invoke(
    stateName: string,
    fn: CloseloopFunction,
    payload: Record<string, unknown>,
    resultPath: string = JsonPath.DISCARD,
    /** Retriers for this task's own transient errors, ahead of the general ones that would take them first. */
    ownRetries: RetryProps[] = [],
  ): LambdaInvoke {
    const task = LambdaInvoke.jsonPath(this, stateName, {
      lambdaFunction: fn.function,
      payloadResponseOnly: true,
      payload: TaskInput.fromObject(payload),
      resultPath,
      taskTimeout: Timeout.duration(fn.timeout.plus(TASK_TIMEOUT_MARGIN)),
      // Replaced by the explicit retriers below, which also cover our own code's failures.
      retryOnServiceExceptions: false,
    });
    task.addRetry({ errors: PERMANENT_ERRORS, maxAttempts: 0 });
    for (const retry of ownRetries) task.addRetry(retry);
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
   * A wait step: wf-park stores the task token and the machine waits until a signal brings the
   * next plan (which replaces `$.plan`) or the plan's own timer runs out (OnTimer decides what a
   * missed deadline means). Never retried: a second attempt would park a second token.
   */
  private await(
    stateName: string,
    park: CloseloopFunction,
    payload: Record<string, unknown>,
    onTimer: IChainable,
  ): LambdaInvoke {
    const task = LambdaInvoke.jsonPath(this, stateName, {
      lambdaFunction: park.function,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ taskToken: JsonPath.taskToken, ...payload }),
      taskTimeout: Timeout.at(`${PLAN_PATH}.waitSeconds`),
      resultPath: PLAN_PATH,
      retryOnServiceExceptions: false,
    });
    task.addCatch(onTimer, { errors: [Errors.TIMEOUT], resultPath: '$.timeout' });
    return task;
  }
}
