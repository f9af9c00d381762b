import type { TestProject } from 'vitest/node';
import { type LocalDynamoDb, startDynamoDbLocal } from '../../infra/local/dynamodb.js';

/**
 * One in-memory DynamoDB Local for the whole run, started by the first project that needs it
 * (integration, e2e, browser: see vitest.config.ts) and stopped after the last; unit and infra
 * tests never start Java. Each test file makes its own table (test/support/dynamo.ts), so files
 * never see each other's data. Vitest loads this file once per project, so the shared instance
 * lives on globalThis, not in module state.
 */
interface Shared {
  dynamo?: Promise<LocalDynamoDb>;
  users: number;
}
const KEY = Symbol.for('closeloop.test.dynamodb');
const shared: Shared = ((globalThis as Record<symbol, unknown>)[KEY] as Shared | undefined) ?? { users: 0 };
(globalThis as Record<symbol, unknown>)[KEY] = shared;

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.users++;
  shared.dynamo ??= startDynamoDbLocal();
  project.provide('dynamodbEndpoint', (await shared.dynamo).endpoint);
  return async () => {
    if (--shared.users > 0 || !shared.dynamo) return;
    const running = shared.dynamo;
    shared.dynamo = undefined;
    await (await running).stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
