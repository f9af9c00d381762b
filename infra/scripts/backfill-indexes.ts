/**
 * Brings the stored complaints up to today's index layout (shared/adapters/dynamo/keys.ts
 * `INDEX_LAYOUT_VERSION`): each complaint whose index attributes differ from what the code writes
 * today gets them rewritten (the phone index, the unassigned queue in the owner index), nothing
 * else of it changes, and a complaint changed meanwhile is left to the write that changed it.
 * Idempotent: run it again and it rewrites nothing. Reads by status, never a Scan. Run it right
 * after the deploy that adds the phone index (until then unassigned queues miss older complaints):
 *
 *   TABLE_NAME=<table> npm run backfill-indexes
 *
 * It uses the ordinary AWS credential chain (or AWS_ENDPOINT_URL_DYNAMODB for DynamoDB Local; the
 * local runtime does this itself when it starts on a table kept from an earlier version).
 */
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { reindexComplaints } from '../../shared/adapters/dynamo/reindex.js';
import { readConfig, TableConfig } from '../../shared/config.js';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { TABLE_NAME } = readConfig(TableConfig);
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
  const rewritten = await reindexComplaints(doc, TABLE_NAME);
  console.log(`rewrote the index attributes of ${rewritten.length} complaint(s); the table is on today's layout`);
}
