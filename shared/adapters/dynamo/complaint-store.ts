import type { AttributeValue, CancellationReason, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { BadRequestError, ConcurrentUpdateError, NotFoundError } from '../../errors/index.js';
import {
  type Category,
  type Complaint,
  type Department,
  GRADES,
  type Grade,
  type Status,
  type TimelineEvent,
} from '../../model/complaint.js';
import { normalisePhone } from '../../model/phone.js';
import { formatTicketNumber } from '../../model/ticket.js';
import {
  type Clock,
  type ComplaintMatch,
  type ComplaintStore,
  type CreateResult,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ListOptions,
  matchesComplaint,
  type Page,
  systemClock,
} from '../../ports/index.js';
import { getDocumentClient } from './client.js';
import {
  approvalIndexValue,
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
  openDueValue,
  orderIndexValue,
  ownerIndexValue,
  partnerIndexValue,
  partnerRequestItems,
  pastCaseIndexValue,
  phoneIndexValue,
  statusIndexValue,
  ticketCounterKey,
  ticketKey,
  unassignedIndexValue,
  workOrderItems,
} from './keys.js';
import { INDEXES, type IndexDesign, TTL_ATTRIBUTE } from './table-design.js';

export interface DynamoComplaintStoreOptions {
  tableName: string;
  /** Defaults to the per-cold-start client; tests pass one bound to DynamoDB Local. */
  doc?: DynamoDBDocumentClient;
  /** Stamps updatedAt when an update does not set it. */
  clock?: Clock;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

const epochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);

export class DynamoComplaintStore implements ComplaintStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly clock: Clock;
  /** The last ticket sequence this instance saw per month: a good first guess for the next. */
  private readonly lastTicketSequence = new Map<string, number>();
  /** The tail of this instance's queue of numbering transactions per month. */
  private readonly numbering = new Map<string, Promise<void>>();

  constructor(opts: DynamoComplaintStoreOptions) {
    this.doc = opts.doc ?? getDocumentClient();
    this.tableName = opts.tableName;
    this.clock = opts.clock ?? systemClock;
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
    ticketMonth?: string,
  ): Promise<CreateResult> {
    if (ticketMonth === undefined) return this.tryCreate(complaint, events, claims, now);
    // One numbering transaction at a time per instance: in Lambda that changes nothing (one
    // request per instance); in one process serving many clients it turns a herd of racers,
    // all but one cancelled each round, into a queue where each succeeds first time.
    const previous = this.numbering.get(ticketMonth) ?? Promise.resolve();
    const mine = previous.then(() => this.createNumbered(complaint, events, claims, now, ticketMonth));
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.numbering.set(ticketMonth, settled);
    void settled.then(() => {
      if (this.numbering.get(ticketMonth) === settled) this.numbering.delete(ticketMonth);
    });
    return mine;
  }

  private async createNumbered(
    complaint: Complaint,
    events: TimelineEvent[],
    claims: IdempotencyClaim[],
    now: Date,
    ticketMonth: string,
  ): Promise<CreateResult> {
    // The counter moves only inside the create transaction, on the condition that nobody moved
    // it since we looked: a retry or a conflicting reuse of a key cancels the whole transaction
    // and uses no number, so a month's numbers have no gaps. A lost race tells us the counter's
    // value (ALL_OLD) and we try the next number at once.
    let last = this.lastTicketSequence.get(ticketMonth) ?? (await this.readTicketSequence(ticketMonth));
    for (let attempt = 1; ; attempt++) {
      const numbered = { ...complaint, ticketNumber: formatTicketNumber(ticketMonth, last + 1) };
      const counter = { monthKey: ticketMonth, last };
      try {
        const result = await this.tryCreate(numbered, events, claims, now, counter);
        if (result.created) this.lastTicketSequence.set(ticketMonth, last + 1);
        return result;
      } catch (err) {
        if (!(err instanceof TicketCounterMoved) || attempt >= MAX_TICKET_ATTEMPTS) {
          throw err instanceof TicketCounterMoved ? new ConcurrentUpdateError('ticket_counter_busy') : err;
        }
        last = err.current ?? (await this.readTicketSequence(ticketMonth));
        // Only a conflict without news (AWS's TransactionConflict) waits, so racers spread out.
        if (err.current === undefined) await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  /** The highest ticket sequence used in a month; 0 before its first complaint. */
  private async readTicketSequence(monthKey: string): Promise<number> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: ticketCounterKey(monthKey), ConsistentRead: true }),
    );
    return Number(out.Item?.sequence ?? 0);
  }

  private async tryCreate(
    complaint: Complaint,
    events: TimelineEvent[],
    claims: IdempotencyClaim[],
    now: Date,
    counter?: { monthKey: string; last: number },
  ): Promise<CreateResult> {
    const counterItems = counter
      ? [
          {
            Update: {
              TableName: this.tableName,
              Key: ticketCounterKey(counter.monthKey),
              UpdateExpression: 'SET #sequence = :next',
              ConditionExpression: counter.last === 0 ? 'attribute_not_exists(#sequence)' : '#sequence = :last',
              ExpressionAttributeNames: { '#sequence': 'sequence' },
              ExpressionAttributeValues:
                counter.last === 0 ? { ':next': 1 } : { ':next': counter.last + 1, ':last': counter.last },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
            },
          },
        ]
      : [];
    const complaintAt = counterItems.length;
    const claimsStart = complaintAt + 2 + events.length;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...counterItems,
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
      // A live claim outranks everything else: this submission was already made.
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
      if (counter) {
        const moved = reasons[0];
        if (moved?.Code === 'ConditionalCheckFailed') {
          throw new TicketCounterMoved(Number(moved.Item?.sequence?.N ?? 0));
        }
        if (moved?.Code === 'TransactionConflict' || conflicted) throw new TicketCounterMoved(undefined);
        // A number already taken (a counter behind its tickets): step past it.
        if (reasons[complaintAt + 1]?.Code === 'ConditionalCheckFailed') throw new TicketCounterMoved(counter.last + 1);
      }
      if (reasons[complaintAt]?.Code === 'ConditionalCheckFailed') throw new ConcurrentUpdateError('complaint_exists');
      if (reasons[complaintAt + 1]?.Code === 'ConditionalCheckFailed') {
        throw new ConcurrentUpdateError('ticket_number_taken');
      }
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
    read?: Complaint,
  ): Promise<Complaint> {
    // Index attributes depend on the whole complaint, so merge with what is stored (or with the
    // record the caller already read at this version); the version condition below makes this
    // read-modify-write safe either way, since every write of the complaint bumps its version.
    const current = read?.id === id && read.version === expectedVersion ? read : await this.getComplaint(id);
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
            ...this.partnerIndexWrites(changes, updated),
            ...this.workOrderIndexWrites(changes, updated),
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

  listByStatus(
    status: Status,
    opts: ListOptions & { grade?: Grade; newestFirst?: boolean } = {},
  ): Promise<Page<Complaint>> {
    // The status index sorts by grade first: a grade asked for, as an option or a match, is a key condition.
    const [grade, narrowed] = gradeOutOfMatch(opts);
    const wanted = opts.grade ?? grade;
    return this.queryList(
      {
        index: INDEXES.byStatus,
        partitions: [statusIndexValue(status)],
        sortBeginsWith: wanted && `${wanted}#`,
        newestFirst: opts.newestFirst,
      },
      narrowed,
    );
  }

  listAwaitingApproval(department: Department, opts: ListOptions = {}): Promise<Page<Complaint>> {
    const [grade, narrowed] = gradeOutOfMatch(opts);
    return this.queryList(
      { index: INDEXES.byPastCase, partitions: [approvalIndexValue(department)], sortBeginsWith: grade && `${grade}#` },
      narrowed,
    );
  }

  listByDepartment(department: Department, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryList(...byGrade(INDEXES.byDepartment, (g) => departmentIndexValue(department, g), opts));
  }

  listByOwner(ownerId: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryList({ index: INDEXES.byOwner, partitions: [ownerIndexValue(ownerId)] }, opts);
  }

  listUnassigned(department: Department, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryList(...byGrade(INDEXES.byOwner, (g) => unassignedIndexValue(department, g), opts));
  }

  /** Open complaints whose next deadline is strictly before the instant, soonest first. */
  listDueBefore(instant: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    const [query, narrowed] = byGrade(INDEXES.byDeadline, openDueValue, opts);
    return this.queryList({ ...query, sortBefore: instant }, narrowed);
  }

  listByCustomerEmail(email: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.newestFirst(INDEXES.byCustomerEmail, emailIndexValue(email), opts);
  }

  listByOrderNumber(orderNumber: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.newestFirst(INDEXES.byOrderNumber, orderIndexValue(orderNumber), opts);
  }

  listPastCases(model: string, category: Category, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.newestFirst(INDEXES.byPastCase, pastCaseIndexValue(model, category), opts);
  }

  async listByCustomerPhone(phone: string, opts: ListOptions = {}): Promise<Page<Complaint>> {
    const normalised = normalisePhone(phone);
    if (normalised === undefined) return { items: [] };
    return this.newestFirst(INDEXES.byCustomerPhone, phoneIndexValue(normalised), opts);
  }

  private newestFirst(index: IndexDesign, partition: string, opts: ListOptions): Promise<Page<Complaint>> {
    return this.queryList({ index, partitions: [partition], newestFirst: true }, opts);
  }

  /** The partner-request index items a change touches (keys.ts partnerRequestItems), in the same transaction. */
  private partnerIndexWrites(changes: Partial<Complaint>, updated: Complaint) {
    if (changes.partnerRequests === undefined && changes.status !== 'closed') return [];
    return partnerRequestItems(updated).map(({ key, item }) =>
      item ? { Put: { TableName: this.tableName, Item: item } } : { Delete: { TableName: this.tableName, Key: key } },
    );
  }

  /** The work-order queue items a change touches (keys.ts workOrderItems), in the same transaction. */
  private workOrderIndexWrites(changes: Partial<Complaint>, updated: Complaint) {
    // The owner is a holder of the steps the owner does: a new owner moves them to the new owner's queue.
    if (changes.workOrders === undefined && changes.status !== 'closed' && changes.ownerId === undefined) return [];
    return workOrderItems(updated).map(({ key, item }) =>
      item ? { Put: { TableName: this.tableName, Item: item } } : { Delete: { TableName: this.tableName, Key: key } },
    );
  }

  /**
   * The work-order steps waiting for any of these queues (a member's own, their role's), soonest
   * due first, each complaint once a page.
   */
  listWorkOrderSteps(queues: string[], opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryList({ index: INDEXES.byPartnerDepartment, partitions: queues, pointers: true }, opts);
  }

  /** Complaints with an open request to the department, soonest request deadline first, each once a page. */
  listPartnerRequests(department: Department, opts: ListOptions = {}): Promise<Page<Complaint>> {
    return this.queryList(
      { index: INDEXES.byPartnerDepartment, partitions: [partnerIndexValue(department)], pointers: true },
      opts,
    );
  }

  private putNew(item: Record<string, unknown>) {
    return { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' };
  }

  /**
   * Every list: one query per partition, merged on the index's sort key, which ends in the
   * complaint's id in every index and so is a position no other complaint shares. A first share is
   * read from each partition side by side, then more only from one whose share ran out while it may
   * still hold the next complaint, so a list of four partitions reads little more than one would.
   * The cursor is the last sort key returned: the next page starts after it in every partition.
   */
  private async queryList(q: ListQuery, opts: ListOptions): Promise<Page<Complaint>> {
    const { index, newestFirst } = q;
    const limit = pageSize(opts.limit);
    const list = `${index.indexName}:${q.partitions.join('|')}`;
    const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor, list);
    // Inclusive bounds: the cursor's own complaint is skipped as read, and no sort key
    // (`…#<id>`) equals a bare instant or a prefix's end.
    const lo = latest(q.sortBeginsWith, newestFirst ? undefined : after);
    const hi = earliest(
      q.sortBeginsWith && `${q.sortBeginsWith}\uffff`,
      q.sortBefore,
      opts.dueBefore,
      newestFirst ? after : undefined,
    );
    if (lo !== undefined && hi !== undefined && lo > hi) return { items: [] };
    const range =
      lo !== undefined && hi !== undefined
        ? ' AND #sk BETWEEN :lo AND :hi'
        : lo !== undefined
          ? ' AND #sk >= :lo'
          : hi !== undefined
            ? ' AND #sk <= :hi'
            : '';
    const runs: PartitionRun[] = q.partitions.map((partition) => {
      const names: Record<string, string> = {
        '#pk': index.partitionKey,
        ...(range === '' ? {} : { '#sk': index.sortKey }),
      };
      const values = withoutUndefined({ ':pk': partition, ':lo': lo, ':hi': hi });
      return {
        input: {
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: `#pk = :pk${range}`,
          // A pointer item holds none of the complaint's facts: readMore checks its match on the complaint read.
          FilterExpression: q.pointers ? undefined : filterExpression(opts.match, names, values),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: !newestFirst,
        },
        waiting: [],
        done: false,
        evaluated: 0,
        matched: 0,
      };
    });
    const sooner = (a: string, b: string) => (newestFirst ? a > b : a < b);
    const read = (run: PartitionRun, want: number) => this.readMore(run, want, opts, index.sortKey, after, q.pointers);
    await Promise.all(runs.map((run) => read(run, runs.length === 1 ? limit : Math.ceil(limit / runs.length) + 1)));
    const page: ReadComplaint[] = [];
    const seen = new Set<string>();
    while (page.length < limit) {
      const drained = runs.filter((r) => r.waiting.length === 0 && !r.done);
      if (drained.length > 0) {
        await Promise.all(drained.map((run) => read(run, limit - page.length)));
        continue;
      }
      const next = runs
        .filter((r) => r.waiting.length > 0)
        .reduce<PartitionRun | undefined>(
          (a, b) => (a === undefined || sooner(b.waiting[0]!.sortKey, a.waiting[0]!.sortKey) ? b : a),
          undefined,
        );
      if (next === undefined) break;
      const taken = next.waiting.shift()!;
      // A pointer list names a complaint once per request or step: it is listed once.
      if (seen.has(taken.complaint.id)) continue;
      seen.add(taken.complaint.id);
      page.push(taken);
    }
    const more = page.length === limit && runs.some((r) => !r.done || r.waiting.length > 0);
    return {
      items: page.map((r) => r.complaint),
      nextCursor: more ? encodeCursor(list, page[page.length - 1]!.sortKey) : undefined,
    };
  }

  /**
   * One more request of a partition's query, for about `want` more complaints that pass `opts`
   * (the match as a FilterExpression, `where` in code); marks the run done at the partition's end.
   */
  private async readMore(
    run: PartitionRun,
    want: number,
    opts: ListOptions,
    sortKey: string,
    skip: string | undefined,
    pointers: true | undefined,
  ): Promise<void> {
    run.input.Limit = readLimit(run, want);
    const out = await this.doc.send(new QueryCommand(run.input));
    run.evaluated += out.ScannedCount ?? 0;
    run.matched += out.Count ?? 0;
    for (const item of out.Items ?? []) {
      const at = String(item[sortKey]);
      if (at === skip) continue;
      const complaint = pointers ? await this.getComplaint(String(item.complaintId)) : complaintFromItem(item);
      if (!complaint || (pointers && !matchesComplaint(complaint, opts.match))) continue;
      if (opts.where && !opts.where(complaint)) continue;
      run.waiting.push({ complaint, sortKey: at });
    }
    run.input.ExclusiveStartKey = out.LastEvaluatedKey;
    run.done = out.LastEvaluatedKey === undefined;
  }
}

