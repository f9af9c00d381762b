import { Match } from 'aws-cdk-lib/assertions';
import { StateMachine } from 'aws-local-stepfunctions';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_STATES, WORKFLOW_STEPS } from '../../infra/workflow/complaint-workflow.js';
import { type AslState, functionsByEntry, stateMachineDefinition, synthCloseloop } from './synth.js';

const { api } = synthCloseloop();
const definition = stateMachineDefinition(api);
const functions = functionsByEntry(api);
const state = (name: string): AslState => {
  const found = definition.States[name];
  if (!found) throw new Error(`No state ${name}`);
  return found;
};
const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task');

const input = { complaintId: 'c-1', ticketNumber: '202611-0001', grade: 'P3', locale: 'en' };

describe('the complaint workflow definition', () => {
  it('is a STANDARD machine that logs everything and is traced', () => {
    api.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
    });
  });

  it('uses JSONPath only: no JSONata, no variables the local interpreter would ignore', () => {
    const text = JSON.stringify(definition);
    expect(text).not.toMatch(/JSONata/i);
    expect(text).not.toContain('"Assign"');
    expect(text).not.toContain('"Arguments"');
  });

  it('starts by acknowledging the complaint with only its id', () => {
    expect(definition.StartAt).toBe(WORKFLOW_STATES.acknowledge);
    const acknowledge = state(WORKFLOW_STATES.acknowledge);
    expect(acknowledge.Parameters?.Payload).toEqual({ 'complaintId.$': '$.complaintId' });
    expect(acknowledge.Parameters?.FunctionName).toContain(functions['functions/send-acknowledgement.ts']!.logicalId);
  });

  it('gives every task a timeout longer than its function’s own', () => {
    expect(tasks.length).toBeGreaterThan(0);
    const timeoutOf = Object.fromEntries(Object.values(functions).map((f) => [f.logicalId, f.properties.Timeout]));
    for (const [name, task] of tasks) {
      const fnLogicalId = task.Parameters?.FunctionName?.split(':function:')[1] ?? '';
      expect(task.TimeoutSeconds, name).toBeGreaterThan(timeoutOf[fnLogicalId] ?? Number.POSITIVE_INFINITY);
    }
  });

  it('retries every task with exponential backoff and passes the execution input on unchanged', () => {
    for (const [name, task] of tasks) {
      expect(task.ResultPath, name).toBeNull();
      const onFailure = task.Retry?.find((r) => r.ErrorEquals.includes('States.TaskFailed'));
      expect(onFailure, name).toMatchObject({ MaxAttempts: 3, IntervalSeconds: 2, BackoffRate: 2 });
      const onLambdaService = task.Retry?.find((r) => r.ErrorEquals.includes('Lambda.ServiceException'));
      expect(onLambdaService?.MaxAttempts, name).toBeGreaterThan(0);
    }
  });

  it('records a failed acknowledgement on the timeline, then carries on', () => {
    expect(state(WORKFLOW_STATES.acknowledge).Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: WORKFLOW_STATES.recordAcknowledgementFailure },
    ]);
    const record = state(WORKFLOW_STATES.recordAcknowledgementFailure);
    expect(record.Parameters?.Payload).toEqual({
      'complaintId.$': '$.complaintId',
      step: WORKFLOW_STEPS.acknowledge,
      'error.$': '$.error',
    });
    expect(record.Parameters?.FunctionName).toContain(functions['functions/record-workflow-fault.ts']!.logicalId);
    expect(record.Next).toBe(WORKFLOW_STATES.done);
    expect(state(WORKFLOW_STATES.acknowledge).Next).toBe(WORKFLOW_STATES.done);
    expect(state(WORKFLOW_STATES.done).Type).toBe('Succeed');
  });
});

describe('the complaint workflow, run by the local interpreter', () => {
  const noRetryWait = Object.fromEntries(tasks.map(([name]) => [name, 0]));

  async function run(acknowledge: (payload: unknown) => unknown) {
    const calls = { acknowledge: [] as unknown[], record: [] as unknown[] };
    const machine = new StateMachine(definition as never);
    const execution = machine.run(input, {
      overrides: {
        retryIntervalOverrides: noRetryWait,
        taskResourceLocalHandlers: {
          // Local handlers receive the task's Parameters and answer as Lambda's invoke API would.
          [WORKFLOW_STATES.acknowledge]: async (parameters) => {
            const { Payload } = parameters as { Payload: unknown };
            calls.acknowledge.push(Payload);
            return { Payload: await acknowledge(Payload), StatusCode: 200 } as never;
          },
          [WORKFLOW_STATES.recordAcknowledgementFailure]: async (parameters) => {
            calls.record.push((parameters as { Payload: unknown }).Payload);
            return { Payload: null, StatusCode: 200 };
          },
        },
      },
    });
    return { output: await execution.result, calls };
  }

  it('acknowledges once and finishes with the execution input', async () => {
    const { output, calls } = await run(() => ({ sent: true }));
    expect(calls.acknowledge).toEqual([{ complaintId: 'c-1' }]);
    expect(calls.record).toEqual([]);
    expect(output).toEqual(input);
  });

  it('retries a failing acknowledgement four times in all, then records the failure and finishes', async () => {
    const { output, calls } = await run(() => {
      throw Object.assign(new Error('SES is down'), { name: 'MessageRejected' });
    });
    expect(calls.acknowledge).toHaveLength(4);
    expect(calls.record).toEqual([
      { complaintId: 'c-1', step: 'acknowledge', error: { Error: 'MessageRejected', Cause: 'SES is down' } },
    ]);
    expect(output).toMatchObject(input);
  });

  it('does not retry a complaint that does not exist', async () => {
    const { calls } = await run(() => {
      throw Object.assign(new Error('no such complaint'), { name: 'NotFoundError' });
    });
    expect(calls.acknowledge).toHaveLength(1);
    expect(calls.record).toHaveLength(1);
  });
});
