import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';

/**
 * A parked step's handler: it receives the task token and, when asked to, completes the task itself
 * through the real SDK client (the way a staff action wakes a waiting execution).
 */
export const handler = async (event: { taskToken: string; answerNow?: boolean; step?: string }) => {
  if (event.answerNow) {
    const sfn = new SFNClient({});
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: event.taskToken, output: JSON.stringify({ answeredBy: 'handler' }) }),
    );
    sfn.destroy();
  }
  return { parked: event.step ?? 'unnamed' };
};
