import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDEX_LIST } from '../../shared/adapters/dynamo/table-design.js';
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
});
