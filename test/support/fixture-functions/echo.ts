import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** Answers with what it received, so tests can check the event and context the local runtime builds. */
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
  }),
});
