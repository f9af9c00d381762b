import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { traced } from '../../tracing.js';

/**
 * One document client per cold start, reused across invocations (connection reuse is most of
 * DynamoDB's latency in Lambda). Region, credentials and endpoint come from the SDK's own
 * environment (AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB locally), so the code is the same on AWS.
 * The SDK's standard retry strategy already backs off on throttling.
 */
let cached: DynamoDBDocumentClient | undefined;

export function getDocumentClient(): DynamoDBDocumentClient {
  cached ??= DynamoDBDocumentClient.from(traced(new DynamoDBClient({})), {
    // Optional model fields arrive as `undefined`; DynamoDB rejects those rather than skipping them.
    marshallOptions: { removeUndefinedValues: true },
  });
  return cached;
}
