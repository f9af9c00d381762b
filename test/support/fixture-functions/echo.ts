import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { workflowClock } from '../../../shared/clock.js';

/** Answers with what it received and the workflow time it sees, so tests can check what the local runtime gives a handler. */
export const handler = async (event: APIGatewayProxyEventV2, context: Context) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json', 'x-fixture': 'echo' },
  cookies: ['seen=1; Path=/'],
  body: JSON.stringify({
    event,
    functionName: context.functionName,
    remainingMs: context.getRemainingTimeInMillis(),
    tableName: process.env.TABLE_NAME,
    greeting: process.env.GREETING,
    workflowNow: workflowClock.now().toISOString(),
  }),
});
