import type { CancellationReason } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { BadRequestError, ConcurrentUpdateError, ValidationError } from '../../errors/index.js';
import { parsePolicyDocument } from '../../policy/schema.js';
import type { Page, PolicyStore, PolicyVersion, PolicyVersionSummary } from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import { complaintKey, POLICY_PARTITION, POLICY_VERSION_PREFIX, policyPointerKey, policyVersionKey } from './keys.js';

/** A stored policy item that no longer parses: someone edited the table by hand. Never served. */
export class StoredPolicyInvalidError extends Error {
  constructor(
    readonly version: number,
    readonly fields: Record<string, unknown>,
  ) {
    super(`stored policy version ${version} fails the policy schema: ${Object.keys(fields).join(', ')}`);
    this.name = 'StoredPolicyInvalidError';
  }
}

const SUMMARY_ATTRIBUTES = ['version', 'savedAt', 'savedBy', 'reason', 'changedSections', 'preset', 'rolledBackFrom'];

/**
 * The policy as versioned items in the single table. A version is written once and never changed
 * (its document kept as JSON text, so the vocabulary's empty strings and deep rules are stored as
 * written); the pointer names the current one. A save is one transaction: the new version must not
 * exist yet and the pointer must still name the version before it, so two managers saving at once
 * cannot both win, and two cold starts seeding at once end with one version 1.
 */
export class DynamoPolicyStore implements PolicyStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(private readonly opts: { tableName: string; doc?: DynamoDBDocumentClient }) {
    this.doc = opts.doc ?? getDocumentClient();
  }

  async current(): Promise<PolicyVersion | undefined> {
    const pointer = await this.doc.send(
      new GetCommand({ TableName: this.opts.tableName, Key: policyPointerKey(), ConsistentRead: true }),
    );
    const version = pointer.Item?.version;
    return typeof version === 'number' ? this.get(version) : undefined;
  }

  async get(version: number): Promise<PolicyVersion | undefined> {
    if (!Number.isSafeInteger(version) || version < 1) return undefined;
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.opts.tableName, Key: policyVersionKey(version), ConsistentRead: true }),
    );
    return Item ? versionFromItem(Item) : undefined;
  }

  async history(limit: number, cursor?: string): Promise<Page<PolicyVersionSummary>> {
    const { Items = [], LastEvaluatedKey } = await this.doc.send(
      new QueryCommand({
        TableName: this.opts.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': POLICY_PARTITION, ':prefix': POLICY_VERSION_PREFIX },
        ExpressionAttributeNames: Object.fromEntries(SUMMARY_ATTRIBUTES.map((name) => [`#${name}`, name])),
        ProjectionExpression: SUMMARY_ATTRIBUTES.map((name) => `#${name}`).join(', '),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor === undefined ? undefined : policyVersionKey(decodeCursor(cursor)),
      }),
    );
    const items = Items.map((item) => summaryFromItem(item));
    const last = LastEvaluatedKey ? items.at(-1)?.version : undefined;
    return last === undefined ? { items } : { items, nextCursor: Buffer.from(String(last)).toString('base64url') };
  }

  async save(version: PolicyVersion): Promise<void> {
    // Checked on write as on read: nothing that would fail the next read is ever stored.
    const policy = parsePolicyDocument(version.policy);
    const { policy: _policy, ...summary } = version;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.opts.tableName,
                Item: { ...summary, ...policyVersionKey(version.version), document: JSON.stringify(policy) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.opts.tableName,
                Item: { ...policyPointerKey(), version: version.version, savedAt: version.savedAt },
                ...(version.version === 1
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : {
                      ConditionExpression: '#version = :before',
                      ExpressionAttributeNames: { '#version': 'version' },
                      ExpressionAttributeValues: { ':before': version.version - 1 },
                    }),
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isLostRace(error)) throw new ConcurrentUpdateError('policy_changed');
      throw error;
    }
  }

  /** Which policy version a complaint was taken in under (absent on complaints from before versions: 1). */
  async complaintPolicyVersion(complaintId: string): Promise<number | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.opts.tableName,
        Key: complaintKey(complaintId),
        ProjectionExpression: 'policyVersion',
      }),
    );
    return typeof Item?.policyVersion === 'number' ? Item.policyVersion : undefined;
  }
}

function versionFromItem(item: Record<string, unknown>): PolicyVersion {
  const summary = summaryFromItem(item);
  try {
    return { ...summary, policy: parsePolicyDocument(JSON.parse(String(item.document))) };
  } catch (error) {
    throw new StoredPolicyInvalidError(
      summary.version,
      error instanceof ValidationError ? error.fields : { document: { code: 'malformed_json' } },
    );
  }
}

function summaryFromItem(item: Record<string, unknown>): PolicyVersionSummary {
  const summary: PolicyVersionSummary = {
    version: Number(item.version),
    savedAt: String(item.savedAt),
    savedBy: String(item.savedBy),
    reason: String(item.reason ?? ''),
    changedSections: Array.isArray(item.changedSections) ? item.changedSections.map(String) : [],
  };
  if (typeof item.preset === 'string') summary.preset = item.preset;
  if (typeof item.rolledBackFrom === 'number') summary.rolledBackFrom = item.rolledBackFrom;
  return summary;
}

function decodeCursor(cursor: string): number {
  const version = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(version) || version < 1) throw new BadRequestError('cursor_invalid');
  return version;
}

function isLostRace(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: CancellationReason[] }).CancellationReasons ?? [];
  return reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict');
}
