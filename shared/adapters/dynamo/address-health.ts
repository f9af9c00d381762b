import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AddressHealth } from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import type { ItemKey } from './keys.js';

// Lower-cased: a bounce report and the form may spell the same mailbox with different case.
const addressKey = (address: string): ItemKey => ({ pk: `ADDRESS#${address.trim().toLowerCase()}`, sk: 'HEALTH' });

/**
 * ADDRESS#<address> / HEALTH: an address that bounced or complained. The first time it was marked
 * stays; the latest reason overwrites the earlier one, so staff see why mail stopped now.
 */
export class DynamoAddressHealth implements AddressHealth {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async markUnreachable(
    address: string,
    reason: { kind: 'bounce' | 'complaint'; detail: string; at: string },
  ): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.opts.tableName,
        Key: addressKey(address),
        UpdateExpression:
          'SET #address = :address, #kind = :kind, #detail = :detail, #at = :at, #since = if_not_exists(#since, :at) ADD #count :one',
        ExpressionAttributeNames: {
          '#address': 'address',
          '#kind': 'kind',
          '#detail': 'detail',
          '#at': 'at',
          '#since': 'unreachableSince',
          '#count': 'reports',
        },
        ExpressionAttributeValues: {
          ':address': address.trim().toLowerCase(),
          ':kind': reason.kind,
          ':detail': reason.detail,
          ':at': reason.at,
          ':one': 1,
        },
      }),
    );
  }

  async isUnreachable(address: string): Promise<boolean> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.opts.tableName,
        Key: addressKey(address),
        ConsistentRead: true,
        ProjectionExpression: 'pk',
      }),
    );
    return out.Item !== undefined;
  }
}
