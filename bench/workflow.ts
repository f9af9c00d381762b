/**
 * bench/workflow: what each complaint lifecycle costs on AWS, per 1,000 complaints: Step Functions
 * transitions, Lambda invocations and GB-s at the measured durations, DynamoDB request units as
 * DynamoDB reports them, and mails (bench/lib/bill.ts counts them; the prices are printed).
 *
 *   npm run bench:workflow
 *
 * Each lifecycle runs in its own process on the local runtime with scaled time (a process has
 * one workflow clock), driven through the HTTP API as people would drive it. Transitions are
 * counted from GetExecutionHistory: every state entered is one transition, as on AWS.
 */
import { execFileSync } from 'node:child_process';
import { eventually, LocalClient } from '../infra/local/client.js';
import { demoStaff } from '../infra/local/demo-staff.js';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { describePrices, meterUsage, PRICES, type Usage } from './lib/bill.js';
import { table } from './lib/stats.js';

type Until = (id: string, type: string, count?: number) => Promise<void>;
type Driver = (c: LocalClient, until: Until) => Promise<string>;

const standard = (email: string, description: string, extra: Record<string, unknown> = {}) => ({
  customer: { email, locale: 'en', ...extra },
  description,
});

const agents = new Map<string, string>();
const tickets = new Map<string, string>();

/** Agents take only their own department's complaints: the demo agent of the one this was routed to, noted at submission. */
function agentFor(id: string): string {
  const known = agents.get(id);
  if (!known) throw new Error(`complaint ${id} was not submitted through this bench`);
  return known;
}

/** Notes each submitted complaint's agent from intake's answer, so picking one costs no read the bill would count. */
function rememberingAgents(client: LocalClient): LocalClient {
  const submit = client.submit.bind(client);
  client.submit = async (...args) => {
    const submitted = await submit(...args);
    const agent = demoStaff.find((s) => s.role === 'agent' && s.department === submitted.department);
    if (!agent) throw new Error(`no demo agent for ${submitted.department}`);
    agents.set(submitted.id, agent.id);
    tickets.set(submitted.id, submitted.ticketNumber);
    return submitted;
  };
  return client;
}

async function resolve(
  c: LocalClient,
  id: string,
  until: (id: string, type: string) => Promise<void>,
  proposal: Record<string, unknown> = { summary: 'Courier re-delivers', remedy: 'apology' },
) {
  const agent = agentFor(id);
  await c.act(agent, id, 'assign');
  await c.act(agent, id, 'contact', { channel: 'phone', note: 'Called the customer' });
  await c.act(agent, id, 'propose', proposal);
  return until(id, 'solution_proposed');
}

/**
 * The customer accepts the `nth` solution offered from the link in its offer mail: the default policy
 * asks them before it is carried out (003 步骤3, 004 3.2.3).
 */
async function accept(c: LocalClient, id: string, email: string, until: Until, nth = 1) {
  const answered = await c.answerOffer(email, tickets.get(id)!, { answer: 'accept' }, nth);
  if (answered.status !== 200)
    throw new Error(`acceptance answered ${answered.status}: ${JSON.stringify(answered.body)}`);
  await until(id, 'solution_accepted', nth);
}

async function surveyLink(c: LocalClient, email: string, nth = 1): Promise<string> {
  return eventually(
    'survey mail',
    async () => {
      const links = (await c.mails(email)).map((m) => LocalClient.linkIn(m, 'survey')).filter(Boolean);
      return links.length >= nth ? (links[nth - 1] as string) : undefined;
    },
    120_000,
  );
}

async function answer(c: LocalClient, surveyUrl: string, body: unknown) {
  const answered = await c.answerSurvey(surveyUrl, body);
  if (answered.status !== 200) throw new Error(`survey answered ${answered.status}: ${JSON.stringify(answered.body)}`);
}

