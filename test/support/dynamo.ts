import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { DEMO_DIRECTORY_ENV } from './staff.js';

export interface FreshTable {
  tableName: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  endpoint: string;
  drop(): Promise<void>;
}

/** A fresh table on the run's DynamoDB Local, named for the test file. */
export async function freshTable(prefix = 'test'): Promise<FreshTable> {
  const endpoint = inject('dynamodbEndpoint');
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return {
    tableName,
    client,
    doc,
    endpoint,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
      client.destroy();
    },
  };
}

/**
 * What the local runtime gives every Lambda handler (infra/local/runtime.ts), pointed at a test's own
 * table: its name, DynamoDB Local's endpoint, region and credentials, the public base URL, and the demo
 * staff as the directory (on AWS, the user pool). Set it before importing a handler: a handler reads
 * and checks its configuration once per cold start (shared/config.ts).
 */
export function lambdaEnvFor(table: { tableName: string; endpoint: string }): Record<string, string> {
  return {
    TABLE_NAME: table.tableName,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    PUBLIC_BASE_URL: 'http://localhost:3000',
    ...DEMO_DIRECTORY_ENV,
  };
}

/**
 * For a describe that calls handlers as Lambda runs them: a fresh table, and lambdaEnvFor it (with
 * `extra`) in process.env before the describe's own beforeAll (which seeds the table and imports the
 * handlers); afterwards the environment is restored and the table dropped. Call it in the describe;
 * the table's fields are there once its beforeAll has run.
 */
export function handlerTable(prefix: string, extra: Record<string, string> = {}): FreshTable {
  const table = {} as FreshTable;
  const saved = { ...process.env };
  beforeAll(async () => {
    Object.assign(table, await freshTable(prefix));
    Object.assign(process.env, lambdaEnvFor(table), extra);
  });
  afterAll(async () => {
    process.env = saved;
    await table.drop();
  });
  return table;
}

/** Nothing listens here: a call fails at once and is recorded, as the use cases do with a fault on AWS. */
export const UNREACHABLE = 'http://127.0.0.1:9';

/**
 * For handlers that mail customers and wake workflows, with neither SES nor Step Functions listening:
 * the sender, the reply domain and the link-signing key.
 */
export function unreachableMailEnv(linkSecret: string): Record<string, string> {
  return {
    MAIL_FROM: 'care@closeloop.local',
    REPLY_DOMAIN: 'reply.closeloop.localhost',
    LINK_SIGNING_SECRET: linkSecret,
    AWS_ENDPOINT_URL_SESV2: UNREACHABLE,
    AWS_ENDPOINT_URL_SFN: UNREACHABLE,
  };
}
