/**
 * bench/reports: does a report cost the same for a month of 1,000 complaints as for 100,000 (issue 11)?
 *
 * Synthetic lifecycles (received, assigned, contacted, solution, resolved, surveyed, closed; some
 * breached, regraded, reopened) are turned into counter increments by the aggregator's own pure code
 * (shared/reports/counters.ts), one stream record per write, and summed per counter item, so the
 * number and size of the counter items are what the aggregator would leave. They are written to a
 * fresh DynamoDB Local (in memory), then the month's report (counter reads + figures(), the whole
 * organisation and one department) is timed. Last, the aggregator's cost per 1,000 complaints is
 * worked out from the same records: transactions, their write units and the dimension reads.
 *
 *   npm run bench:reports [-- --samples 20 --sizes 1000,100000]
 */
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient as Doc, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { REPORT_BATCH_SIZE } from '../infra/constructs/report-aggregator.js';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../infra/local/dynamodb.js';
import { CATEGORIES, CHANNELS, type Complaint, DEPARTMENTS, type TimelineEvent } from '../shared/model/complaint.js';
import { complaintCounters, eventCounters, type Increment } from '../shared/reports/counters.js';
import { ALL_DEPARTMENTS, counterKey, DynamoCounterStore } from '../shared/reports/dynamo-counters.js';
import { figures, parsePeriod } from '../shared/reports/report.js';
import { PRICES } from './lib/bill.js';
import { percentile } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '20' },
    sizes: { type: 'string', default: '1000,100000' },
  },
});
const SAMPLES = Number(args.samples);
const SIZES = args.sizes!.split(',').map(Number);
const ZONE = 'Asia/Shanghai';
const MONTH = parsePeriod('monthly', '2026-11')!;
const HOUR = 3_600_000;

/** A small deterministic generator, so two runs seed the same month. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Skewed picks (a few categories and channels carry most complaints, as in any shop). */
function skewed<T>(values: readonly T[], rnd: () => number): T {
  return values[Math.min(values.length - 1, Math.floor(values.length * rnd() ** 2))]!;
}

interface Lifecycle {
  /** Each write of the complaint item: the image before (absent for the create) and after. */
  writes: { before?: Complaint; after: Complaint }[];
  /** Timeline events, one per write at least (a record each on the stream). */
  events: TimelineEvent[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function lifecycle(i: number, rnd: () => number): Lifecycle {
  const start = Date.parse(`${MONTH.days[0]}T00:00:00+08:00`);
  const received = start + Math.floor(rnd() * MONTH.days.length * 24) * HOUR + Math.floor(rnd() * HOUR);
  const grade = skewed(['P3', 'P4', 'P2', 'P1'] as const, rnd);
  const deadlines = {
    assign: iso(received + 2 * HOUR),
    firstContact: iso(received + 24 * HOUR),
    ...(grade === 'P4' ? {} : { solution: iso(received + 48 * HOUR) }),
    resolve: iso(received + 72 * HOUR),
  };
  let c = {
    id: `bench-${i}`,
    ticketNumber: `202611-${i}`,
    status: 'received',
    grade,
    category: skewed(CATEGORIES, rnd),
    department: skewed(DEPARTMENTS, rnd),
    channel: skewed(CHANNELS, rnd),
    receivedAt: iso(received),
    deadlines,
    version: 1,
    updatedAt: iso(received),
  } as unknown as Complaint;
  const writes: Lifecycle['writes'] = [{ after: c }];
  const events: TimelineEvent[] = [];
  const event = (type: string, at: number, data: object = {}) =>
    events.push({ complaintId: c.id, eventId: `${i}-${events.length}`, type, at: iso(at), actor: 'x', data } as never);
  let t = received;
  const change = (hours: number, patch: Partial<Complaint>, type: string) => {
    t += hours * HOUR;
    const before = c;
    c = { ...c, ...patch, version: c.version + 1, updatedAt: iso(t) };
    writes.push({ before, after: c });
    event(type, t);
  };
  event('received', received);
  const late = rnd() < 0.1;
  change(late ? 3 : 0.5, { status: 'assigned', assignedAt: iso(received + (late ? 3 : 0.5) * HOUR) }, 'assigned');
  if (late) event('sla_breached', received + 2 * HOUR, { step: 'await_owner', level: 1 });
  if (rnd() < 0.05) change(1, { grade: grade === 'P1' ? 'P2' : 'P1' }, 'regraded');
  change(2 + rnd() * 20, { status: 'in_progress', firstContactAt: iso(t + HOUR) }, 'contacted');
  if (c.grade !== 'P4') change(4 + rnd() * 20, { solution: { proposedAt: iso(t) } as never }, 'solution_proposed');
  change(
    2 + rnd() * 40,
    {
      status: 'resolved',
      resolvedAt: iso(t),
      stepTimes: { 'await_resolution#1': { startedAt: iso(received), endedAt: iso(t) } },
    },
    'resolved',
  );
  change(1, { status: 'awaiting_survey', surveySentAt: iso(t) }, 'survey_sent');
  if (rnd() < 0.8) {
    const score = 1 + Math.floor(rnd() * 5);
    event('survey_answered', t + 4 * HOUR, { score });
    if (score <= 2 && rnd() < 0.5) {
      change(4, { status: 'reopened', reopenCount: 1, reopenedAt: iso(t + 4 * HOUR) }, 'reopened');
      change(24, { status: 'resolved' }, 'resolved');
    }
  }
  change(72, { status: 'closed', closedAt: iso(t + 72 * HOUR) }, 'closed');
  return { writes, events };
}

/** DynamoDB's item size: attribute names plus values (numbers about one byte per two digits, plus one). */
function itemBytes(item: Record<string, unknown>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name);
    size += typeof value === 'number' ? Math.ceil(String(value).length / 2) + 1 : Buffer.byteLength(String(value));
  }
  return size;
}

