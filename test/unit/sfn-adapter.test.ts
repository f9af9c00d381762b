import {
  ExecutionAlreadyExists,
  type SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { StepFunctionsTaskSignals, StepFunctionsWorkflow } from '../../shared/adapters/sfn/workflow.js';

const stateMachineArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Closeloop-Api-complaints';

/** Records the commands the adapter sends, and answers each with `answer`. */
function recordingClient(answer: (command: unknown) => unknown) {
  const sent: unknown[] = [];
  const client = {
    send: async (command: unknown) => {
      sent.push(command);
      return answer(command);
    },
  } as unknown as SFNClient;
  return { client, sent };
}

const input = {
  complaintId: '6f1c1d3e-8a55-4f8e-9a43-3f7c0e6c2b11',
  ticketNumber: '202611-0001',
  grade: 'P2' as const,
  locale: 'en' as const,
};

describe('the Step Functions adapter', () => {
  it('wakes a parked step with nothing but its task token: the signalling port knows no state machine and cannot start one', async () => {
    const { client, sent } = recordingClient(() => ({}));
    const signals = new StepFunctionsTaskSignals({ client });
    expect(await signals.signal('token-1', { step: 'await_contact' })).toBe('delivered');
    expect((sent[0] as SendTaskSuccessCommand).input).toEqual({
      taskToken: 'token-1',
      output: JSON.stringify({ step: 'await_contact' }),
    });
    expect('start' in signals).toBe(false);
  });

  it('names the execution by the complaint, so a retried start cannot create a second one', async () => {
    const { client, sent } = recordingClient(() => ({ executionArn: 'arn:x' }));
    await new StepFunctionsWorkflow({ stateMachineArn, client }).start(input);
    const command = sent[0] as StartExecutionCommand;
    expect(command).toBeInstanceOf(StartExecutionCommand);
    expect(command.input).toEqual({ stateMachineArn, name: input.complaintId, input: JSON.stringify(input) });
  });

  it('treats an execution that already exists as started, and names its ARN', async () => {
    const { client } = recordingClient(() => {
      throw new ExecutionAlreadyExists({ message: 'exists', $metadata: {} });
    });
    await expect(new StepFunctionsWorkflow({ stateMachineArn, client }).start(input)).resolves.toEqual({
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:Closeloop-Api-complaints:${input.complaintId}`,
      alreadyStarted: true,
    });
  });

  it('delivers a plan to a waiting step, and calls a token that timed out stale rather than failing', async () => {
    const delivered = recordingClient(() => ({}));
    expect(
      await new StepFunctionsWorkflow({ stateMachineArn, client: delivered.client }).signal('tok', {
        step: 'await_contact',
      }),
    ).toBe('delivered');
    expect((delivered.sent[0] as SendTaskSuccessCommand).input).toEqual({
      taskToken: 'tok',
      output: '{"step":"await_contact"}',
    });
    const stale = recordingClient(() => {
      throw new TaskTimedOut({ message: 'timed out', $metadata: {} });
    });
    expect(await new StepFunctionsWorkflow({ stateMachineArn, client: stale.client }).signal('tok', {})).toBe('stale');
  });
});
