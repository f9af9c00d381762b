import { Match } from 'aws-cdk-lib/assertions';
import { StateMachine } from 'aws-local-stepfunctions';
import { afterEach, describe, expect, it } from 'vitest';
import { LambdaFunctionError } from '../../infra/local/lambda.js';
import { LocalStepFunctions } from '../../infra/local/stepfunctions.js';
import { PLAN_PATH, WORKFLOW_STATES, WORKFLOW_STEPS } from '../../infra/workflow/complaint-workflow.js';
import {
  ACKNOWLEDGEMENT_CLAIM_MS,
  AcknowledgementInProgressError,
} from '../../shared/usecases/send-acknowledgement.js';
import { ACTION_STEPS, type Plan, WAIT_STEPS, type WorkflowStep } from '../../shared/workflow/types.js';
import {
  type AslState,
  functionsByEntry,
  stateMachineDefinition,
  synthCloseloop,
  taskFunctionLogicalId,
} from './synth.js';

const { api } = synthCloseloop();
const definition = stateMachineDefinition(api);
const functions = functionsByEntry(api);
const state = (name: string): AslState => {
  const found = definition.States[name];
  if (!found) throw new Error(`No state ${name}`);
  return found;
};
const entryOf = (task: AslState): string | undefined => {
  const logicalId = taskFunctionLogicalId(task);
  return Object.entries(functions).find(([, f]) => f.logicalId === logicalId)?.[0];
};
const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task');
const isWaiting = (task: AslState) => task.Resource?.endsWith('.waitForTaskToken') ?? false;
const waitingTasks = tasks.filter(([, s]) => isWaiting(s));
const otherTasks = tasks.filter(([, s]) => !isWaiting(s));

const COMPLAINT_ID = '6f1f4c4e-8a51-4d5e-9a3e-2f1a0c9b7d11';
const input = { complaintId: COMPLAINT_ID, ticketNumber: '202611-0001', grade: 'P3', locale: 'en' };
const planFor = (step: WorkflowStep, version = 1): Plan => ({
  complaintId: COMPLAINT_ID,
  step,
  waitSeconds: 3600,
  wakeAt: '2026-11-23T10:00:00.000Z',
  reason: 'deadline',
  version,
});
const byId = { 'complaintId.$': '$.complaintId' };
const acknowledgeParameters = { ...byId, 'execution.$': '$$.Execution.Name' };

