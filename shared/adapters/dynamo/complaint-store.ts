import type { AttributeValue, CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { BadRequestError, ConcurrentUpdateError, NotFoundError } from '../../errors/index.js';
import type { Complaint, Department, Grade, Status, TimelineEvent } from '../../model/complaint.js';
import {
  type Clock,
  type ComplaintStore,
  type CreateResult,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type Page,
  systemClock,
} from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import {
  complaintFromItem,
  complaintItem,
  complaintKey,
  departmentIndexValue,
  EVENT_SORT_PREFIX,
  emailIndexValue,
  eventFromItem,
  eventItem,
  INDEX_ATTRIBUTE_NAMES,
  idempotencyKey,
  indexAttributes,
  OPEN_DUE_VALUE,
  orderIndexValue,
  ownerIndexValue,
  statusIndexValue,
  ticketCounterKey,
  ticketKey,
} from './keys.js';
import { INDEXES, type IndexDesign, PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from './table-design.js';

export interface DynamoComplaintStoreOptions {
  tableName: string;
  /** Defaults to the per-cold-start client; tests pass one bound to DynamoDB Local. */
  doc?: DynamoDBDocumentClient;
  /** Stamps updatedAt when an update does not set it. */
  clock?: Clock;
}

type ListOptions = { limit?: number; cursor?: string };

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export class DynamoComplaintStore implements ComplaintStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: Clock;

  constructor(opts: DynamoComplaintStoreOptions) {
    this.doc = opts.doc ?? getDocumentClient();
    this.tableName = opts.tableName;
    this.clock = opts.clock ?? systemClock;
  }

  async nextTicketSequence(monthKey: string): Promise<number> {
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: ticketCounterKey(monthKey),
        UpdateExpression: 'ADD #sequence :one',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.sequence);
  }

  async findIdempotencyRecord(key: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: idempotencyKey(key), ConsistentRead: true }),
    );
    const item = out.Item;
    // TTL deletion lags by up to days, so expiry is checked here, not left to DynamoDB.
    if (!item || Number(item.expiresAt) < epochSeconds(now)) return undefined;
    return {
      key: String(item.key),
      complaintId: String(item.complaintId),
      requestHash: String(item.requestHash),
      expiresAt: Number(item.expiresAt),
    };
  }

  async createComplaint(
    complaint: Complaint,
    events: TimelineEvent[],
    claims: IdempotencyClaim[],
    now: Date,
  ): Promise<CreateResult> {
    const claimsStart = 2 + events.length;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: this.putNew(complaintItem(complaint)) },
            { Put: this.putNew({ ...ticketKey(complaint.ticketNumber), complaintId: complaint.id }) },
            ...events.map((event) => ({ Put: this.putNew(eventItem(event)) })),
            ...claims.map((claim) => ({
              Put: {
                TableName: this.tableName,
                Item: {
                  ...idempotencyKey(claim.key),
                  key: claim.key,
                  complaintId: complaint.id,
                  requestHash: claim.requestHash,
                  expiresAt: claim.expiresAt,
                  [TTL_ATTRIBUTE]: claim.expiresAt,
                },
                // An expired claim may still be stored (TTL lags), and may be taken over.
                ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
                ExpressionAttributeValues: { ':now': epochSeconds(now) },
                // DynamoDB Local supports this too: the live claim comes back with the failure.
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            })),
          ],
        }),
      );
      return { created: true, complaint };
    } catch (err) {
      const reasons = cancellationReasons(err);
      if (!reasons) throw err;
      const claimReasons = reasons.slice(claimsStart);
      const lostItem = claimReasons.find((r) => r.Code === 'ConditionalCheckFailed')?.Item;
      if (lostItem) return { created: false, existing: recordFromAttributes(lostItem) };
      // On AWS a racing transaction on the same claim cancels ours with TransactionConflict
      // (DynamoDB Local serialises instead); if the racer has committed, its record is the answer.
      const conflicted = claims.find((_, i) => claimReasons[i]?.Code === 'TransactionConflict');
      if (conflicted) {
        const existing = await this.findIdempotencyRecord(conflicted.key, now);
        if (existing) return { created: false, existing };
      }
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new ConcurrentUpdateError('complaint_exists');
      if (reasons[1]?.Code === 'ConditionalCheckFailed') throw new ConcurrentUpdateError('ticket_number_taken');
      throw err;
    }
  }

  async getComplaint(id: string): Promise<Complaint | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: complaintKey(id), ConsistentRead: true }),
    );
    return out.Item ? complaintFromItem(out.Item) : undefined;
  }

  async getComplaintByTicket(ticketNumber: string): Promise<Complaint | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: ticketKey(ticketNumber), ConsistentRead: true }),
    );
    return out.Item ? this.getComplaint(String(out.Item.complaintId)) : undefined;
  }

  async updateComplaint(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<Complaint, 'id' | 'version'>>,
    events: TimelineEvent[],
  ): Promise<Complaint> {
    // Index attributes depend on the whole complaint, so merge with what is stored; the
    // version condition below makes this read-modify-write safe.
    const current = await this.getComplaint(id);
    if (!current) throw new NotFoundError();
    if (current.version !== expectedVersion) throw new ConcurrentUpdateError();

    const next = { ...current } as Record<string, unknown>;
    for (const [name, value] of Object.entries(changes)) {
      // A field given as undefined is cleared (e.g. unassigning an owner).
      if (value === undefined) delete next[name];
      else next[name] = value;
    }
    next.version = expectedVersion + 1;
    next.updatedAt = changes.updatedAt ?? this.clock.now().toISOString();
    const updated = next as unknown as Complaint;

    const set = new Map<string, unknown>([
      ...Object.entries(changes).filter(([, v]) => v !== undefined),
      ...Object.entries(indexAttributes(updated)),
      ['version', updated.version],
      ['updatedAt', updated.updatedAt],
    ]);
    const remove = [
      ...Object.keys(changes).filter((name) => !set.has(name)),
      ...INDEX_ATTRIBUTE_NAMES.filter((name) => !set.has(name)),
    ];
    const names: Record<string, string> = { '#version': 'version' };
    const values: Record<string, unknown> = { ':expected': expectedVersion };
    const setClauses = [...set].map(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
    const removeClauses = remove.map((name, i) => {
      names[`#r${i}`] = name;
      return `#r${i}`;
    });

    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: complaintKey(id),
                UpdateExpression: `SET ${setClauses.join(', ')}${removeClauses.length ? ` REMOVE ${removeClauses.join(', ')}` : ''}`,
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            ...events.map((event) => ({ Put: this.putNew(eventItem(event)) })),
          ],
        }),
      );
    } catch (err) {
      const meta = cancellationReasons(err)?.[0];
      // Deleted between our read and our write: ALL_OLD comes back empty.
      if (meta?.Code === 'ConditionalCheckFailed' && !meta.Item) throw new NotFoundError();
      if (meta?.Code === 'ConditionalCheckFailed' || meta?.Code === 'TransactionConflict') {
        throw new ConcurrentUpdateError();
      }
      throw err;
    }
    return updated;
  }

  async appendEvents(events: TimelineEvent[]): Promise<void> {
    if (events.length === 0) return;
    // One transaction, so a partial timeline is never visible; the condition keeps it append-only.
    await this.doc.send(
      new TransactWriteCommand({ TransactItems: events.map((event) => ({ Put: this.putNew(eventItem(event)) })) }),
    );
  }

  async listTimeline(complaintId: string): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': complaintKey(complaintId).pk, ':prefix': EVENT_SORT_PREFIX },
          ConsistentRead: true,
          ScanIndexForward: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of out.Items ?? []) events.push(eventFromItem(item));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return events;
  }

  listByStatus(status: Status, opts: ListOptions & { grade?: Grade } = {}): Promise<Page<Complaint>> {
    return this.queryIndex(INDEXES.byStatus, statusIndexValue(status), opts, {
      sortBeginsWith: opts.grade ? `${opts.grade}#` : undefined,
    });
  }

  listByDepartment(department: Department, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryIndex(INDEXES.byDepartment, departmentIndexValue(department), opts);
  }

  listByOwner(ownerId: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryIndex(INDEXES.byOwner, ownerIndexValue(ownerId), opts);
  }

  /** Open complaints whose next deadline is strictly before the instant, soonest first. */
  listDueBefore(instant: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryIndex(INDEXES.byDeadline, OPEN_DUE_VALUE, opts, { sortBefore: instant });
  }

  listByCustomerEmail(email: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryIndex(INDEXES.byCustomerEmail, emailIndexValue(email), opts, { newestFirst: true });
  }

  listByOrderNumber(orderNumber: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryIndex(INDEXES.byOrderNumber, orderIndexValue(orderNumber), opts, { newestFirst: true });
  }

  private putNew(item: Record<string, unknown>) {
    return { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
  }

  private async queryIndex(
    index: IndexDesign,
    partitionValue: string,
    opts: ListOptions,
    range: { sortBeginsWith?: string; sortBefore?: string; newestFirst?: boolean } = {},
  ): Promise<Page<Complaint>> {
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, unknown> = { ':pk': partitionValue };
    let condition = '#pk = :pk';
    if (range.sortBeginsWith !== undefined || range.sortBefore !== undefined) {
      names['#sk'] = index.sortKey;
      condition += range.sortBeginsWith !== undefined ? ' AND begins_with(#sk, :sk)' : ' AND #sk < :sk';
      values[':sk'] = range.sortBeginsWith ?? range.sortBefore;
    }
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: index.indexName,
      KeyConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: !range.newestFirst,
      Limit: pageSize(opts.limit),
      ExclusiveStartKey: opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, index, partitionValue),
    };
    const out = await this.doc.send(new QueryCommand(input));
    return {
      items: (out.Items ?? []).map(complaintFromItem),
      nextCursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  }
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new BadRequestError('page_limit_invalid', { max: MAX_PAGE_SIZE });
  return Math.min(limit, MAX_PAGE_SIZE);
}