/** A list as queries of the index: its partitions, and the range of their sort key it reads. */
interface ListQuery {
  index: IndexDesign;
  partitions: readonly string[];
  sortBeginsWith?: string;
  /** Strictly before: the deadline-ordered indexes' "due before" (ListOptions.dueBefore narrows it further). */
  sortBefore?: string;
  newestFirst?: boolean;
  /** The index holds items that point at a complaint (partner requests, work-order steps), not the complaint. */
  pointers?: true;
}

/**
 * A queue split into one partition per grade (keys.ts departmentIndexValue): the grade asked for
 * is a key condition that reads one partition instead of a filter; no grade reads the four.
 */
function byGrade(
  index: IndexDesign,
  partitionOf: (grade: Grade) => string,
  opts: ListOptions,
): [ListQuery, ListOptions] {
  const [grade, narrowed] = gradeOutOfMatch(opts);
  return [{ index, partitions: (grade === undefined ? GRADES : [grade]).map(partitionOf) }, narrowed];
}

/** The grade a list asks for, taken out of its match: the index answers it with its key, never a filter. */
function gradeOutOfMatch(opts: ListOptions): [Grade | undefined, ListOptions] {
  const { grade, ...match } = opts.match ?? {};
  return [grade, { ...opts, match }];
}

/** One partition's query while a page is put together (readMore). */
interface PartitionRun {
  input: QueryCommandInput;
  /** Read and passed, not yet returned, in the index's order. */
  waiting: ReadComplaint[];
  done: boolean;
  /** Items DynamoDB has looked at, and those that passed the filter: the filter's pass rate so far. */
  evaluated: number;
  matched: number;
}

