/**
 * bench/console: the staff queues over a large table. Seeds complaints into a fresh DynamoDB Local
 * held in memory (spread over departments, grades, statuses, owners and deadlines; each complaint's
 * item, ticket item and first timeline event made by the store's own item mapping, so every index
 * holds what it holds in production), 25 items to a BatchWriteItem and several in flight. Then it
 * times each queue view and the ticket-number lookup through the same use cases the API calls, one
 * client at a time and several at once, and counts the DynamoDB operations each one sent (a Scan
 * fails the run). Last, the console's first load: the page and the assets it links, raw and gzipped.
 * Each figure carries the machine's load average beside it: the machines are shared.
 *
 *   npm run bench:console                              (100,000 complaints, 200 calls per view)
 *   npm run bench:console -- --count 10000 --samples 100 --clients 4
 *   npm run bench:console -- --skip-console            (no local runtime, no first-load size)
 *   npm run bench:console -- --data-dir .data/bench    (keep the seeded table: the next run with the
 *                                                       same --complaints skips the seeding; seeding on
 *                                                       disk is several times slower than in memory)
 *
 * Figures, not assertions: the machines are shared and noisy.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
} from '@aws-sdk/lib-dynamodb';
import { demoStaff } from '../infra/local/demo-staff.js';
import { ensureTable, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from '../infra/local/dynamodb.js';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { DynamoComplaintStore } from '../shared/adapters/dynamo/complaint-store.js';
import { complaintItem, eventItem, ticketCounterKey, ticketKey } from '../shared/adapters/dynamo/keys.js';
import { consoleSessionKey, newSession, SESSION_COOKIE, sealSession } from '../shared/console/session.js';
import { CATEGORIES, type Complaint, DEPARTMENTS, type Grade, type Status } from '../shared/model/complaint.js';
import { timelineEvent } from '../shared/model/events.js';
import { formatTicketNumber } from '../shared/model/ticket.js';
import type { StaffMember } from '../shared/policy/types.js';
import { viewStaffComplaint } from '../shared/usecases/staff-actions.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../shared/usecases/staff-queues.js';
import { cpuMeter } from './lib/cpu.js';
import { load, ms, type RunFigures, table } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string' },
    complaints: { type: 'string', default: '100000' },
    /** Concurrent clients for the second pass over the views (the first is one client). */
    clients: { type: 'string', default: '4' },
    samples: { type: 'string', default: '200' },
    'skip-console': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});
const COMPLAINTS = Number(args.count ?? args.complaints);
const CLIENTS = Number(args.clients);
const SAMPLES = Number(args.samples);
const TARGET_P99_MS = 50;
/** Batch writes in flight while seeding: DynamoDB Local is one JVM on a shared machine. */
const SEED_CONCURRENCY = 8;
/** 100,000 complaints are about 300,000 items and five index copies of most of them, all on the JVM's heap. */
const DYNAMODB_HEAP = '4g';
/** The 1-minute load average, as `uptime` prints it: the machine is shared, and every figure depends on it. */
const loadNow = () => loadavg()[0]!.toFixed(1);

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const now = Date.now();
const iso = (t: number) => new Date(t).toISOString();

/** A fixed sequence of pseudo-random numbers: every run seeds the same spread. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
const rnd = random(42);
function pick<T>(weighted: [T, number][]): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = rnd() * total;
  for (const [value, weight] of weighted) {
    r -= weight;
    if (r < 0) return value;
  }
  return weighted.at(-1)![0];
}

/** Most complaints of a year are closed; the open ones spread over the lifecycle. */
const STATUS_WEIGHTS: [Status, number][] = [
  ['closed', 55],
  ['received', 3],
  ['acknowledged', 6],
  ['assigned', 8],
  ['in_progress', 12],
  ['awaiting_customer', 3],
  ['solution_proposed', 5],
  ['resolved', 2],
  ['awaiting_survey', 4],
  ['reopened', 2],
];
const GRADE_WEIGHTS: [Grade, number][] = [
  ['P1', 3],
  ['P2', 12],
  ['P3', 60],
  ['P4', 25],
];
// The local runtime's demo staff: the bench's queues are theirs.
const agentsOf = (department: string) =>
  demoStaff.filter((s) => s.role === 'agent' && s.department === department).map((s) => s.id);
