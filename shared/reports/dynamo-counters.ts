import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandOutput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { complaintKey } from '../adapters/dynamo/keys.js';
import { TTL_ATTRIBUTE } from '../adapters/dynamo/table-design.js';
import type { Dimensions, Increment } from './counters.js';
import type { CounterItem } from './report.js';

/**
 * The counters live in the complaints table, in their own partitions (`REPORT#…`), so the one table
 * stays the one thing to back up and erase from, and the aggregator's role can be held to those keys
 * (IAM dynamodb:LeadingKeys). Their own writes come back on the stream and are ignored there.
 *
 *   REPORT#DAY#<YYYY-MM-DD> / <department>          one day's counters of one department (ADD)
 *   REPORT#DAY#<YYYY-MM-DD> / *                     the same day's counters of the whole organisation
 *   REPORT#APPLIED#<stream event id> / APPLIED     a record already counted (TTL)
 *
 * One item per day and department, with `received` split by category, channel and grade in its
 * attributes (counters.ts `receivedBy`), and the day's whole-organisation item written in the same
 * transaction: a month's report reads one item a day, whether the month had a thousand complaints or
 * a hundred thousand. (An item per day × department × category × channel × grade grew with the
 * volume, from 3.5k items for 1k complaints to 60k for 100k, and the report with it: 31× slower;
 * summing the departments' items at read time still read 7 items a day, 1.38× slower at 100k.)
 * The item stays a few KB: a hundred-odd counters.
 */
export const REPORT_PREFIX = 'REPORT#';
export const REPORT_DAY_PREFIX = `${REPORT_PREFIX}DAY#`;

export const counterKey = (day: string, department: string) => ({ pk: `${REPORT_DAY_PREFIX}${day}`, sk: department });
/** The sort key of a day's whole-organisation item (no department is named so). */
export const ALL_DEPARTMENTS = '*';
export const appliedKey = (recordId: string) => ({ pk: `${REPORT_PREFIX}APPLIED#${recordId}`, sk: 'APPLIED' });

/** Streams keep records 24 hours; a marker kept twice as long outlives every retry of its record. */
export const APPLIED_MARKER_SECONDS = 48 * 3600;

export interface CounterStore {
  /** Adds the increments and marks the record counted, in one transaction; false when it was counted before. */
  applyOnce(recordId: string, increments: Increment[], nowEpochSeconds: number): Promise<boolean>;
  /** The dimensions of these complaints as stored now (absent: no such complaint). */
  dimensions(complaintIds: string[]): Promise<Map<string, Dimensions>>;
}

/** What a report reads: the counter items of these days, of one department or all. */
export interface CounterReader {
  counterItems(days: string[], department?: string): Promise<CounterItem[]>;
}

export class DynamoCounterStore implements CounterStore, CounterReader {
  constructor(private readonly opts: { doc: DynamoDBDocumentClient; tableName: string }) {}

  async applyOnce(recordId: string, increments: Increment[], nowEpochSeconds: number): Promise<boolean> {
    const updates = withOrganisation(merged(increments)).map(({ day, sk, add }) => {
      const names: Record<string, string> = {};
      const values: Record<string, number> = {};
      const clauses = Object.entries(add).map(([name, by], i) => {
        names[`#c${i}`] = name;
        values[`:c${i}`] = by;
        return `#c${i} :c${i}`;
      });
      return {
        Update: {
          TableName: this.opts.tableName,
          Key: counterKey(day, sk),
          UpdateExpression: `ADD ${clauses.join(', ')}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      };
    });
    const marker = {
      Put: {
        TableName: this.opts.tableName,
        Item: { ...appliedKey(recordId), [TTL_ATTRIBUTE]: nowEpochSeconds + APPLIED_MARKER_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
    for (let attempt = 0; ; attempt++) {
      try {
        await this.opts.doc.send(new TransactWriteCommand({ TransactItems: [marker, ...updates] }));
        return true;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
        // Another shard's batch added to the same day's counter at that moment: try again shortly.
        if (reasons?.some((r) => r.Code === 'TransactionConflict') && attempt < 8) {
          await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
          continue;
        }
        throw error;
      }
    }
  }

  /** One read per day: the department's item, or the whole organisation's. */
  async counterItems(days: string[], department?: string): Promise<CounterItem[]> {
    const perDay = await Promise.all(
      days.map(async (day) => {
        const items: CounterItem[] = [];
        let start: Record<string, unknown> | undefined;
        do {
          const out: QueryCommandOutput = await this.opts.doc.send(
            new QueryCommand({
              TableName: this.opts.tableName,
              KeyConditionExpression: 'pk = :pk AND sk = :sk',
              ExpressionAttributeValues: { ':pk': `${REPORT_DAY_PREFIX}${day}`, ':sk': department ?? ALL_DEPARTMENTS },
              ExclusiveStartKey: start,
            }),
          );
          items.push(...((out.Items ?? []) as CounterItem[]));
          start = out.LastEvaluatedKey;
        } while (start);
        return items;
      }),
    );
    return perDay.flat();
  }

  async dimensions(complaintIds: string[]): Promise<Map<string, Dimensions>> {
    const found = new Map<string, Dimensions>();
    const ids = [...new Set(complaintIds)];
    for (let i = 0; i < ids.length; i += 100) {
      let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(complaintKey);
      while (keys && keys.length > 0) {
        const out: BatchGetCommandOutput = await this.opts.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [this.opts.tableName]: {
                Keys: keys,
                ConsistentRead: true,
                ProjectionExpression: 'id, department, category, channel, grade',
              },
            },
          }),
        );
        for (const item of out.Responses?.[this.opts.tableName] ?? []) {
          const { id, department, category, channel, grade } = item as Dimensions & { id: string };
          found.set(id, { department, category, channel, grade });
        }
        keys = out.UnprocessedKeys?.[this.opts.tableName]?.Keys;
      }
    }
    return found;
  }
}

/** Each day's department updates, and the same sums once more for the day's whole-organisation item. */
function withOrganisation(increments: Increment[]): { day: string; sk: string; add: Record<string, number> }[] {
  const organisation = new Map<string, Record<string, number>>();
  for (const { day, add } of increments) {
    const sums = organisation.get(day) ?? {};
    for (const [name, by] of Object.entries(add)) sums[name] = (sums[name] ?? 0) + by;
    organisation.set(day, sums);
  }
  return [
    ...increments.map(({ day, dims, add }) => ({ day, sk: dims.department, add })),
    ...[...organisation].map(([day, add]) => ({ day, sk: ALL_DEPARTMENTS, add })),
  ];
}

/** One update per counter item: a record may add to one item twice (two facts on one day). */
function merged(increments: Increment[]): Increment[] {
  const byKey = new Map<string, Increment>();
  for (const inc of increments) {
    const key = JSON.stringify(counterKey(inc.day, inc.dims.department));
    const found = byKey.get(key);
    if (!found) {
      byKey.set(key, { ...inc, add: { ...inc.add } });
      continue;
    }
    for (const [name, by] of Object.entries(inc.add)) found.add[name] = (found.add[name] ?? 0) + by;
  }
  return [...byKey.values()];
}

function cancellationReasons(error: unknown) {
  return error instanceof Error && error.name === 'TransactionCanceledException'
    ? (error as TransactionCanceledException).CancellationReasons
    : undefined;
}