describe('the complaint workflow definition', () => {
  it('is a STANDARD machine with a fixed name that logs everything, is traced and alarms on failures', () => {
    api.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'Closeloop-Api-complaints',
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
    });
    api.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Threshold: 1,
    });
  });

  it('uses JSONPath only: no JSONata, no variables the local interpreter would ignore', () => {
    const text = JSON.stringify(definition);
    expect(text).not.toMatch(/JSONata/i);
    expect(text).not.toContain('"Assign"');
    expect(text).not.toContain('"Arguments"');
  });

  it('has exactly the states of the design, one waiting state for every wait step', () => {
    expect(Object.keys(definition.States).sort()).toEqual(Object.values(WORKFLOW_STATES).sort());
    expect(waitingTasks.map(([name]) => name)).toEqual([WORKFLOW_STATES.await]);
  });

  it('acknowledges the complaint with its id and its execution’s name and plans in one task, or records the failure and plans', () => {
    expect(definition.StartAt).toBe(WORKFLOW_STATES.acknowledgeAndPlan);
    const acknowledge = state(WORKFLOW_STATES.acknowledgeAndPlan);
    expect(entryOf(acknowledge)).toBe('functions/wf-acknowledge.ts');
    expect(acknowledge.Parameters).toEqual(acknowledgeParameters);
    expect(acknowledge.ResultPath).toBe(PLAN_PATH);
    expect(acknowledge.Next).toBe(WORKFLOW_STATES.await);
    expect(acknowledge.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: WORKFLOW_STATES.recordAcknowledgementFailure },
    ]);
    const record = state(WORKFLOW_STATES.recordAcknowledgementFailure);
    expect(entryOf(record)).toBe('functions/record-workflow-fault.ts');
    expect(record.Parameters).toEqual({ ...byId, step: WORKFLOW_STEPS.acknowledge, 'error.$': '$.error' });
    expect(record.Next).toBe(WORKFLOW_STATES.plan);
  });

  it('keeps what each planning task returns as the plan and waits on it, or routes a timer’s decision', () => {
    const planning = {
      [WORKFLOW_STATES.acknowledgeAndPlan]: {
        entry: 'functions/wf-acknowledge.ts',
        parameters: acknowledgeParameters,
        next: 'Await',
      },
      [WORKFLOW_STATES.plan]: { entry: 'functions/wf-plan.ts', parameters: byId, next: 'Await' },
      [WORKFLOW_STATES.sendResult]: { entry: 'functions/wf-send-result.ts', parameters: byId, next: 'Await' },
      [WORKFLOW_STATES.onTimer]: {
        entry: 'functions/wf-on-timer.ts',
        parameters: { ...byId, 'plan.$': PLAN_PATH },
        next: 'Route',
      },
    };
    for (const [name, expected] of Object.entries(planning)) {
      const task = state(name);
      expect(entryOf(task), name).toBe(expected.entry);
      // A function ARN as Resource: the task's result is the returned Plan itself, not Lambda's envelope.
      expect(task.Resource, name).toMatch(/:function:/);
      expect(task.Parameters, name).toEqual(expected.parameters);
      expect(task.ResultSelector, name).toBeUndefined();
      expect(task.ResultPath, name).toBe(PLAN_PATH);
      expect(task.Next, name).toBe(expected.next);
    }
  });

  it('routes every workflow step, and nothing else, to the state that handles it', () => {
    const route = state(WORKFLOW_STATES.route);
    expect(route.Type).toBe('Choice');
    const expected: Record<WorkflowStep, string> = {
      ...Object.fromEntries(WAIT_STEPS.map((step) => [step, WORKFLOW_STATES.await])),
      send_result: WORKFLOW_STATES.sendResult,
      closed: WORKFLOW_STATES.archive,
    } as Record<WorkflowStep, string>;
    for (const step of [...WAIT_STEPS, ...ACTION_STEPS]) {
      expect(route.Choices, step).toContainEqual({
        Variable: `${PLAN_PATH}.step`,
        StringEquals: step,
        Next: expected[step],
      });
    }
    expect(route.Choices).toHaveLength(WAIT_STEPS.length + ACTION_STEPS.length);
  });

  it('bounds every waiting task by the plan’s timer and hands a timeout to OnTimer', () => {
    expect(waitingTasks).toHaveLength(1);
    for (const [name, task] of waitingTasks) {
      expect(task.TimeoutSecondsPath ?? task.TimeoutSeconds, name).toBeDefined();
      expect(task.TimeoutSecondsPath, name).toBe(`${PLAN_PATH}.waitSeconds`);
      const onTimeout = task.Catch?.find((c) => c.ErrorEquals.includes('States.Timeout'));
      expect(onTimeout, name).toEqual({
        ErrorEquals: ['States.Timeout'],
        ResultPath: '$.timeout',
        Next: WORKFLOW_STATES.onTimer,
      });
    }
  });

  it('never retries a waiting task: a second attempt would park a second token', () => {
    for (const [name, task] of waitingTasks) expect(task.Retry, name).toBeUndefined();
  });

  it('parks every waiting step with wf-park, passing the token, the complaint and the plan', () => {
    for (const [name, task] of waitingTasks) {
      expect(entryOf(task), name).toBe('functions/wf-park.ts');
      expect(task.Parameters?.Payload, name).toEqual({
        'taskToken.$': '$$.Task.Token',
        ...byId,
        'plan.$': PLAN_PATH,
      });
      // The signal's output is the next plan.
      expect(task.ResultPath, name).toBe(PLAN_PATH);
      expect(task.Next, name).toBe(WORKFLOW_STATES.route);
    }
  });

  it('gives every other task a timeout longer than its function’s own', () => {
    const timeoutOf = Object.fromEntries(Object.values(functions).map((f) => [f.logicalId, f.properties.Timeout]));
    expect(otherTasks.length).toBeGreaterThan(0);
    for (const [name, task] of otherTasks) {
      const fnTimeout = timeoutOf[taskFunctionLogicalId(task) ?? ''];
      expect(fnTimeout, name).toBeDefined();
      expect(task.TimeoutSeconds, name).toBeGreaterThan(fnTimeout!);
    }
  });

  it('retries every other task with exponential backoff, except for faults no retry cures', () => {
    for (const [name, task] of otherTasks) {
      const onFailure = task.Retry?.find((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(onFailure, name).toMatchObject({ MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 2 });
      const onLambdaService = task.Retry?.find((r) => r.ErrorEquals.includes('Lambda.ServiceException'));
      expect(onLambdaService?.MaxAttempts, name).toBeGreaterThan(0);
      expect(task.Retry?.[0], name).toEqual({ ErrorEquals: expect.arrayContaining(['NotFoundError']), MaxAttempts: 0 });
    }
  });

  it('records any step that fails for good on the timeline, then fails the execution', () => {
    for (const [name, task] of tasks) {
      const catchAll = task.Catch?.at(-1);
      if (name === WORKFLOW_STATES.acknowledgeAndPlan) continue;
      if (name === WORKFLOW_STATES.recordWorkflowFault) {
        expect(task.Catch).toEqual([
          { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: WORKFLOW_STATES.failed },
        ]);
        continue;
      }
      expect(catchAll, name).toEqual({
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.error',
        Next: WORKFLOW_STATES.recordWorkflowFault,
      });
    }
    const record = state(WORKFLOW_STATES.recordWorkflowFault);
    expect(entryOf(record)).toBe('functions/record-workflow-fault.ts');
    expect(record.Parameters).toEqual({ ...byId, step: WORKFLOW_STEPS.workflow, 'error.$': '$.error' });
    expect(record.Next).toBe(WORKFLOW_STATES.failed);
    expect(state(WORKFLOW_STATES.failed)).toMatchObject({ Type: 'Fail', Error: 'Closeloop.WorkflowStepFailed' });
  });

  it('archives a closed complaint as its last state, with no Succeed state to pay for after it', () => {
    const archive = state(WORKFLOW_STATES.archive);
    expect(entryOf(archive)).toBe('functions/wf-archive.ts');
    expect(archive.Parameters).toEqual(byId);
    expect(archive.ResultPath).toBeNull();
    expect(archive.Next).toBeUndefined();
    expect(archive.End).toBe(true);
  });
});

