import type { TestProject } from 'vitest/node';
import { type LocalDynamoDb, startDynamoDbLocal } from '../../infra/local/dynamodb.js';

/**
 * One in-memory DynamoDB Local for the whole run; each test file makes its own table
 * (test/support/dynamo.ts), so files never see each other's data.
 */
let dynamo: LocalDynamoDb | undefined;

export async function setup(project: TestProject): Promise<void> {
  dynamo = await startDynamoDbLocal();
  project.provide('dynamodbEndpoint', dynamo.endpoint);
}

export async function teardown(): Promise<void> {
  await dynamo?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