const encodeCursor = (key: Record<string, unknown>): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * A cursor is only ever one of our own LastEvaluatedKeys, for the same index and partition;
 * anything else is refused here instead of reaching DynamoDB as a confusing ValidationException.
 */
function decodeCursor(cursor: string, index: IndexDesign, partitionValue: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestError('cursor_invalid');
  }
  const expected = [PARTITION_KEY, SORT_KEY, index.partitionKey, index.sortKey].sort();
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.keys(key).sort().join() === expected.join() &&
    Object.values(key).every((v) => typeof v === 'string') &&
    (key as Record<string, string>)[index.partitionKey] === partitionValue;
  if (!valid) throw new BadRequestError('cursor_invalid');
  return key as Record<string, string>;
}

// By name, not instanceof: a second copy of the SDK (bundled vs. Lambda runtime) has its own classes.
function cancellationReasons(err: unknown): CancellationReason[] | undefined {
  return err instanceof Error && err.name === 'TransactionCanceledException'
    ? (err as TransactionCanceledException).CancellationReasons
    : undefined;
}

// The document client does not unmarshall items inside cancellation reasons.
function recordFromAttributes(item: Record<string, AttributeValue>): IdempotencyRecord {
  return {
    key: item.key?.S ?? '',
    complaintId: item.complaintId?.S ?? '',
    requestHash: item.requestHash?.S ?? '',
    expiresAt: Number(item.expiresAt?.N),
  };
}
