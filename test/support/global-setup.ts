import type { TestProject } from 'vitest/node';
import { type LocalDynamoDb, startDynamoDbLocal } from '../../infra/local/dynamodb.js';

/**
 * One in-memory DynamoDB Local for the whole run, started by the first project that needs it
 * (integration, e2e, browser: see vitest.config.ts) and stopped after the last; unit and infra
 * tests never start Java. Each test file makes its own table (test/support/dynamo.ts), so files
 * never see each other's data.
 */
let dynamo: Promise<LocalDynamoDb> | undefined;
let users = 0;

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  users++;
  dynamo ??= startDynamoDbLocal();
  project.provide('dynamodbEndpoint', (await dynamo).endpoint);
  return async () => {
    if (--users > 0 || !dynamo) return;
    const running = dynamo;
    dynamo = undefined;
    await (await running).stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