describe('the complaint workflow, run by the bare local interpreter (retries without waiting)', () => {
  const noRetryWait = Object.fromEntries(tasks.map(([name]) => [name, 0]));

  /** Acknowledge as given; the first plan closes the complaint, which Await hands straight back. */
  async function run(acknowledge: (payload: unknown) => unknown) {
    const calls = { acknowledge: [] as unknown[], record: [] as unknown[], archive: [] as unknown[] };
    // The bare interpreter reads TimeoutSecondsPath after Parameters, unlike AWS; the runner in
    // infra/local handles that, and the tests below run Await's timer there.
    const bare = structuredClone(definition);
    delete bare.States[WORKFLOW_STATES.await]!.TimeoutSecondsPath;
    const machine = new StateMachine(bare as never);
    // Tasks on a function ARN: the handler gets the payload and its result is the function's own.
    const execution = machine.run(input, {
      // Await reads a task token; the bare interpreter has none of its own.
      context: { Task: { Token: 'bare-interpreter-token' }, Execution: { Name: 'bare-execution' } },
      overrides: {
        retryIntervalOverrides: noRetryWait,
        taskResourceLocalHandlers: {
          [WORKFLOW_STATES.acknowledgeAndPlan]: async (payload) => {
            calls.acknowledge.push(payload);
            await acknowledge(payload);
            return planFor('closed') as never;
          },
          [WORKFLOW_STATES.recordAcknowledgementFailure]: async (payload) => {
            calls.record.push(payload);
            return { recorded: true };
          },
          [WORKFLOW_STATES.plan]: async () => planFor('closed') as never,
          // The bare interpreter has no task tokens: the local handler's result is the signal.
          [WORKFLOW_STATES.await]: async () => planFor('closed') as never,
          [WORKFLOW_STATES.archive]: async (payload) => {
            calls.archive.push(payload);
            return { archived: true };
          },
        },
      },
    });
    return { output: await execution.result, calls };
  }

  it('acknowledges once, plans and archives, and ends with the input and the last plan', async () => {
    const { output, calls } = await run(() => ({ sent: true }));
    expect(calls.acknowledge).toEqual([{ complaintId: COMPLAINT_ID, execution: 'bare-execution' }]);
    expect(calls.record).toEqual([]);
    expect(calls.archive).toEqual([{ complaintId: COMPLAINT_ID }]);
    expect(output).toEqual({ ...input, plan: planFor('closed') });
  });

  it('retries a failing acknowledgement four times in all, records the failure and carries on', async () => {
    const { calls } = await run(() => {
      throw Object.assign(new Error('SES is down'), { name: 'MessageRejected' });
    });
    expect(calls.acknowledge).toHaveLength(4);
    expect(calls.record).toEqual([
      { complaintId: COMPLAINT_ID, step: 'acknowledge', error: { Error: 'MessageRejected', Cause: 'SES is down' } },
    ]);
    expect(calls.archive).toHaveLength(1);
  });

  it('waits out another execution’s claim on the acknowledgement for longer than the claim lasts, then records it', async () => {
    const acknowledge = state(WORKFLOW_STATES.acknowledgeAndPlan);
    const waitOut = acknowledge.Retry?.find((r) => r.ErrorEquals.includes('AcknowledgementInProgressError'));
    expect(acknowledge.Retry?.indexOf(waitOut!)).toBeLessThan(
      acknowledge.Retry!.findIndex((r) => r.ErrorEquals.includes('States.TaskFailed')),
    );
    expect((waitOut!.IntervalSeconds ?? 1) * ((waitOut!.MaxAttempts ?? 3) + 1) * 1000).toBeGreaterThan(
      ACKNOWLEDGEMENT_CLAIM_MS,
    );
    let held = 2;
    const { calls } = await run(() => {
      if (held-- > 0) throw new AcknowledgementInProgressError('the old execution');
    });
    expect(calls.acknowledge).toHaveLength(3);
    expect(calls.record).toEqual([]);
  });

  it('does not retry a complaint that does not exist', async () => {
    const { calls } = await run(() => {
      throw Object.assign(new Error('no such complaint'), { name: 'NotFoundError' });
    });
    expect(calls.acknowledge).toHaveLength(1);
    expect(calls.record).toHaveLength(1);
  });
});

