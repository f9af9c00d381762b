/**
 * Puts every open complaint that waits without a deadline (the survey, the customer's answer) into
 * the by-deadline index, which the reconciler reads. Complaints stored before that index held every
 * open complaint are rewritten once with the index attributes shared/adapters/dynamo/keys.ts gives
 * them today (only those attributes change; the complaint and its version do not). Run once after
 * deploying this version:
 *
 *   TABLE_NAME=<table> npm run backfill-open-index
 *
 * It uses the ordinary AWS credential chain (or AWS_ENDPOINT_URL_DYNAMODB for the local runtime).
 */
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  complaintFromItem,
  complaintKey,
  indexAttributes,
  statusIndexValue,
} from '../../shared/adapters/dynamo/keys.js';
import { INDEXES } from '../../shared/adapters/dynamo/table-design.js';
import { readConfig, TableConfig } from '../../shared/config.js';
import type { Status } from '../../shared/model/complaint.js';

const WAITING_WITHOUT_DEADLINE: Status[] = ['awaiting_survey', 'awaiting_customer'];

export async function backfillOpenIndex(doc: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const fixed: string[] = [];
  const { partitionKey, sortKey } = INDEXES.byDeadline;
  for (const status of WAITING_WITHOUT_DEADLINE) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: INDEXES.byStatus.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': INDEXES.byStatus.partitionKey },
          ExpressionAttributeValues: { ':pk': statusIndexValue(status) },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item[partitionKey] !== undefined) continue;
        const complaint = complaintFromItem(item);
        const attrs = indexAttributes(complaint);
        if (attrs[partitionKey] === undefined) continue;
        await doc.send(
          new UpdateCommand({
            TableName: tableName,
            Key: complaintKey(complaint.id),
            // Only while the complaint is as read: a concurrent change rewrites the index itself.
            ConditionExpression: '#version = :version',
            UpdateExpression: 'SET #dueKey = :dueKey, #dueSort = :dueSort',
            ExpressionAttributeNames: { '#version': 'version', '#dueKey': partitionKey, '#dueSort': sortKey },
            ExpressionAttributeValues: {
              ':version': complaint.version,
              ':dueKey': attrs[partitionKey],
              ':dueSort': attrs[sortKey],
            },
          }),
        );
        fixed.push(complaint.id);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return fixed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { TABLE_NAME } = readConfig(TableConfig);
  const fixed = await backfillOpenIndex(DynamoDBDocumentClient.from(new DynamoDBClient({})), TABLE_NAME);
  console.log(`put ${fixed.length} open complaint(s) waiting without a deadline into the by-deadline index`);
  for (const id of fixed) console.log(`  ${id}`);
}
