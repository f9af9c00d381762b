import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { STATUSES } from '../../model/complaint.js';
import {
  complaintFromItem,
  complaintKey,
  INDEX_ATTRIBUTE_NAMES,
  INDEX_LAYOUT_VERSION,
  indexAttributes,
  statusIndexValue,
} from './keys.js';
import { INDEXES } from './table-design.js';

/** Records which index layout the table's complaints were last written or rewritten with. */
const LAYOUT_MARK = { pk: 'TABLE#INDEX_LAYOUT', sk: 'INDEX_LAYOUT' };

export async function indexLayoutOf(doc: DynamoDBDocumentClient, tableName: string): Promise<number> {
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: LAYOUT_MARK, ConsistentRead: true }));
  return Number(out.Item?.version ?? 0);
}

export async function markIndexLayout(doc: DynamoDBDocumentClient, tableName: string): Promise<void> {
  await doc.send(new PutCommand({ TableName: tableName, Item: { ...LAYOUT_MARK, version: INDEX_LAYOUT_VERSION } }));
}

/**
 * Rewrites the index attributes of every complaint whose stored ones differ from what
 * shared/adapters/dynamo/keys.ts gives it today (a new index, a new key spelling), then marks the
 * table as on today's layout. Only those attributes change, never the complaint or its version, and
 * only while the complaint is as read: a concurrent change writes the new attributes itself.
 * Idempotent: a second run rewrites nothing. Reads by status (every complaint is in that index), never a Scan.
 */
export async function reindexComplaints(doc: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const rewritten: string[] = [];
  for (const status of STATUSES) {
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
        const complaint = complaintFromItem(item);
        const wanted = indexAttributes(complaint);
        const stale = INDEX_ATTRIBUTE_NAMES.filter((name) => item[name] !== wanted[name]);
        if (stale.length === 0) continue;
        const set = stale.filter((name) => wanted[name] !== undefined);
        const remove = stale.filter((name) => wanted[name] === undefined);
        const names: Record<string, string> = { '#version': 'version' };
        const values: Record<string, unknown> = { ':version': complaint.version };
        const clauses = set.map((name, i) => {
          names[`#s${i}`] = name;
          values[`:s${i}`] = wanted[name];
          return `#s${i} = :s${i}`;
        });
        const removals = remove.map((name, i) => {
          names[`#r${i}`] = name;
          return `#r${i}`;
        });
        try {
          await doc.send(
            new UpdateCommand({
              TableName: tableName,
              Key: complaintKey(complaint.id),
              ConditionExpression: '#version = :version',
              UpdateExpression: [
                clauses.length ? `SET ${clauses.join(', ')}` : '',
                removals.length ? `REMOVE ${removals.join(', ')}` : '',
              ]
                .join(' ')
                .trim(),
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            }),
          );
          rewritten.push(complaint.id);
        } catch (err) {
          // Changed since read: that write already gave it today's attributes.
          if (!(err instanceof Error && err.name === 'ConditionalCheckFailedException')) throw err;
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  await markIndexLayout(doc, tableName);
  return rewritten;
}
