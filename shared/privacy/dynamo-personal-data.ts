import { BatchWriteCommand, DeleteCommand, type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getDocumentClient } from '../adapters/dynamo/client.js';
import { eventItem, RETAINED_DUE_VALUE } from '../adapters/dynamo/keys.js';
import { INDEXES } from '../adapters/dynamo/table-design.js';
import type { TimelineEvent } from '../model/complaint.js';
import type { PersonalDataStore } from './ports.js';

/** DynamoDB's limit for one BatchWriteItem. */
const BATCH = 25;

export class DynamoPersonalData implements PersonalDataStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async rewriteEvents(events: readonly TimelineEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += BATCH) {
      let requests: Record<string, unknown[]> | undefined = {
        [this.opts.tableName]: events.slice(i, i + BATCH).map((e) => ({ PutRequest: { Item: eventItem(e) } })),
      };
      // Unprocessed items come back under throttling: send them again until none are left.
      while (requests && Object.keys(requests).length > 0) {
        const out = await this.doc.send(new BatchWriteCommand({ RequestItems: requests as never }));
        requests = out.UnprocessedItems as Record<string, unknown[]> | undefined;
      }
    }
  }

  async forgetAddress(email: string): Promise<void> {
    // The key spelling of shared/adapters/dynamo/address-health.ts.
    await this.doc.send(
      new DeleteCommand({
        TableName: this.opts.tableName,
        Key: { pk: `ADDRESS#${email.trim().toLowerCase()}`, sk: 'HEALTH' },
      }),
    );
  }

  async listRetainedBefore(instant: string, limit: number): Promise<string[]> {
    const index = INDEXES.byDeadline;
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.opts.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk AND #sk < :before',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: { ':pk': RETAINED_DUE_VALUE, ':before': instant },
        ProjectionExpression: 'id',
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => String(item.id));
  }
}
