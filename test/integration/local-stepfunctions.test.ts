import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  ExecutionAlreadyExists,
  GetExecutionHistoryCommand,
  InvalidToken,
  ListExecutionsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { LambdaFunctionError } from '../../infra/local/lambda.js';
import { LocalStepFunctions } from '../../infra/local/stepfunctions.js';

const FN = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const INVOKE = 'arn:aws:states:::lambda:invoke';
const INVOKE_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

class OutOfStock extends Error {
  override name = 'OutOfStock';
}

/** Functions the test definitions call; each records what it received. */
function functions() {
  const calls: { name: string; payload: Record<string, unknown> }[] = [];
  const bodies: Record<string, (payload: Record<string, unknown>) => unknown> = {
    double: (p) => ({ doubled: Number(p.value) * 2 }),
    park: (p) => ({ parkedWith: typeof p.taskToken }),
    outOfStock: () => {
      throw new OutOfStock('nothing left');
    },
  };
  const invoke = async (arn: string, payload: unknown) => {
    const name = arn.split(':')[6] ?? arn;
    calls.push({ name, payload: payload as Record<string, unknown> });
    try {
      return bodies[name]!(payload as Record<string, unknown>);
    } catch (err) {
      throw LambdaFunctionError.from(err);
    }
  };
  const tokenFor = async (name = 'park'): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const call = calls.findLast((c) => c.name === name);
      if (call) return call.payload.taskToken as string;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${name} was never called`);
  };
  return { calls, invoke, tokenFor };
}

const running: LocalStepFunctions[] = [];

async function start(definition: Record<string, unknown>, timeScale = 1) {
  const fns = functions();
  const sfn = new LocalStepFunctions({ stateMachines: [{ name: 'Test', definition }], invoke: fns.invoke, timeScale });
  running.push(sfn);
  const endpoint = await sfn.listen();
  const client = new SFNClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const stateMachineArn = sfn.stateMachineArns[0]!;
  const startExecution = async (input: unknown, name?: string) =>
    (await client.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) })))
      .executionArn!;
  const finished = async (executionArn: string): Promise<DescribeExecutionCommandOutput> => {
    for (;;) {
      const d = await client.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING') return d;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { client, stateMachineArn, startExecution, finished, ...fns };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const ESCALATE = { Escalate: { Type: 'Pass', Result: true, ResultPath: '$.escalated', End: true } };

const parkThenEnd = (extra: Record<string, unknown> = {}, more: Record<string, unknown> = {}) => ({
  StartAt: 'Park',
  States: {
    Park: {
      Type: 'Task',
      Resource: INVOKE_WAIT,
      Parameters: { FunctionName: FN('park'), Payload: { 'taskToken.$': '$$.Task.Token', 'case.$': '$.case' } },
      ResultPath: '$.answer',
      End: true,
      ...extra,
    },
    ...more,
  },
});

describe('local Step Functions behind the real SFN client', () => {
  it('runs a Lambda task and reports the execution SUCCEEDED with its output', async () => {
    const sfn = await start({
      StartAt: 'Double',
      States: {
        Double: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: FN('double'), 'Payload.$': '$' },
          ResultSelector: { 'doubled.$': '$.Payload.doubled', 'status.$': '$.StatusCode' },
          End: true,
        },
      },
    });
    const arn = await sfn.startExecution({ value: 21 }, 'case-1');
    const done = await sfn.finished(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ doubled: 42, status: 200 });
    expect(done.name).toBe('case-1');
    expect(done.stopDate!.getTime()).toBeGreaterThanOrEqual(done.startDate!.getTime());
    const listed = await sfn.client.send(new ListExecutionsCommand({ stateMachineArn: sfn.stateMachineArn }));
    expect(listed.executions?.map((e) => e.executionArn)).toEqual([arn]);
  });

  it('keeps one execution per name: a repeat with the same input is the same execution, anything else is refused', async () => {
    const sfn = await start(parkThenEnd());
    const first = await sfn.startExecution({ case: 'A' }, 'case-A');
    expect(await sfn.startExecution({ case: 'A' }, 'case-A')).toBe(first);
    await expect(sfn.startExecution({ case: 'B' }, 'case-A')).rejects.toBeInstanceOf(ExecutionAlreadyExists);

    await sfn.client.send(new SendTaskSuccessCommand({ taskToken: await sfn.tokenFor(), output: '{}' }));
    expect((await sfn.finished(first)).status).toBe('SUCCEEDED');
    await expect(sfn.startExecution({ case: 'A' }, 'case-A')).rejects.toBeInstanceOf(ExecutionAlreadyExists);
  });

  it('parks a waitForTaskToken task until SendTaskSuccess and continues with the sent output', async () => {
    const sfn = await start(parkThenEnd());
    const arn = await sfn.startExecution({ case: 'C-7' });
    const token = await sfn.tokenFor();
    expect(sfn.calls[0]?.payload.case).toBe('C-7');
    expect((await sfn.client.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');

    await sfn.client.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ resolved: true }) }));
    const done = await sfn.finished(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toEqual({ case: 'C-7', answer: { resolved: true } });
    await expect(
      sfn.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(
      sfn.client.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    ).rejects.toBeInstanceOf(InvalidToken);
  });

  it('gives every entry into a parked task its own token', async () => {
    const { End: _end, ...park } = parkThenEnd().States.Park;
    const sfn = await start({
      StartAt: 'Park',
      States: { Park: { ...park, Next: 'Park again' }, 'Park again': { ...park, End: true } },
    });
    const arn = await sfn.startExecution({ case: 'D' });
    const first = await sfn.tokenFor();
    await sfn.client.send(new SendTaskSuccessCommand({ taskToken: first, output: '{}' }));
    while (sfn.calls.length < 2) await new Promise((r) => setTimeout(r, 10));
    const second = sfn.calls[1]!.payload.taskToken as string;
    expect(second).not.toBe(first);
    await sfn.client.send(new SendTaskSuccessCommand({ taskToken: second, output: '{"n":2}' }));
    expect((await sfn.finished(arn)).status).toBe('SUCCEEDED');
  });

  it('times a parked task out as a catchable States.Timeout, reading TimeoutSecondsPath from the state input as AWS does', async () => {
    const sfn = await start(
      parkThenEnd(
        {
          TimeoutSecondsPath: '$.replyWithinSeconds',
          Catch: [
            { ErrorEquals: ['States.TaskFailed'], Next: 'Failed differently' },
            { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Escalate' },
          ],
        },
        { ...ESCALATE, 'Failed differently': { Type: 'Fail', Error: 'WrongCatcher' } },
      ),
      36_000,
    );
    // replyWithinSeconds is in the state input only, not in Parameters: the bare interpreter would
    // fail this definition. An hour of definition time is a tenth of a second at this scale.
    const arn = await sfn.startExecution({ case: 'E', replyWithinSeconds: 3600 });
    const token = await sfn.tokenFor();
    const done = await sfn.finished(arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!)).toMatchObject({ escalated: true, timeout: { Error: 'States.Timeout' } });
    await expect(
      sfn.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('times a parked task out when no heartbeat arrives within HeartbeatSeconds', async () => {
    const sfn = await start(
      parkThenEnd(
        {
          TimeoutSeconds: 86_400,
          HeartbeatSeconds: 60,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Escalate' }],
        },
        ESCALATE,
      ),
      600,
    );
    const done = await sfn.finished(await sfn.startExecution({ case: 'H' }));
    expect(JSON.parse(done.output!)).toMatchObject({ escalated: true, timeout: { Error: 'States.Timeout' } });
  });

  it('fails a parked task at once when its handler throws, instead of waiting for a token', async () => {
    const sfn = await start({
      StartAt: 'Park',
      States: {
        Park: {
          Type: 'Task',
          Resource: INVOKE_WAIT,
          Parameters: { FunctionName: FN('outOfStock'), Payload: { 'taskToken.$': '$$.Task.Token' } },
          Catch: [{ ErrorEquals: ['OutOfStock'], ResultPath: '$.error', Next: 'Escalate' }],
          End: true,
        },
        ...ESCALATE,
      },
    });
    const done = await sfn.finished(await sfn.startExecution({}));
    expect(JSON.parse(done.output!)).toMatchObject({ escalated: true, error: { Error: 'OutOfStock' } });
  });

  it('fails a parked task with the error sent by SendTaskFailure, which Catch can match by name', async () => {
    const sfn = await start(
      parkThenEnd(
        { Catch: [{ ErrorEquals: ['Customer.Withdrew'], ResultPath: '$.failure', Next: 'Escalate' }] },
        ESCALATE,
      ),
    );
    const arn = await sfn.startExecution({ case: 'F' });
    await sfn.client.send(
      new SendTaskFailureCommand({ taskToken: await sfn.tokenFor(), error: 'Customer.Withdrew', cause: 'by mail' }),
    );
    const done = await sfn.finished(arn);
    expect(JSON.parse(done.output!)).toMatchObject({ failure: { Error: 'Customer.Withdrew', Cause: 'by mail' } });
  });

  it("retries and catches a handler's own error by its name, with Lambda's error payload as the cause", async () => {
    const sfn = await start({
      StartAt: 'Reserve',
      States: {
        Reserve: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: FN('outOfStock'), 'Payload.$': '$' },
          Retry: [{ ErrorEquals: ['OutOfStock'], IntervalSeconds: 0, MaxAttempts: 2 }],
          Catch: [{ ErrorEquals: ['OutOfStock'], ResultPath: '$.error', Next: 'Apologise' }],
          End: true,
        },
        Apologise: { Type: 'Pass', End: true },
      },
    });
    const done = await sfn.finished(await sfn.startExecution({}));
    expect(sfn.calls.filter((c) => c.name === 'outOfStock')).toHaveLength(3);
    const { error } = JSON.parse(done.output!) as { error: { Error: string; Cause: string } };
    expect(error.Error).toBe('OutOfStock');
    expect(JSON.parse(error.Cause)).toMatchObject({ errorType: 'OutOfStock', errorMessage: 'nothing left' });
  });

  it('reports an uncaught handler error as the execution error', async () => {
    const sfn = await start({
      StartAt: 'Reserve',
      States: { Reserve: { Type: 'Task', Resource: FN('outOfStock'), End: true } },
    });
    const done = await sfn.finished(await sfn.startExecution({}));
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('OutOfStock');
  });

  it('scales Wait states: a three-day SecondsPath wait passes while the test waits', async () => {
    const sfn = await start(
      {
        StartAt: 'Cool off',
        States: {
          'Cool off': { Type: 'Wait', SecondsPath: '$.seconds', Next: 'Done' },
          Done: { Type: 'Pass', Result: 'closed', ResultPath: '$.state', End: true },
        },
      },
      3 * 24 * 3600 * 5,
    );
    const arn = await sfn.startExecution({ seconds: 3 * 24 * 3600 });
    const done = await sfn.finished(arn);
    expect(JSON.parse(done.output!)).toEqual({ seconds: 259200, state: 'closed' });
    const history = await sfn.client.send(new GetExecutionHistoryCommand({ executionArn: arn }));
    expect(history.events?.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('stops an execution: it is ABORTED and its pending task token is closed', async () => {
    const sfn = await start(parkThenEnd());
    const arn = await sfn.startExecution({ case: 'G' });
    const token = await sfn.tokenFor();
    await sfn.client.send(new StopExecutionCommand({ executionArn: arn, error: 'Closed.ByStaff' }));
    const done = await sfn.client.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(done.status).toBe('ABORTED');
    expect(done.error).toBe('Closed.ByStaff');
    await expect(
      sfn.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toBeInstanceOf(TaskTimedOut);
  });

  it('refuses a definition using JSONata, which the interpreter would silently ignore', () => {
    expect(
      () =>
        new LocalStepFunctions({
          stateMachines: [
            {
              name: 'J',
              definition: {
                StartAt: 'P',
                States: { P: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true } },
              },
            },
          ],
          invoke: async () => null,
        }),
    ).toThrow(/JSONPath only/);
  });
});