const ANYONE = demoStaff.filter((s) => s.role !== 'agent').map((s) => s.id);

/** One complaint as the lifecycle would have left it: owner, deadlines, escalation and solution agree with its status. */
function seededComplaint(i: number, ticketNumber: string): Complaint {
  const status = pick(STATUS_WEIGHTS);
  const grade = pick(GRADE_WEIGHTS);
  const department = DEPARTMENTS[Math.floor(rnd() * DEPARTMENTS.length)]!;
  const closed = status === 'closed';
  const receivedAt = closed ? now - (5 + rnd() * 360) * DAY : now - rnd() * 10 * DAY;
  const owned = !['received', 'acknowledged'].includes(status) || rnd() < 0.1;
  const agents = agentsOf(department);
  const ownerId = owned
    ? agents.length > 0 && rnd() < 0.9
      ? agents[i % agents.length]!
      : ANYONE[i % ANYONE.length]
    : undefined;
  // Open work is due from two days ago to ten days ahead; a complaint waiting on the survey has no deadline of its own.
  const due = now + (rnd() * 12 - 2) * DAY;
  const nextDeadlineAt = closed || status === 'awaiting_survey' ? undefined : iso(due);
  const breached = nextDeadlineAt !== undefined && due < now && rnd() < 0.6;
  return {
    id: randomUUID(),
    ticketNumber,
    status,
    grade,
    gradeReasons: [`seeded → ${grade}`],
    category: CATEGORIES[i % CATEGORIES.length]!,
    department,
    routingReasons: [`seeded → ${department}`],
    customer: {
      name: `Customer ${i}`,
      email: `customer-${i % 40_000}@example.com`,
      tier: i % 50 === 0 ? 'vip' : 'standard',
      locale: i % 2 ? 'en' : 'zh-CN',
    },
    channel: i % 3 ? 'web' : 'phone',
    description: `Seeded complaint ${i}: the appliance stopped working after a week.`,
    orderNumber: `SO-${100_000 + (i % 60_000)}`,
    receivedAt: iso(receivedAt),
    deadlines: {
      assign: iso(receivedAt + 2 * HOUR),
      firstContact: iso(receivedAt + DAY),
      solution: iso(receivedAt + 2 * DAY),
      resolve: iso(receivedAt + 3 * DAY),
    },
    ...(nextDeadlineAt ? { nextDeadlineAt } : {}),
    ...(ownerId ? { ownerId, assignedAt: iso(receivedAt + HOUR) } : {}),
    ...(breached ? { escalation: { step: 'resolve', level: 1 + (i % 3), deadline: nextDeadlineAt! } } : {}),
    ...(status === 'solution_proposed'
      ? {
          solution: {
            summary: 'Refund the order',
            remedy: 'refund' as const,
            amount: 500 + (i % 5000),
            proposedAt: iso(receivedAt + DAY),
            proposedBy: ownerId ?? 'supervisor.wang',
            approval: rnd() < 0.6 ? ('pending' as const) : ('not_required' as const),
          },
        }
      : {}),
    ...(closed ? { closedAt: iso(receivedAt + 4 * DAY), closeReason: 'survey_answered' as const } : {}),
    version: 3,
    updatedAt: iso(receivedAt + HOUR),
  };
}

/** Writes items 25 to a request, retrying what DynamoDB hands back unprocessed. */
async function batchWrite(doc: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  let pending = items.map((Item) => ({ PutRequest: { Item } }));
  while (pending.length > 0) {
    const out: BatchWriteCommandOutput = await doc.send(
      new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
    );
    pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
  }
}

