import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ParkedToken, WorkflowTokenStore } from '../../ports/index.js';
import { getDocumentClient } from './client.js';

/**
 * The task token a complaint's waiting step parked with: COMPLAINT#<id> / WORKFLOW. Kept apart
 * from the complaint item so that parking never bumps the complaint's version (which would
 * make every staff edit racing a park fail its version check).
 */
export class DynamoWorkflowTokenStore implements WorkflowTokenStore {
  private readonly doc: DynamoDBDocumentClient;
  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async saveParkedToken(parked: ParkedToken): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.opts.tableName,
        Item: { pk: `COMPLAINT#${parked.complaintId}`, sk: 'WORKFLOW', ...parked },
      }),
    );
  }

  async getParkedToken(complaintId: string): Promise<ParkedToken | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.opts.tableName,
        Key: { pk: `COMPLAINT#${complaintId}`, sk: 'WORKFLOW' },
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...parked } = out.Item;
    return parked as ParkedToken;
  }
}
