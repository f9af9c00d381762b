import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray for the AWS SDK clients: every DynamoDB, Step Functions, SES and Secrets Manager call
 * becomes a subsegment of the function's trace. Outside Lambda (tests, the local runtime) the
 * tracer turns itself off and returns each client untouched. Kept apart from observability.ts so
 * that a function without SDK clients (the form page) does not carry the X-Ray SDK.
 */
const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'closeloop' });

export function traced<T>(client: T): T {
  return tracer.captureAWSv3Client(client);
}