async function seed(doc: DynamoDBDocumentClient, tableName: string): Promise<Complaint[]> {
  const months = new Map<string, number>();
  const complaints: Complaint[] = [];
  for (let i = 0; i < COMPLAINTS; i++) {
    const c = seededComplaint(i, '');
    const month = c.receivedAt.slice(0, 7).replace('-', '');
    const sequence = (months.get(month) ?? 0) + 1;
    months.set(month, sequence);
    complaints.push({ ...c, ticketNumber: formatTicketNumber(month, sequence) });
  }
  // The complaint's item, its ticket item and its first event, as the store's create transaction writes
  // them, and each month's ticket counter where it left off.
  const items = [
    ...complaints.flatMap((c) => [
      complaintItem(c),
      { ...ticketKey(c.ticketNumber), complaintId: c.id },
      eventItem(timelineEvent(c.id, 'received', new Date(c.receivedAt), 'customer', { channel: c.channel })),
    ]),
    ...[...months].map(([month, sequence]) => ({ ...ticketCounterKey(month), sequence })),
  ];
  let next = 0;
  let written = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SEED_CONCURRENCY }, async () => {
      while (next < items.length) {
        const batch = items.slice(next, next + 25);
        next += 25;
        await batchWrite(doc, tableName, batch);
        written += batch.length;
        if (written % 20_000 < 25) {
          const rate = written / ((performance.now() - started) / 1000);
          process.stdout.write(`  ${written} / ${items.length} items, ${rate.toFixed(0)} items/s, load ${loadNow()}\r`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `seeded ${COMPLAINTS} complaints (${items.length} items) in ${seconds.toFixed(1)} s: ` +
      `${(items.length / seconds).toFixed(0)} items/s, ${(COMPLAINTS / seconds).toFixed(0)} complaints/s ` +
      `(${SEED_CONCURRENCY} writers, 25 items a BatchWriteItem; load ${loadNow()} on ${availableParallelism()} cores)`,
  );
  return complaints;
}

/** A bench-only item (never a complaint's key space): how many complaints the table holds and tickets to look up. */
const SEED_MARK = { pk: 'BENCH#SEED', sk: 'SEED' };

/** Seeds the table, unless a kept one (--data-dir) already holds the same number of complaints. */
async function seededTickets(doc: DynamoDBDocumentClient, tableName: string): Promise<string[]> {
  const mark = (await doc.send(new GetCommand({ TableName: tableName, Key: SEED_MARK }))).Item;
  if (mark?.complaints === COMPLAINTS) {
    console.log(`reusing the ${COMPLAINTS} complaints seeded earlier in ${args['data-dir']}`);
    return mark.tickets as string[];
  }
  if (mark)
    throw new Error(
      `${args['data-dir']} holds ${mark.complaints} complaints, not ${COMPLAINTS}: use another --data-dir`,
    );
  const complaints = await seed(doc, tableName);
  const tickets = Array.from(
    { length: 500 },
    (_, i) => complaints[Math.floor((i * complaints.length) / 500)]!.ticketNumber,
  );
  await doc.send(new PutCommand({ TableName: tableName, Item: { ...SEED_MARK, complaints: COMPLAINTS, tickets } }));
  return tickets;
}

/** The DynamoDB operations the client sent, by name: a view that scanned shows a ScanCommand here. */
function countOperations(client: DynamoDBClient) {
  let counts: Record<string, number> = {};
  client.middlewareStack.add(
    (next, context) => async (input) => {
      counts[context.commandName!] = (counts[context.commandName!] ?? 0) + 1;
      return next(input);
    },
    { step: 'initialize', name: 'benchOperationCounter' },
  );
  return {
    take(): Record<string, number> {
      const taken = counts;
      counts = {};
      return taken;
    },
  };
}

const staff = (id: string): StaffMember => {
  const found = demoStaff.find((s) => s.id === id);
  if (!found) throw new Error(`bench/console: no demo staff member ${id}`);
  return found;
};

interface Case {
  name: string;
  actor: StaffMember;
  run: (i: number) => Promise<number>;
}

async function measureViews(store: DynamoComplaintStore, ops: ReturnType<typeof countOperations>, tickets: string[]) {
  const deps = { store, clock: { now: () => new Date() } };
  const list = (actor: string, query: Record<string, string>) => ({
    name: `${query.view ?? 'search'} ${Object.entries(query)
      .filter(([k]) => k !== 'view')
      .map(([k, v]) => `${k}=${k === 'ticket' ? '…' : v}`)
      .join(' ')}`.trim(),
    actor: staff(actor),
    run: async () => (await listStaffComplaints(deps, staff(actor), parseStaffQueueQuery(query))).items.length,
  });
  const byTicket = (i: number) => tickets[i % tickets.length]!;
  const cases: Case[] = [
    list('agent.li', { view: 'mine' }),
    list('agent.li', { view: 'mine', status: 'in_progress' }),
    list('agent.li', { view: 'unassigned' }),
    list('agent.li', { view: 'unassigned', grade: 'P2' }),
    list('agent.li', { view: 'department' }),
    list('supervisor.wang', { view: 'department', department: 'finance', grade: 'P1' }),
    list('agent.li', { view: 'overdue' }),
    list('manager.sun', { view: 'overdue' }),
    list('manager.sun', { view: 'overdue', grade: 'P1' }),
    list('head.zhao', { view: 'awaiting-approval' }),
    list('head.zhao', { view: 'awaiting-approval', department: 'finance' }),
    list('manager.sun', { view: 'breached' }),
    list('supervisor.wang', { view: 'breached', department: 'quality' }),
    {
      name: 'search ticket=… (list)',
      actor: staff('manager.sun'),
      run: async (i) =>
        (await listStaffComplaints(deps, staff('manager.sun'), parseStaffQueueQuery({ ticket: byTicket(i) }))).items
          .length,
    },
    {
      name: 'GET /staff/complaints/{ticket}',
      actor: staff('manager.sun'),
      run: async (i) => {
        await viewStaffComplaint({ store }, byTicket(i), staff('manager.sun'));
        return 1;
      },
    },
  ];
  let scans = 0;
  for (const clients of [...new Set([1, CLIENTS])]) {
    const rows: Record<string, string | number>[] = [];
    for (const c of cases) {
      await c.run(0); // warm: the first call of a query shape compiles it in the JVM
      ops.take();
      let rowsSeen = 0;
      const cpu = cpuMeter();
      const figures: RunFigures = await load(SAMPLES, clients, async (i) => {
        // Read after the await: `rowsSeen += await …` reads rowsSeen first, and clients at once would lose counts.
        const seen = await c.run(i);
        rowsSeen += seen;
      });
      const used = cpu();
      const sent = ops.take();
      scans += sent.ScanCommand ?? 0;
      rows.push({
        view: c.name,
        as: c.actor.id,
        rows: Math.round(rowsSeen / SAMPLES),
        p50: ms(figures.p50),
        p95: ms(figures.p95),
        p99: ms(figures.p99),
        'p99 ≤ 50 ms': figures.p99 <= TARGET_P99_MS ? 'yes' : 'NO',
        'calls/s': figures.throughput.toFixed(0),
        // CPU per call does not bend with the machine's load as wall time does: on a busy machine it
        // says what the latency would be on a quiet one (one client at a time: CPU ≈ latency).
        'CPU ms/call (node + DynamoDB Local)': `${(used.node / SAMPLES).toFixed(1)} + ${
          used.jvm === undefined ? 'n/a' : (used.jvm / SAMPLES).toFixed(1)
        }`,
        'requests/call': Object.entries(sent)
          .map(([name, n]) => `${name.replace(/Command$/, '')} ${(n / SAMPLES).toFixed(1)}`)
          .join(', '),
        load: loadNow(),
      });
    }
    console.log(
      `\nqueue views over ${COMPLAINTS} complaints, ${SAMPLES} calls each, ${
        clients === 1 ? 'one client, one call at a time' : `${clients} clients at once`
      } (first page: 50 rows; load = 1-minute load average on ${availableParallelism()} cores, shared)\n`,
    );
    console.log(table(rows));
  }
  console.log(
    scans === 0 ? '\nno view sent a Scan: every one is an index query or a key read' : `\n${scans} SCANS SENT`,
  );
  return scans;
}

/** The console's first load for a signed-in supervisor: the page and what it links, raw and gzipped. */
async function consoleFirstLoad(): Promise<void> {
  console.log('\nconsole first load: starting the local runtime…');
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    smtpPort: 0,
    s3Port: 0,
    quiet: true,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
  });
  try {
    for (let i = 0; i < 20; i++) {
      await fetch(`${runtime.apiUrl}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          customer: { name: `Bench ${i}`, email: `bench-${i}@example.com`, locale: i % 2 ? 'en' : 'zh-CN' },
          description: `账单 ${i} 重复扣款，请尽快退款。The bill was charged twice.`,
        }),
      });
    }
    const key = consoleSessionKey(new TextEncoder().encode(process.env.LINK_SIGNING_SECRET ?? ''));
    const session = newSession('supervisor.wang', runtime.clock.now());
    const cookie = `${SESSION_COOKIE}=${sealSession(session, key)}`;
    const page = await fetch(`${runtime.apiUrl}/console`, { headers: { cookie }, redirect: 'manual' });
    if (page.status === 404) {
      console.log('GET /console: not there yet (404). Run `npm run bench:console` again once the console is merged.');
      return;
    }
    const html = await page.text();
    if (page.status !== 200) {
      console.log(`GET /console answered ${page.status}; first-load size not measured`);
      return;
    }
    const linked = [...html.matchAll(/<(?:link|script|img)\b[^>]*?\b(?:href|src)="([^"]+)"/g)]
      .map(([, url]) => url!.replaceAll('&amp;', '&'))
      .filter((url) => url.startsWith('/') && !url.startsWith('//'));
    const rows = [{ what: '/console (HTML)', raw: Buffer.byteLength(html), gzip: gzipSync(html).length }];
    for (const url of [...new Set(linked)]) {
      const body = Buffer.from(await (await fetch(`${runtime.apiUrl}${url}`, { headers: { cookie } })).arrayBuffer());
      rows.push({ what: url, raw: body.length, gzip: gzipSync(body).length });
    }
    const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip }), { raw: 0, gzip: 0 });
    console.log(
      table([...rows, { what: 'total', ...total }].map((r) => ({ ...r, raw: `${r.raw} B`, gzip: `${r.gzip} B` }))),
    );
  } finally {
    await runtime.stop();
  }
}

async function main() {
  console.log(
    `bench/console: ${COMPLAINTS} complaints; starting DynamoDB Local (${args['data-dir'] ?? 'in memory'}, heap ${DYNAMODB_HEAP}; load ${loadNow()})…`,
  );
  const dynamo = await startDynamoDbLocal({
    ...(args['data-dir'] ? { dataDir: args['data-dir'] } : {}),
    maxHeap: DYNAMODB_HEAP,
  });
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  let scans = 0;
  try {
    const tableName = 'closeloop-bench-console';
    await ensureTable(client, tableName);
    const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    const tickets = await seededTickets(doc, tableName);
    const ops = countOperations(client);
    const store = new DynamoComplaintStore({ tableName, doc });
    scans = await measureViews(store, ops, tickets);
  } finally {
    client.destroy();
    await dynamo.stop();
  }
  if (!args['skip-console']) await consoleFirstLoad();
  if (scans > 0) process.exitCode = 1;
}

await main();
