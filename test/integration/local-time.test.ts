import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { modelFromApp } from '../../infra/local/cdk-model.js';
import { type LocalRuntime, startLocalRuntime } from '../../infra/local/runtime.js';
import { LocalStepFunctions } from '../../infra/local/stepfunctions.js';
import { workflowClockStart } from '../../infra/local/workflow-time.js';
import { scaledClock } from '../../shared/clock.js';
import { buildFixtureApp } from '../support/fixture-app.js';

const HOUR_MS = 3600 * 1000;
const BEFORE_NATIONAL_DAY = new Date('2026-09-30T08:00:00Z');

describe('where a run starts its workflow clock', () => {
  const realNow = Date.parse('2026-11-22T10:00:00Z');

  it('starts at the requested instant', () => {
    const start = workflowClockStart({ realNow, timeScale: 3600, clockStart: BEFORE_NATIONAL_DAY });
    expect(start).toEqual({ at: BEFORE_NATIONAL_DAY.getTime(), origin: 'given' });
  });

  it('never starts before the time the previous run reached', () => {
    const saved = new Date('2026-10-02T00:00:00Z');
    expect(workflowClockStart({ realNow, timeScale: 3600, clockStart: BEFORE_NATIONAL_DAY, saved })).toEqual({
      at: saved.getTime(),
      origin: 'resumed',
    });
    const ahead = new Date(realNow + 5 * HOUR_MS);
    expect(workflowClockStart({ realNow, timeScale: 1, saved: ahead }).at).toBe(ahead.getTime());
  });

  it('at real speed, catches up with real time that passed while stopped', () => {
    const saved = new Date(realNow - 48 * HOUR_MS);
    expect(workflowClockStart({ realNow, timeScale: 1, saved })).toEqual({ at: realNow, origin: 'now' });
  });

  it('at a scaled speed, resumes from the saved time rather than jumping to real now', () => {
    const saved = new Date('2026-10-02T00:00:00Z');
    expect(workflowClockStart({ realNow, timeScale: 3600, saved })).toEqual({ at: saved.getTime(), origin: 'resumed' });
  });
});

describe('a Wait until a timestamp on the local Step Functions', () => {
  it('waits until that instant of workflow time, not of real time', async () => {
    const clock = scaledClock({
      scale: 3600,
      anchorRealMs: Date.now(),
      anchorVirtualMs: BEFORE_NATIONAL_DAY.getTime(),
    });
    const sfn = new LocalStepFunctions({
      stateMachines: [
        {
          name: 'UntilNine',
          definition: { StartAt: 'Until', States: { Until: { Type: 'Wait', TimestampPath: '$.at', End: true } } },
        },
      ],
      invoke: async () => ({}),
      timeScale: 3600,
      clock,
    });
    try {
      const at = '2026-09-30T09:00:00Z';
      const { executionArn } = await sfn.startExecution({
        stateMachineArn: sfn.stateMachineArns[0],
        input: JSON.stringify({ at }),
      });
      while (sfn.describeExecution({ executionArn }).status === 'RUNNING') await new Promise((r) => setTimeout(r, 20));
      expect(sfn.describeExecution({ executionArn }).status).toBe('SUCCEEDED');
      expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse(at));
    } finally {
      await sfn.close();
    }
  });
});

describe('a task that runs a function, at a scaled speed', () => {
  it('keeps its timeout in real seconds: the function takes as long as it takes', async () => {
    const sfn = new LocalStepFunctions({
      stateMachines: [
        {
          name: 'Slow',
          definition: {
            StartAt: 'Work',
            States: {
              Work: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:slow', Payload: {} },
                TimeoutSeconds: 5,
                End: true,
              },
            },
          },
        },
      ],
      invoke: () => new Promise((resolve) => setTimeout(() => resolve({ done: true }), 100)),
      timeScale: 3600,
    });
    try {
      const { executionArn } = await sfn.startExecution({ stateMachineArn: sfn.stateMachineArns[0], input: '{}' });
      while (sfn.describeExecution({ executionArn }).status === 'RUNNING') await new Promise((r) => setTimeout(r, 20));
      expect(sfn.describeExecution({ executionArn })).toMatchObject({ status: 'SUCCEEDED' });
    } finally {
      await sfn.close();
    }
  });
});

describe('the local runtime with workflow time x3600 from the eve of National Day', () => {
  let runtime: LocalRuntime;

  beforeAll(async () => {
    runtime = await startLocalRuntime({
      model: modelFromApp(buildFixtureApp),
      dynamodbEndpoint: inject('dynamodbEndpoint'),
      tableName: `local-time-${randomUUID().slice(0, 8)}`,
      timeScale: 3600,
      clockStart: BEFORE_NATIONAL_DAY,
      quiet: true,
    });
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  it('starts its clock at the requested instant', () => {
    const now = runtime.clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(BEFORE_NATIONAL_DAY.getTime());
    expect(now).toBeLessThan(BEFORE_NATIONAL_DAY.getTime() + 24 * HOUR_MS);
  });

  it('gives the handlers the same workflow time as its own clock', async () => {
    const before = runtime.clock.now().getTime();
    const { workflowNow } = (await (await fetch(`${runtime.apiUrl}/things/1`)).json()) as { workflowNow: string };
    const after = runtime.clock.now().getTime();
    expect(Date.parse(workflowNow)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(workflowNow)).toBeLessThanOrEqual(after);
  });

  it('times out a parked task after an hour of workflow time (TimeoutSecondsPath 3600) and counts its transitions', async () => {
    const before = runtime.clock.now().getTime();
    const { executionArn } = await runtime.sfn.startExecution(`unanswered-${randomUUID().slice(0, 8)}`, {
      path: '/x',
      pauseSeconds: 0,
      answerNow: false,
      timeoutSeconds: 3600,
    });
    while (runtime.sfn.describeExecution(executionArn).status === 'RUNNING') {
      await new Promise((r) => setTimeout(r, 20));
    }
    const elapsed = runtime.clock.now().getTime() - before;
    const done = runtime.sfn.describeExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).answer).toEqual({ value: 'timed out' });
    expect(elapsed).toBeGreaterThanOrEqual(HOUR_MS);
    expect(elapsed).toBeLessThan(12 * HOUR_MS);

    const entered = (await runtime.sfn.executionHistory(executionArn))
      .filter((e) => e.type.endsWith('StateEntered'))
      .map((e) => `${e.type}:${(e.stateEnteredEventDetails as { name: string }).name}`);
    expect(entered).toEqual([
      'ChoiceStateEntered:Complaint or probe?',
      'TaskStateEntered:Echo input',
      'WaitStateEntered:Pause',
      'TaskStateEntered:Wait for answer',
      'PassStateEntered:No answer in time',
    ]);
    expect(await runtime.sfn.transitionCount(executionArn)).toBe(5);
  });
});
