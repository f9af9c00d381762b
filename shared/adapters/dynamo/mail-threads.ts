import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MailThreads } from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import type { ItemKey } from './keys.js';

const SENT_SORT_PREFIX = 'MAIL#';

/**
 * The id SES gives a mail, reduced to what identifies it: a client may quote it as `<id@domain>`,
 * and the domain differs by region (eu-west-1.amazonses.com, email.amazonses.com), so only the
 * part before '@' is kept, lower-cased because SES ids are lower-case hex and a mail system may fold case.
 */
export function messageIdKeyPart(messageId: string): string {
  return (messageId.trim().replace(/^<|>$/g, '').split('@')[0] ?? '').toLowerCase();
}

// Sorted by when it was sent, so a complaint's ids come back oldest first in one Query.
const sentMailKey = (complaintId: string, at: string, messageId: string): ItemKey => ({
  pk: `COMPLAINT#${complaintId}`,
  sk: `${SENT_SORT_PREFIX}${at}#${messageIdKeyPart(messageId)}`,
});

const messageIdLookupKey = (messageId: string): ItemKey => ({
  pk: `MESSAGEID#${messageIdKeyPart(messageId)}`,
  sk: 'MESSAGEID',
});

/**
 * The message ids SES returned for a complaint's mails. Two items per sent mail, written together:
 * COMPLAINT#<id> / MAIL#<at>#<id> (the thread, for In-Reply-To and References) and
 * MESSAGEID#<id> / MESSAGEID (a reply's In-Reply-To back to its complaint), so both reads are a
 * key lookup or one Query, never a Scan or a new index.
 */
export class DynamoMailThreads implements MailThreads {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async recordSent(complaintId: string, messageId: string, at: string): Promise<void> {
    const TableName = this.opts.tableName;
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { ...sentMailKey(complaintId, at, messageId), complaintId, messageId, at } } },
          { Put: { TableName, Item: { ...messageIdLookupKey(messageId), complaintId, messageId, at } } },
        ],
      }),
    );
  }

  async complaintForMessageId(messageId: string): Promise<string | undefined> {
    if (!messageIdKeyPart(messageId)) return undefined;
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.opts.tableName,
        Key: messageIdLookupKey(messageId),
        ProjectionExpression: 'complaintId',
      }),
    );
    const found = out.Item?.complaintId;
    return typeof found === 'string' ? found : undefined;
  }

  async sentMessageIds(complaintId: string): Promise<string[]> {
    const ids: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.opts.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `COMPLAINT#${complaintId}`, ':prefix': SENT_SORT_PREFIX },
          ProjectionExpression: 'messageId',
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of out.Items ?? []) if (typeof item.messageId === 'string') ids.push(item.messageId);
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return ids;
  }
}
