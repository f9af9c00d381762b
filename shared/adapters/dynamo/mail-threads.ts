import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { MailThreads } from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import type { ItemKey } from './keys.js';

/**
 * The id SES gives a mail, reduced to what identifies it: a client may quote it as `<id@domain>`,
 * and the domain differs by region (eu-west-1.amazonses.com, email.amazonses.com), so only the
 * part before '@' is kept, lower-cased because SES ids are lower-case hex and a mail system may fold case.
 */
export function messageIdKeyPart(messageId: string): string {
  return (messageId.trim().replace(/^<|>$/g, '').split('@')[0] ?? '').toLowerCase();
}

const threadKey = (complaintId: string): ItemKey => ({ pk: `COMPLAINT#${complaintId}`, sk: 'MAILTHREAD' });

const messageIdLookupKey = (messageId: string): ItemKey => ({
  pk: `MESSAGEID#${messageIdKeyPart(messageId)}`,
  sk: 'MESSAGEID',
});

interface SentMail {
  messageId: string;
  at: string;
}

/**
 * The message ids SES returned for a complaint's mails, in two items written together:
 * COMPLAINT#<id> / MAILTHREAD (the list, appended to, for In-Reply-To and References) and
 * MESSAGEID#<id> / MESSAGEID (a reply's In-Reply-To back to its complaint). Both reads are one
 * GetItem, so a function that mails needs only the Get/Put/Update it already has: no Query.
 */
export class DynamoMailThreads implements MailThreads {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async recordSent(complaintId: string, messageId: string, at: string): Promise<void> {
    const TableName = this.opts.tableName;
    const sent: SentMail = { messageId, at };
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName,
              Key: threadKey(complaintId),
              UpdateExpression: 'SET #sent = list_append(if_not_exists(#sent, :none), :sent)',
              ExpressionAttributeNames: { '#sent': 'sent' },
              ExpressionAttributeValues: { ':sent': [sent], ':none': [] },
            },
          },
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
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.opts.tableName,
        Key: threadKey(complaintId),
        ProjectionExpression: '#sent',
        ExpressionAttributeNames: { '#sent': 'sent' },
        ConsistentRead: true,
      }),
    );
    const sent = (out.Item?.sent ?? []) as SentMail[];
    // Appended as each mail went out; sorted by time all the same, for two mails sent at once.
    return [...sent].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)).map((m) => m.messageId);
  }
}