interface Month {
  items: Map<string, Record<string, unknown> & { pk: string; sk: string }>;
  records: number;
  /** Records that added to a counter: one transaction each. */
  transactions: number;
  /** Counter updates in those transactions (a record may add to two days' items). */
  updates: { key: string }[];
  /** Event records whose dimensions the aggregator reads from the complaint (BatchGet). */
  dimensionReads: number;
}

function month(size: number): Month {
  const rnd = random(size);
  const out: Month = { items: new Map(), records: 0, transactions: 0, updates: [], dimensionReads: 0 };
  const apply = (increments: Increment[]) => {
    if (increments.length === 0) return;
    out.transactions += 1;
    const keys = new Set<string>();
    // As DynamoCounterStore.applyOnce: the department's item and the day's whole-organisation item.
    for (const inc of increments) {
      for (const sk of [inc.dims.department, ALL_DEPARTMENTS]) {
        const key = counterKey(inc.day, sk);
        const id = `${key.pk}|${key.sk}`;
        keys.add(id);
        const item = out.items.get(id) ?? { ...key };
        for (const [name, by] of Object.entries(inc.add)) item[name] = ((item[name] as number) ?? 0) + by;
        out.items.set(id, item);
      }
    }
    for (const key of keys) out.updates.push({ key });
  };
  for (let i = 0; i < size; i++) {
    const { writes, events } = lifecycle(i, rnd);
    for (const w of writes) {
      out.records += 1;
      apply(complaintCounters(w.before, w.after, ZONE));
    }
    const dims = writes.at(-1)!.after;
    for (const e of events) {
      out.records += 1;
      const increments = eventCounters(e, dims, ZONE);
      if (increments.length > 0) out.dimensionReads += 1;
      apply(increments);
    }
  }
  return out;
}

async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < chunks.length) {
        let pending = chunks[next++]!.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const res = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
          pending = (res.UnprocessedItems?.[tableName] ?? []) as typeof pending;
        }
      }
    }),
  );
}

/** One report: the counter reads and the figures, as the API serves it. */
async function timeReport(counters: DynamoCounterStore, department?: string) {
  const t0 = performance.now();
  const read = await counters.counterItems(MONTH.days, department);
  const report = figures(MONTH.id, read);
  const took = performance.now() - t0;
  if (report.received < 0) throw new Error('impossible');
  return { took, items: read.length };
}