type ReadComplaint = { complaint: Complaint; sortKey: string };

/**
 * With a filter, Limit counts the items DynamoDB looks at, not those that pass. The first read
 * looks at FILTERED_READ_FACTOR times what is wanted; each further one at what the pass rate seen
 * so far says will yield the rest, with a quarter to spare, so a rare match costs few round trips
 * and a common one reads little more than it returns.
 */
function readLimit(run: PartitionRun, want: number): number {
  if (run.input.FilterExpression === undefined) return want;
  if (run.evaluated === 0) return Math.min(want * FILTERED_READ_FACTOR, MAX_READ);
  const passRate = Math.max(run.matched, 1) / run.evaluated;
  return Math.min(Math.max(Math.ceil((want / passRate) * 1.25), want), MAX_READ);
}

const earliest = (...keys: (string | undefined)[]): string | undefined => keys.filter((v) => v !== undefined).sort()[0];
const latest = (...keys: (string | undefined)[]): string | undefined =>
  keys
    .filter((v) => v !== undefined)
    .sort()
    .at(-1);

const withoutUndefined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The first read of a filtered page looks at this many times the page (readLimit). */
const FILTERED_READ_FACTOR = 4;
/** DynamoDB stops a read at 1 MB anyway; this only keeps Limit a sane number. */
const MAX_READ = 10_000;

