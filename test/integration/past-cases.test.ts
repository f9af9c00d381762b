import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { INDEXES } from '../../shared/adapters/dynamo/table-design.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { pastCases } from '../../shared/usecases/past-cases.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

/** Past cases (issue 11) on DynamoDB Local: one query on the sparse past-cases index. */
describe('past cases of a model and category', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  const now = new Date('2026-11-30T02:00:00Z');
  beforeAll(async () => {
    table = await freshTable('past-cases');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock: { now: () => now } });
  });
  afterAll(() => table.drop());

  /** A complaint about a KT-17's quality, resolved on the given day of November (none: still open). */
  const kettle = (day: number | undefined, overrides: Partial<Complaint> = {}): Complaint =>
    aComplaint({
      category: 'product_quality',
      department: 'quality',
      product: { model: 'KT-17' },
      ...(day === undefined
        ? { status: 'in_progress' }
        : {
            status: 'awaiting_survey',
            resolvedAt: `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`,
            resolutionSummary: `Replaced on day ${day}`,
            solution: {
              summary: `New kettle, day ${day}`,
              remedy: 'replacement',
              amount: day,
              proposedAt: '2026-11-01T00:00:00.000Z',
              proposedBy: 'agent.chen',
              approval: 'not_required',
            },
          }),
      ...overrides,
    });

  it('lists the resolved complaints of the same model and category, latest first, at most five, without the complaint itself', async () => {
    const resolved = [3, 9, 1, 12, 7, 5, 10].map((day) => kettle(day));
    const current = kettle(11, { product: { model: ' kt-17 ' } });
    const others = [
      kettle(undefined),
      kettle(20, { category: 'service' }),
      kettle(21, { product: { model: 'KT-18' } }),
      kettle(22, { product: undefined }),
    ];
    for (const c of [...resolved, current, ...others]) await store.createComplaint(c, [], [], now);

    const found = await pastCases(store, current);
    expect(found.map((p) => p.resolvedAt.slice(8, 10))).toEqual(['12', '10', '09', '07', '05']);
    expect(found[0]).toEqual({
      id: resolved[3]!.id,
      ticketNumber: resolved[3]!.ticketNumber,
      grade: 'P3',
      resolvedAt: '2026-11-12T08:00:00.000Z',
      remedy: 'replacement',
      amount: 12,
      solution: 'New kettle, day 12',
      done: 'Replaced on day 12',
    });
    // An open complaint of the model sees the one above too, its model typed another way.
    const fromOpen = await pastCases(store, others[0]!);
    expect(fromOpen.slice(0, 2).map((p) => p.id)).toEqual([resolved[3]!.id, current.id]);
  });

  it('keeps only resolved complaints with a model in the index, and drops one that is reopened', async () => {
    const reopened = kettle(25, { product: { model: 'KT-99' } });
    await store.createComplaint(reopened, [], [], now);
    const index = INDEXES.byPastCase;
    const inIndex = async () =>
      (
        await table.doc.send(
          new QueryCommand({
            TableName: table.tableName,
            IndexName: index.indexName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey },
            ExpressionAttributeValues: { ':pk': 'PAST#product_quality#KT-99' },
          }),
        )
      ).Items ?? [];
    expect(await inIndex()).toHaveLength(1);
    await store.updateComplaint(reopened.id, reopened.version, { status: 'in_progress', resolvedAt: undefined }, []);
    expect(await inIndex()).toEqual([]);
    expect(await pastCases(store, kettle(undefined, { product: { model: 'KT-99' } }))).toEqual([]);
  });

  it('finds none for a complaint without a model, without asking the table', async () => {
    const noModel = kettle(undefined, { product: undefined });
    const refusing = { listPastCases: () => Promise.reject(new Error('no query expected')) };
    expect(await pastCases(refusing, noModel)).toEqual([]);
  });
});