async function main() {
  console.log('bench/reports: starting DynamoDB Local (in memory)…');
  const dynamo = await startDynamoDbLocal();
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const doc = Doc.from(client);
  const rows: Record<string, string | number>[] = [];
  const costs: Record<string, string | number>[] = [];
  const latency = new Map<number, number>();
  const stores: { size: number; counters: DynamoCounterStore }[] = [];
  try {
    for (const size of SIZES) {
      const t0 = performance.now();
      const m = month(size);
      const tableName = `bench-reports-${size}`;
      await ensureTable(client, tableName);
      await batchWrite(doc, tableName, [...m.items.values()]);
      console.log(
        `  ${size} complaints: ${m.records} stream records, ${m.items.size} counter items, seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      stores.push({ size, counters: new DynamoCounterStore({ doc, tableName }) });

      // The aggregator's cost: per record with increments, one transaction of the marker's Put and
      // one Update per counter item; a transactional write costs 2 WRU per KB of each item.
      const sizes = new Map([...m.items].map(([id, item]) => [id, itemBytes(item)]));
      const markerWru = 2 * 1;
      const wru =
        m.transactions * markerWru + m.updates.reduce((sum, u) => sum + 2 * Math.ceil(sizes.get(u.key)! / 1024), 0);
      // Each event record that counts reads its complaint's dimensions: a consistent BatchGet, 1 RRU per 4 KB
      // (a complaint item is assumed under 4 KB).
      const rru = m.dimensionReads;
      const invocations = Math.ceil(m.records / REPORT_BATCH_SIZE);
      const per1000 = 1000 / size;
      const dollars = wru * PRICES.writeRequestUnit + rru * PRICES.readRequestUnit + invocations * PRICES.lambdaRequest;
      costs.push({
        complaints: size,
        'records /1k': Math.round(m.records * per1000),
        'transactions /1k': Math.round(m.transactions * per1000),
        'WRU /record': (wru / m.records).toFixed(2),
        'RRU /record': (rru / m.records).toFixed(3),
        'WRU /1k': Math.round(wru * per1000),
        'RRU /1k': Math.round(rru * per1000),
        'largest item B': Math.max(...sizes.values()),
        '$ /1k complaints': (dollars * per1000).toFixed(4),
      });
    }
    // The sizes take turns, sample by sample, so a machine that gets busier during the run slows
    // both alike and their ratio stays the tables' doing, not the neighbours'.
    const scopes = [
      { report: 'month, whole organisation', department: undefined },
      { report: 'month, one department', department: 'customer_service' },
    ];
    const samples = new Map<string, { items: number; ms: number[] }>();
    for (let i = 0; i < SAMPLES + 2; i++) {
      for (const { size, counters } of stores) {
        for (const scope of scopes) {
          const { took, items } = await timeReport(counters, scope.department);
          const key = `${size}|${scope.report}`;
          const found = samples.get(key) ?? { items, ms: [] };
          if (i >= 2) found.ms.push(took); // two warm-up rounds
          samples.set(key, found);
        }
      }
    }
    for (const { size } of stores) {
      for (const scope of scopes) {
        const { items, ms } = samples.get(`${size}|${scope.report}`)!;
        ms.sort((a, b) => a - b);
        const r = { items, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
        if (!scope.department) latency.set(size, r.p50);
        rows.push({ complaints: size, report: scope.report, ...fmt(r) });
      }
    }
  } finally {
    client.destroy();
    await dynamo.stop();
  }
  console.log(`\nReport latency (counter reads + figures), ms, ${SAMPLES} samples each, sizes taking turns:`);
  console.table(rows);
  if (SIZES.length === 2) {
    const ratio = latency.get(SIZES[1]!)! / latency.get(SIZES[0]!)!;
    console.log(`p50 ratio ${SIZES[1]} / ${SIZES[0]}: ${ratio.toFixed(2)}× (target ≤ 1.2×)`);
  }
  console.log('\nAggregator cost per 1,000 complaints:');
  console.table(costs);
  console.log(
    [
      'Prices (us-east-1 list, on-demand): DynamoDB $0.625 per 1M write and $0.125 per 1M read request units;',
      `Lambda $0.20 per 1M requests, one invocation per ${REPORT_BATCH_SIZE} records (duration not included).`,
      'Write units: a transactional write costs 2 WRU per started KB of each item (marker and counter items, at their',
      'final size: an upper bound). Stream reads by the event source mapping are free. The counter items, not the',
      'complaints, are what a report reads.',
    ].join('\n'),
  );
}

const fmt = (r: { items: number; p50: number; p95: number; p99: number }) => ({
  'items read': r.items,
  p50: r.p50.toFixed(1),
  p95: r.p95.toFixed(1),
  p99: r.p99.toFixed(1),
});

await main();
