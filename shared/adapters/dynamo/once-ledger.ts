import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OnceLedger } from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import { onceKey } from './keys.js';
import { TTL_ATTRIBUTE } from './table-design.js';

/**
 * One conditional put per claim; the item expires by TTL once a retry can no longer happen. A
 * release marks the item given back instead of deleting it (no function may delete items).
 */
export class DynamoOnceLedger implements OnceLedger {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async claim(key: string, expiresAtEpochSeconds: number): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.opts.tableName,
          Item: { ...onceKey(key), state: 'taken', [TTL_ATTRIBUTE]: expiresAtEpochSeconds },
          ConditionExpression: 'attribute_not_exists(pk) OR #state = :released',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':released': 'released' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async release(key: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.opts.tableName,
        Key: onceKey(key),
        UpdateExpression: 'SET #state = :released',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':released': 'released' },
      }),
    );
  }
}
