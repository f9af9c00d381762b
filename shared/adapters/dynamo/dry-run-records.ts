import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DryRunRecord, DryRunRecords } from '../../usecases/policy-dry-run.js';
import { getDocumentClient } from './client.js';
import { TTL_ATTRIBUTE } from './table-design.js';

/** `DRYRUN#<id> / DRYRUN`: a console dry run between the post that made it and the page that shows it (TTL). */
const dryRunKey = (id: string) => ({ pk: `DRYRUN#${id}`, sk: 'DRYRUN' });

export class DynamoDryRunRecords implements DryRunRecords {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async save(record: DryRunRecord): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.opts.tableName,
        Item: { ...dryRunKey(record.id), record, [TTL_ATTRIBUTE]: record.expiresAt },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string, staffId: string, now: Date): Promise<DryRunRecord | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.opts.tableName, Key: dryRunKey(id) }));
    const record = out.Item?.record as DryRunRecord | undefined;
    // TTL deletes within days, not at the second: an expired record is read as gone.
    if (!record || record.staffId !== staffId || record.expiresAt * 1000 <= now.getTime()) return undefined;
    return record;
  }
}
