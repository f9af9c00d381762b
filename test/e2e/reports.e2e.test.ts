import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { REPORT_DAY_PREFIX } from '../../shared/reports/dynamo-counters.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';

/** Issue 11: the local runtime reads DynamoDB Local's stream and calls the same aggregator as AWS. */
describe('report counters kept by the local runtime', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  let doc: DynamoDBDocumentClient;
  beforeAll(async () => {
    // Monday 30 November 2026, 23:30 in Shanghai: the counters' day is the operator's, not UTC's.
    env = await lifecycleRuntime('reports', { clockStart: new Date('2026-11-30T15:30:00Z') });
    doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: env.runtime.dynamodbEndpoint,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      }),
    );
  });
  afterAll(async () => {
    doc?.destroy();
    await stop(env?.runtime);
  });

  const countersOn = async (day: string) =>
    (
      await doc.send(
        new QueryCommand({
          TableName: env.runtime.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `${REPORT_DAY_PREFIX}${day}` },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  it('counts a complaint submitted through the form, and its assignment, on the local day they happened', async () => {
    const { client, waitForStatus } = env;
    const submitted = await client.submit({
      customer: { email: 'counted@example.com', locale: 'zh-CN' },
      category: 'billing',
      description: '账单重复扣款两次，请退还多扣的费用。',
    });
    expect((await client.act('agent.zhou', submitted.id, 'assign')).status).toBe(200);
    await waitForStatus(submitted.id, 'assigned');
    await env.runtime.streams.drained();

    const { complaint } = await client.view('supervisor.wang', submitted.id);
    const items = await countersOn('2026-11-30');
    // The table is this file's own: its one complaint is all the day holds, in its department's item
    // and in the whole organisation's.
    const counted = {
      received: 1,
      [`received_category_${complaint.category}`]: 1,
      [`received_channel_${complaint.channel}`]: 1,
      [`received_grade_${complaint.grade}`]: 1,
      receivedH23: 1,
      assignOnTime: 1,
    };
    expect(items).toEqual([
      expect.objectContaining({ sk: '*', ...counted }),
      expect.objectContaining({ sk: complaint.department, ...counted }),
    ]);
  });
});
