import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';

/** A fresh table on the run's DynamoDB Local, named for the test file. */
export async function freshTable(prefix = 'test'): Promise<{
  tableName: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  endpoint: string;
  drop(): Promise<void>;
}> {
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