/** Each fact of a ComplaintMatch as a condition on the stored item: its attribute path, then the test. */
const MATCH_CONDITIONS: Record<keyof ComplaintMatch, (value: string) => [path: string[], test: string]> = {
  status: (v) => [['status'], `= ${v}`],
  grade: (v) => [['grade'], `= ${v}`],
  department: (v) => [['department'], `= ${v}`],
  open: () => [['status'], '<> closed'],
  escalated: () => [['escalation'], 'exists'],
  approvalPending: () => [['solution', 'approval'], '= pending'],
  legalPending: () => [['solution', 'legal', 'state'], '= pending'],
};

/**
 * A ComplaintMatch as a FilterExpression (adding its names and values), or undefined when it narrows
 * nothing. Same meaning as `matchesComplaint` in shared/ports.
 */
function filterExpression(
  match: ComplaintMatch | undefined,
  names: Record<string, string>,
  values: Record<string, unknown>,
): string | undefined {
  const clauses = Object.entries(match ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([fact, value], i) => {
      const [path, test] = MATCH_CONDITIONS[fact as keyof ComplaintMatch](String(value));
      const ref = path
        .map((name, j) => {
          names[`#f${i}_${j}`] = name;
          return `#f${i}_${j}`;
        })
        .join('.');
      if (test === 'exists') return `attribute_exists(${ref})`;
      const [op, expected] = test.split(' ');
      values[`:f${i}`] = expected;
      return `${ref} ${op} :f${i}`;
    });
  return clauses.length === 0 ? undefined : clauses.join(' AND ');
}

