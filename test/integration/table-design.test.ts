import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../../infra/local/dynamodb.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { complaintItem, ticketKey } from '../../shared/adapters/dynamo/keys.js';
import { reindexComplaints } from '../../shared/adapters/dynamo/reindex.js';
import { INDEX_LIST, INDEXES } from '../../shared/adapters/dynamo/table-design.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

describe('the local table', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  beforeAll(async () => {
    table = await freshTable('design');
  });
  afterAll(() => table.drop());

  it('has every index the access patterns need, so no query falls back to a Scan', async () => {
    const described = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    const names = (described.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
    expect(names).toEqual(INDEX_LIST.map((i) => i.indexName).sort());
  });

  it('brings a table kept from before the phone and partner indexes up to today: the indexes, and the complaints stored in them', async () => {
    // Its own DynamoDB Local: the shared one, busy with every other integration file's tables and
    // streams, has taken over five minutes to build one index.
    const own = await startDynamoDbLocal();
    const client = new DynamoDBClient({ endpoint: own.endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    const kept = { client, doc: DynamoDBDocumentClient.from(client) };
    const tableName = 'design-kept';
    const before = INDEX_LIST.filter((i) => i !== INDEXES.byCustomerPhone && i !== INDEXES.byPartnerDepartment);
    const attributes = [...new Set(['pk', 'sk', ...before.flatMap((i) => [i.partitionKey, i.sortKey])])];
    await kept.client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: before.map((i) => ({
          IndexName: i.indexName,
          KeySchema: [
            { AttributeName: i.partitionKey, KeyType: 'HASH' },
            { AttributeName: i.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      }),
    );
    try {
      // Stored as the code before wrote it: no phone key, and an unowned complaint in no owner-index queue.
      const old = aComplaint({
        customer: { name: '王芳', phone: '138 0013 8000', tier: 'standard', locale: 'zh-CN' },
        nextDeadlineAt: '2026-11-24T01:00:00.000Z',
      });
      const { phoneKey: _p, phoneSort: _ps, ownerKey: _o, ownerSort: _os, ...legacy } = complaintItem(old);
      await kept.doc.send(new PutCommand({ TableName: tableName, Item: legacy }));
      await kept.doc.send(
        new PutCommand({ TableName: tableName, Item: { ...ticketKey(old.ticketNumber), complaintId: old.id } }),
      );

      await ensureTable(kept.client, tableName);

      const store = new DynamoComplaintStore({ tableName, doc: kept.doc });
      expect((await store.listByCustomerPhone('+86 138-0013-8000')).items.map((c) => c.id)).toEqual([old.id]);
      expect((await store.listUnassigned(old.department)).items.map((c) => c.id)).toEqual([old.id]);
      // Run again (the operator's script after the local runtime did it): nothing left to rewrite.
      expect(await reindexComplaints(kept.doc, tableName)).toEqual([]);
    } finally {
      client.destroy();
      await own.stop();
    }
    // Two index builds, a reindex and a stream, each waited for: slow on a busy shared machine, so a
    // generous guard against a hang rather than a limit on speed.
  }, 600_000);
});
