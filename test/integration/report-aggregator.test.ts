import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStreamPoller } from '../../infra/local/streams.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { timelineEvent } from '../../shared/model/events.js';
import { aggregate } from '../../shared/reports/aggregate.js';
import { complaintCounters } from '../../shared/reports/counters.js';
import { DynamoCounterStore, REPORT_DAY_PREFIX } from '../../shared/reports/dynamo-counters.js';
import { figures } from '../../shared/reports/report.js';
import type { StreamRecord } from '../../shared/reports/stream-records.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

const ZONE = 'Asia/Shanghai';

describe('the report aggregator against DynamoDB Local and its stream', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let dir: string;
  let batch: StreamRecord[];

  beforeAll(async () => {
    table = await freshTable('reports');
    dir = mkdtempSync(join(tmpdir(), 'closeloop-reports-'));
    const store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName });
    const c = aComplaint({ receivedAt: '2026-11-20T02:00:00.000Z' });
    await store.createComplaint(
      c,
      [timelineEvent(c.id, 'received', new Date(c.receivedAt), 'customer', { channel: 'web' })],
      [],
      new Date(c.receivedAt),
    );
    const assignedAt = new Date('2026-11-20T05:00:00.000Z');
    await store.updateComplaint(
      c.id,
      1,
      { ownerId: 'agent.li', assignedAt: assignedAt.toISOString(), status: 'assigned' },
      [timelineEvent(c.id, 'assigned', assignedAt, 'agent.li', { ownerId: 'agent.li', previousOwnerId: null })],
    );
    await store.appendEvents([
      timelineEvent(c.id, 'sla_breached', new Date('2026-11-20T04:00:00.000Z'), 'workflow', {
        step: 'await_owner',
        deadline: c.deadlines.assign,
        level: 1,
        role: 'supervisor',
        notified: ['supervisor.wang'],
        newDeadline: '2026-11-20T06:00:00.000Z',
      }),
    ]);
    batch = await readStream(join(dir, 'position.json'));
  });
  afterAll(async () => {
    await table?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function readStream(checkpointFile: string): Promise<StreamRecord[]> {
    const records: StreamRecord[] = [];
    const poller = await startStreamPoller({
      endpoint: table.endpoint,
      tableName: table.tableName,
      checkpointFile,
      deliver: async (event) => {
        records.push(...(event.Records as StreamRecord[]));
        return { batchItemFailures: [] };
      },
    });
    await poller.drained();
    await poller.stop();
    return records;
  }

  async function countersOn(day: string) {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${REPORT_DAY_PREFIX}${day}` },
        ConsistentRead: true,
      }),
    );
    return out.Items ?? [];
  }

  const deps = () => ({
    counters: new DynamoCounterStore({ doc: table.doc, tableName: table.tableName }),
    timezone: ZONE,
    nowEpochSeconds: () => 1_800_000_000,
  });

  it('reads the complaint, its change and its events from the stream, in the order they were written', () => {
    const ofTheComplaint = batch.filter((r) => r.dynamodb?.NewImage?.pk?.S?.startsWith('COMPLAINT#'));
    expect(ofTheComplaint.map((r) => `${r.eventName} ${r.dynamodb?.NewImage?.sk?.S?.split('#')[0]}`)).toEqual([
      'INSERT META',
      'INSERT EVENT',
      'MODIFY META',
      'INSERT EVENT',
      'INSERT EVENT',
    ]);
  });

  it('applies a batch once, and a replay of the same batch changes no counter', async () => {
    const first = await aggregate(batch, deps());
    expect(first).toMatchObject({ applied: 3, replayed: 0 });
    const counted = await countersOn('2026-11-20');
    const figures = {
      received: 1,
      received_category_service: 1,
      received_channel_web: 1,
      received_grade_P3: 1,
      receivedH10: 1,
      assignLate: 1,
      breach_await_owner_1: 1,
    };
    // The department's item, and the whole organisation's with the same sums, written together.
    expect(counted).toEqual([
      expect.objectContaining({ sk: '*', ...figures }),
      expect.objectContaining({ sk: 'customer_service', ...figures }),
    ]);
    const [organisation, department] = counted;
    const replay = await aggregate(batch, deps());
    expect(replay).toMatchObject({ applied: 0, replayed: 3 });
    expect(await countersOn('2026-11-20')).toEqual(counted);
    // A report reads one item a day: the whole organisation's, or one department's.
    const reader = deps().counters;
    expect(await reader.counterItems(['2026-11-19', '2026-11-20'])).toEqual([organisation]);
    expect(await reader.counterItems(['2026-11-20'], 'customer_service')).toEqual([department]);
    expect(await reader.counterItems(['2026-11-20'], 'finance')).toEqual([]);
  });

  it('keeps one counter item per day and department, and one for the organisation, however many categories, channels and grades came in, and the report still splits them', async () => {
    const counters = deps().counters;
    const kinds = [
      { category: 'billing', channel: 'web', grade: 'P3' },
      { category: 'logistics', channel: 'email', grade: 'P2' },
      { category: 'billing', channel: 'phone', grade: 'P1' },
    ] as const;
    for (const [i, kind] of kinds.entries()) {
      const c = aComplaint({ ...kind, department: 'finance', receivedAt: '2026-11-21T03:00:00.000Z' });
      const applied = await counters.applyOnce(`split-${i}`, complaintCounters(undefined, c, ZONE), 1_800_000_000);
      expect(applied).toBe(true);
    }
    expect((await countersOn('2026-11-21')).map((item) => item.sk)).toEqual(['*', 'finance']);
    const items = await counters.counterItems(['2026-11-21']);
    expect(items.map((item) => item.sk)).toEqual(['*']);
    expect(await counters.counterItems(['2026-11-21'], 'finance')).toEqual([{ ...items[0], sk: 'finance' }]);
    const report = figures('2026-W47', items);
    expect(report.received).toBe(3);
    expect(report.receivedByChannel).toEqual({ web: 1, email: 1, phone: 1 });
    expect(report.gradeMix).toEqual({ P1: 1, P2: 1, P3: 1 });
    expect(report.topCategories).toEqual([
      { category: 'billing', count: 2, share: 2 / 3 },
      { category: 'logistics', count: 1, share: 1 / 3 },
    ]);
  });

  it('goes on from where it stopped after a restart: a second reader with the same position file gets only what was written since', async () => {
    const seen = new Set(batch.map((r) => r.eventID));
    const since = await readStream(join(dir, 'position.json'));
    expect(since.filter((r) => seen.has(r.eventID))).toEqual([]);
    // What was written since: the counters and the markers of the batch applied above.
    expect(new Set(since.map((r) => r.dynamodb?.Keys?.pk?.S?.split('#')[0]))).toEqual(new Set(['REPORT']));
  });
});