function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new BadRequestError('page_limit_invalid', { max: MAX_PAGE_SIZE });
  return Math.min(limit, MAX_PAGE_SIZE);
}

/** A list's cursor: which list, and the sort key of the last complaint returned. */
const encodeCursor = (list: string, after: string): string =>
  Buffer.from(JSON.stringify({ list, after })).toString('base64url');

/**
 * A cursor is only ever one of our own, for the same list; anything else is refused here instead
 * of reaching DynamoDB as a confusing ValidationException or a page of another list.
 */
function decodeCursor(cursor: string, list: string): string {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestError('cursor_invalid');
  }
  const { after, list: of } = (key ?? {}) as { after?: unknown; list?: unknown };
  if (
    typeof after !== 'string' ||
    of !== list ||
    Object.keys(key as object).length !== 2 ||
    !SORT_KEY_TEXT.test(after)
  ) {
    throw new BadRequestError('cursor_invalid');
  }
  return after;
}

/** What keys.ts writes as a sort key: instants, grades, ids, `#` and a closed complaint's `~`, never more than a few hundred characters. */
const SORT_KEY_TEXT = /^[\w:.#+~-]{1,300}$/;

// By name, not instanceof: a second copy of the SDK (bundled vs. Lambda runtime) has its own classes.
/** Enough for 16 clients numbering at once on one month with room to spare; then a 409 to retry. */
const MAX_TICKET_ATTEMPTS = 50;

/** The month's counter was not where we expected; `current` is where it is, when known. */
class TicketCounterMoved extends Error {
  constructor(readonly current: number | undefined) {
    super('ticket counter moved');
  }
}

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