describe('the complaint workflow on the local Step Functions (task tokens, scaled timers)', () => {
  const running: LocalStepFunctions[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  /** A stub function; `wake` plays a staff or customer action that signals a parked step. */
  type Handler = (payload: Record<string, unknown>, wake: (token: string, plan: Plan) => void) => unknown;
  const entryByLogicalId = Object.fromEntries(Object.entries(functions).map(([entry, f]) => [f.logicalId, entry]));

  /** Runs one execution with a stub per function entry; returns every call and the states entered. */
  async function execute(handlers: Record<string, Handler>, timeScale = 1) {
    const calls: { entry: string; payload: Record<string, unknown> }[] = [];
    const wake = (token: string, plan: Plan) =>
      setImmediate(() => sfn.sendTaskSuccess({ taskToken: token, output: JSON.stringify(plan) }));
    const invoke = async (arn: string, payload: unknown) => {
      const entry = entryByLogicalId[arn.split(':function:')[1] ?? ''] ?? arn;
      calls.push({ entry, payload: payload as Record<string, unknown> });
      const handler = handlers[entry];
      if (!handler) throw new Error(`No stub for ${entry}`);
      try {
        return await handler(payload as Record<string, unknown>, wake);
      } catch (err) {
        throw LambdaFunctionError.from(err);
      }
    };
    const sfn = new LocalStepFunctions({
      stateMachines: [{ name: 'complaints', definition: definition as unknown as Record<string, unknown> }],
      invoke,
      timeScale,
    });
    running.push(sfn);
    const { executionArn } = await sfn.startExecution({
      stateMachineArn: sfn.stateMachineArns[0],
      name: COMPLAINT_ID,
      input: JSON.stringify(input),
    });
    let described = sfn.describeExecution({ executionArn });
    for (let i = 0; described.status === 'RUNNING' && i < 500; i++) {
      await new Promise((r) => setTimeout(r, 10));
      described = sfn.describeExecution({ executionArn });
    }
    // State events are recorded asynchronously and may trail the outcome by a tick.
    await new Promise((r) => setTimeout(r, 20));
    const entered = sfn
      .getExecutionHistory({ executionArn })
      .events.filter((e) => e.type.endsWith('StateEntered'))
      .map((e) => (e as unknown as { stateEnteredEventDetails: { name: string } }).stateEnteredEventDetails.name);
    const payloadsOf = (entry: string) => calls.filter((c) => c.entry === entry).map((c) => c.payload);
    return { described, entered, payloadsOf };
  }

  /** The park stub of a test: Await hands back a plan that is not a wait, as functions/wf-park.ts does. */
  const parking =
    (wait: Handler): Handler =>
    (p, wake) => {
      const plan = p.plan as Plan;
      if ((WAIT_STEPS as readonly string[]).includes(plan.step)) return wait(p, wake);
      wake(p.taskToken as string, plan);
      return { parked: false, selfWoken: true };
    };

  const archived: Record<string, Handler> = {
    'functions/wf-archive.ts': () => ({ archived: true }),
  };

  it('walks the happy path from receipt to archive in 13 state transitions', async () => {
    // What staff and the customer do, in order: each wakes the parked step with the next plan.
    const after: Partial<Record<WorkflowStep, WorkflowStep>> = {
      await_owner: 'await_contact',
      await_contact: 'await_solution',
      await_solution: 'await_resolution',
      await_resolution: 'send_result',
      await_survey: 'closed',
    };
    let version = 1;
    const { described, entered, payloadsOf } = await execute({
      ...archived,
      'functions/wf-acknowledge.ts': () => planFor('await_owner', version),
      'functions/wf-park.ts': parking((p, wake) => {
        wake(p.taskToken as string, planFor(after[(p.plan as Plan).step]!, ++version));
        return { parked: true, selfWoken: false };
      }),
      'functions/wf-send-result.ts': () => planFor('await_survey', ++version),
    });

    expect(described.status).toBe('SUCCEEDED');
    expect(entered).toEqual([
      'AcknowledgeAndPlan',
      'Await',
      'Route',
      'Await',
      'Route',
      'Await',
      'Route',
      'Await',
      'Route',
      'SendResult',
      'Await',
      'Route',
      'Archive',
    ]);
    expect(entered.length).toBeLessThanOrEqual(13);
    const parks = payloadsOf('functions/wf-park.ts');
    expect(parks.map((p) => (p.plan as Plan).step)).toEqual([
      'await_owner',
      'await_contact',
      'await_solution',
      'await_resolution',
      'await_survey',
    ]);
    for (const park of parks) {
      expect(Object.keys(park).sort()).toEqual(['complaintId', 'plan', 'taskToken']);
      expect(park.complaintId).toBe(COMPLAINT_ID);
    }
    expect(new Set(parks.map((p) => p.taskToken)).size).toBe(parks.length);
    expect(payloadsOf('functions/wf-send-result.ts')).toEqual([{ complaintId: COMPLAINT_ID }]);
  });

  it('lets OnTimer decide when nobody acts before the plan’s timer runs out', async () => {
    const ownerPlan = { ...planFor('await_owner'), waitSeconds: 60 };
    const { described, entered, payloadsOf } = await execute(
      {
        ...archived,
        'functions/wf-acknowledge.ts': () => ownerPlan,
        'functions/wf-park.ts': parking(() => ({ parked: true, selfWoken: false })),
        'functions/wf-on-timer.ts': () => planFor('closed', 2),
      },
      // The plan's minute of workflow time passes in a tenth of a second.
      600,
    );
    expect(described.status).toBe('SUCCEEDED');
    expect(entered).toEqual(['AcknowledgeAndPlan', 'Await', 'OnTimer', 'Route', 'Archive']);
    expect(payloadsOf('functions/wf-on-timer.ts')).toEqual([{ complaintId: COMPLAINT_ID, plan: ownerPlan }]);
  });

  it('records a step that fails for good and fails the execution, which the alarm reports', async () => {
    const gone = () => {
      throw Object.assign(new Error('complaint is gone'), { name: 'NotFoundError' });
    };
    const { described, entered, payloadsOf } = await execute({
      ...archived,
      'functions/wf-acknowledge.ts': gone,
      'functions/wf-plan.ts': gone,
      'functions/record-workflow-fault.ts': () => ({ recorded: true }),
    });
    expect(described).toMatchObject({ status: 'FAILED', error: 'Closeloop.WorkflowStepFailed' });
    expect(entered).toEqual([
      'AcknowledgeAndPlan',
      'RecordAcknowledgementFailure',
      'Plan',
      'RecordWorkflowFault',
      'Failed',
    ]);
    expect(payloadsOf('functions/record-workflow-fault.ts')).toEqual([
      {
        complaintId: COMPLAINT_ID,
        step: 'acknowledge',
        error: { Error: 'NotFoundError', Cause: expect.stringContaining('complaint is gone') },
      },
      {
        complaintId: COMPLAINT_ID,
        step: 'workflow',
        error: { Error: 'NotFoundError', Cause: expect.stringContaining('complaint is gone') },
      },
    ]);
  });
});