const LIFECYCLES: Record<string, { scale: number; describe: string; drive: Driver }> = {
  'happy path (P3)': {
    scale: 600,
    describe: 'assign, contact, propose, customer accepts, resolve, survey 5/5, close',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('p3@example.com', 'My parcel arrived four days late.'));
      await resolve(c, id, until);
      await accept(c, id, 'p3@example.com', until);
      await c.act(agentFor(id), id, 'resolve', { summary: 'Delivered' });
      await answer(c, await surveyLink(c, 'p3@example.com'), { score: 5 });
      await until(id, 'archived');
      return id;
    },
  },
  'P1 with approval': {
    scale: 60,
    describe:
      'P1: assign, contact, propose, legal approves, department head approves, customer accepts, resolve, survey, close',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('p1@example.com', 'The charger caught fire and burned my desk.'));
      await resolve(c, id, until, { summary: 'Replace and compensate', remedy: 'compensation', amount: 500 });
      // A P1 plan goes to legal before anyone approves it (004 3.2.3, `workflow.legalReviewFor`).
      await c.act('legal.qian', id, 'legal-approve', { note: 'No admission of a defect' });
      await until(id, 'legal_review_approved');
      await c.act('head.zhao', id, 'approve', { note: 'Approved with legal' });
      await until(id, 'solution_approved');
      await accept(c, id, 'p1@example.com', until);
      await c.act(agentFor(id), id, 'resolve', { summary: 'Replaced and compensated' });
      await answer(c, await surveyLink(c, 'p1@example.com'), { verdict: 'satisfied' });
      await until(id, 'archived');
      return id;
    },
  },
  'P2 no owner, 3 escalations': {
    scale: 3600,
    describe: 'nobody assigns for 9 h: supervisor, department head, manager told; then the happy path',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('p2@example.com', 'Points vanished from my account.', { tier: 'vip' }));
      await until(id, 'sla_breached', 3);
      await resolve(c, id, until);
      await accept(c, id, 'p2@example.com', until);
      await c.act(agentFor(id), id, 'resolve', { summary: 'Points restored' });
      await answer(c, await surveyLink(c, 'p2@example.com'), { score: 4 });
      await until(id, 'archived');
      return id;
    },
  },
  'dissatisfied, reopened': {
    scale: 600,
    describe: 'survey 2/5 reopens one grade higher; accepted and resolved again; survey 4/5',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('reopen@example.com', 'The delivery was late and the courier was rude.'));
      await resolve(c, id, until);
      await accept(c, id, 'reopen@example.com', until);
      await c.act(agentFor(id), id, 'resolve', { summary: 'Apologised' });
      await answer(c, await surveyLink(c, 'reopen@example.com'), { score: 2, reason: 'not enough' });
      await until(id, 'reopened');
      // A reopened complaint needs a new contact and a new solution before it is resolved again.
      const owner = agentFor(id);
      await c.act(owner, id, 'contact', { channel: 'phone', note: 'Apologised again' });
      await c.act(owner, id, 'propose', { summary: 'Voucher and a written apology', remedy: 'compensation' });
      await accept(c, id, 'reopen@example.com', until, 2);
      await c.act(owner, id, 'resolve', { summary: 'Voucher sent' });
      await answer(c, await surveyLink(c, 'reopen@example.com', 2), { score: 4 });
      await until(id, 'archived');
      return id;
    },
  },
  'survey unanswered': {
    scale: 36_000,
    describe: 'P4 question resolved; reminder after 2 working days; auto-close after 3',
    drive: async (c, until) => {
      const { id } = await c.submit(
        standard('quiet@example.com', 'How do I reset the filter indicator? Just a question.'),
      );
      const agent = agentFor(id);
      await c.act(agent, id, 'assign');
      await c.act(agent, id, 'contact', { channel: 'email', note: 'Sent the manual' });
      await c.act(agent, id, 'resolve', { summary: 'Explained' });
      await until(id, 'archived');
      return id;
    },
  },
  'paused for information': {
    scale: 600,
    describe: 'owner asks for a photo, customer replies, then the happy path (the customer accepts)',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('pause@example.com', 'The kettle leaks from the bottom.'));
      const agent = agentFor(id);
      await c.act(agent, id, 'assign');
      await c.act(agent, id, 'contact', { channel: 'phone', note: 'Asked for a photo' });
      await c.act(agent, id, 'request-info', { question: 'Please send a photo of the base.' });
      const ask = await eventually('info mail', async () =>
        (await c.mails('pause@example.com')).find((m) => /photo/i.test(m.body.text ?? '')),
      );
      await c.reply(LocalClient.linkIn(ask, 'status')!, 'Here it is: https://example.com/photo.jpg');
      await until(id, 'customer_replied');
      await c.act(agent, id, 'propose', { summary: 'Replace the kettle', remedy: 'replacement' });
      await accept(c, id, 'pause@example.com', until);
      await c.act(agent, id, 'resolve', { summary: 'Replaced' });
      await answer(c, await surveyLink(c, 'pause@example.com'), { score: 5 });
      await until(id, 'archived');
      return id;
    },
  },
  'repair work order (P3)': {
    scale: 600,
    describe:
      'propose a repair, customer accepts, open a work order: diagnosis, parts, visit, verification, customer signs; resolve, survey',
    drive: async (c, until) => {
      const submitted = await c.submit(standard('repair@example.com', 'The kettle stopped heating; please repair it.'));
      const { id } = submitted;
      await resolve(c, id, until, { summary: 'Repair the kettle at home', remedy: 'repair' });
      await accept(c, id, 'repair@example.com', until);
      const agent = agentFor(id);
      await c.act(agent, id, 'open-work-order', { kind: 'repair' });
      const workOrderId = (await c.view(agent, id)).complaint.workOrders![0]!.id;
      for (const [user, step] of [
        ['engineer.liu', 'diagnosis'],
        ['warehouse.ma', 'parts'],
        ['engineer.liu', 'visit'],
        [agent, 'verification'],
      ] as const) {
        await c.act(user, id, 'work-order-step', { workOrderId, step, note: 'done' });
      }
      await fetch(`${submitted.statusUrl}/confirm-service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ workOrderId }),
      });
      await until(id, 'work_order_done');
      await c.act(agent, id, 'resolve', { summary: 'Repaired; the customer signed' });
      await answer(c, await surveyLink(c, 'repair@example.com'), { score: 5 });
      await until(id, 'archived');
      return id;
    },
  },
};

/** Transitions as AWS bills them (each state entered, and each retry), over every execution of the complaint. */
async function transitionsOf(runtime: LocalRuntime, complaintId: string) {
  const executions = (await runtime.sfn.listExecutions()).filter((e) => e.name.startsWith(complaintId));
  let transitions = 0;
  for (const e of executions) transitions += await runtime.sfn.transitionCount(e.executionArn);
  return { transitions, executions: executions.length };
}

async function runOne(name: string) {
  const lifecycle = LIFECYCLES[name]!;
  // The bench polls the complaint (GET /staff/complaints/{id}) to follow it: not part of the bill.
  const meter = meterUsage((entry) => entry === 'functions/staff-complaint.ts');
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    timeScale: lifecycle.scale,
    clockStart: new Date('2026-11-24T02:00:00Z'),
    env: { RATE_LIMIT_PER_MINUTE: '0', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  meter.meterDynamo();
  try {
    const client = rememberingAgents(new LocalClient(runtime.apiUrl, runtime.sesUrl));
    const until = async (id: string, type: string, count = 1) => {
      await eventually(
        `${type} ×${count}`,
        async () => {
          const t = (await client.view('supervisor.wang', id)).timeline;
          return t.filter((e) => e.type === type).length >= count ? true : undefined;
        },
        120_000,
      );
    };
    const id = await lifecycle.drive(client, until);
    const { timeline } = await client.view('supervisor.wang', id);
    const counted = await transitionsOf(runtime, id);
    const mails = (await client.mails()).length;
    process.stdout.write(
      `${JSON.stringify({ name, ...counted, events: timeline.length, breaches: timeline.filter((e) => e.type === 'sla_breached').length, mails, usage: meter.usage })}\n`,
    );
  } finally {
    await runtime.stop();
    meter.stop();
  }
}

async function main() {
  const only = process.argv.find((a) => a.startsWith('--lifecycle='))?.slice('--lifecycle='.length);
  if (only) return runOne(only);
  console.log(`bench/workflow: transitions per lifecycle, Node ${process.version}, ${new Date().toISOString()}\n`);
  const rows: Record<string, string | number>[] = [];
  const details: Record<string, string | number>[] = [];
  const durations: Record<string, { invocations: number; ms: number }> = {};
  for (const [name, lifecycle] of Object.entries(LIFECYCLES)) {
    let out: string;
    try {
      out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/workflow.ts', `--lifecycle=${name}`], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch {
      // One lifecycle that could not be driven (its error is above) leaves the others' figures standing.
      rows.push({ lifecycle: name, transitions: 'failed (error above)' });
      continue;
    }
    // The handlers' metrics (EMF lines) share stdout and may follow the result: take the result's line.
    const line = out
      .trim()
      .split('\n')
      .findLast((l) => l.startsWith('{"name":'));
    const result = JSON.parse(line!) as {
      transitions: number;
      executions: number;
      breaches: number;
      events: number;
      mails: number;
      usage: Usage;
    };
    const { lambda, dynamodb } = result.usage;
    const perThousand = {
      sfn: result.transitions * PRICES.transition * 1000,
      lambda: (lambda.invocations * PRICES.lambdaRequest + lambda.gbSeconds * PRICES.lambdaGbSecond) * 1000,
      dynamodb: (dynamodb.writeUnits * PRICES.writeRequestUnit + dynamodb.readUnits * PRICES.readRequestUnit) * 1000,
      ses: result.mails * PRICES.mail * 1000,
    };
    rows.push({
      lifecycle: name,
      transitions: result.transitions,
      'λ calls': lambda.invocations,
      'λ GB-s': lambda.gbSeconds.toFixed(2),
      'DDB writes (WRU)': `${dynamodb.writes} (${dynamodb.writeUnits})`,
      'DDB reads (RRU)': `${dynamodb.reads} (${dynamodb.readUnits})`,
      mails: result.mails,
      'SFN $': perThousand.sfn.toFixed(3),
      'λ $': perThousand.lambda.toFixed(3),
      'DDB $': perThousand.dynamodb.toFixed(3),
      'SES $': perThousand.ses.toFixed(3),
      '$ / 1,000': Object.values(perThousand)
        .reduce((a, b) => a + b, 0)
        .toFixed(3),
    });
    details.push({ lifecycle: name, steps: lifecycle.describe, breaches: result.breaches, events: result.events });
    for (const [fn, used] of Object.entries(lambda.byFunction)) {
      const sum = durations[fn] ?? { invocations: 0, ms: 0 };
      sum.invocations += used.invocations;
      sum.ms += used.ms;
      durations[fn] = sum;
    }
  }
  console.log('What one complaint uses in each lifecycle, and what 1,000 such complaints cost (US $):\n');
  console.log(table(rows));
  console.log('\nThe lifecycles:\n');
  console.log(table(details));
  console.log('\nMeasured Lambda durations over all lifecycles (mean per invocation):\n');
  console.log(
    table(
      Object.entries(durations)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([fn, d]) => ({ function: fn, invocations: d.invocations, 'mean ms': (d.ms / d.invocations).toFixed(1) })),
    ),
  );
  console.log(`\n${describePrices()}`);
  console.log(
    '\nWhere the transitions go: AcknowledgeAndPlan, then an Await and a Route for each wake (owner, first\n' +
      'contact, solution, acceptance, resolution, survey; staff actions that land before the workflow waits\n' +
      'again share one wake, so the count varies by a wake or two with timing), SendResult and Archive. A Task\n' +
      'has one Next, so leaving a wait for different places takes a Choice; SendResult and Archive keep their\n' +
      'own retried tasks.',
  );
}

await main();
