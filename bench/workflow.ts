/**
 * bench/workflow: state transitions per complaint lifecycle (Step Functions bills per
 * transition) and the cost per 1,000 complaints at $0.025 per 1,000 transitions.
 *
 *   npm run bench:workflow
 *
 * Each lifecycle runs in its own process on the local runtime with scaled time (a process has
 * one workflow clock), driven through the HTTP API as people would drive it. Transitions are
 * counted from GetExecutionHistory: every state entered is one transition, as on AWS.
 */
import { execFileSync } from 'node:child_process';
import { eventually, LocalClient } from '../infra/local/client.js';
import { type LocalRuntime, startLocalRuntime } from '../infra/local/runtime.js';
import { demoStaff } from '../shared/policy/default-policy.js';
import { table } from './lib/stats.js';

const PRICE_PER_TRANSITION = 0.025 / 1000;

type Driver = (c: LocalClient, until: (id: string, type: string, count?: number) => Promise<void>) => Promise<string>;

const standard = (email: string, description: string, extra: Record<string, unknown> = {}) => ({
  customer: { email, locale: 'en', ...extra },
  description,
});

const agents = new Map<string, string>();

/** Agents take only their own department's complaints: the demo agent of the one this was routed to (one look per complaint). */
async function agentFor(c: LocalClient, id: string): Promise<string> {
  const known = agents.get(id);
  if (known) return known;
  const { complaint } = await c.view('manager.sun', id);
  const agent = demoStaff.find((s) => s.role === 'agent' && s.department === complaint.department);
  if (!agent) throw new Error(`no demo agent for ${complaint.department}`);
  agents.set(id, agent.id);
  return agent.id;
}

async function resolve(
  c: LocalClient,
  id: string,
  until: (id: string, type: string) => Promise<void>,
  proposal: Record<string, unknown> = { summary: 'Courier re-delivers', remedy: 'apology' },
) {
  const agent = await agentFor(c, id);
  await c.act(agent, id, 'assign');
  await c.act(agent, id, 'contact', { channel: 'phone', note: 'Called the customer' });
  await c.act(agent, id, 'propose', proposal);
  return until(id, 'solution_proposed');
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
    describe: 'assign, contact, propose, resolve, survey 5/5, close',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('p3@example.com', 'My parcel arrived four days late.'));
      await resolve(c, id, until);
      await c.act(await agentFor(c, id), id, 'resolve', { summary: 'Delivered' });
      await answer(c, await surveyLink(c, 'p3@example.com'), { score: 5 });
      await until(id, 'archived');
      return id;
    },
  },
  'P1 with approval': {
    scale: 60,
    describe: 'P1: assign, contact, propose, department head approves, resolve, survey, close',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('p1@example.com', 'The charger caught fire and burned my desk.'));
      await resolve(c, id, until, { summary: 'Replace and compensate', remedy: 'compensation', amount: 500 });
      await c.act('head.zhao', id, 'approve', { note: 'Approved with legal' });
      await until(id, 'solution_approved');
      await c.act(await agentFor(c, id), id, 'resolve', { summary: 'Replaced and compensated' });
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
      await c.act(await agentFor(c, id), id, 'resolve', { summary: 'Points restored' });
      await answer(c, await surveyLink(c, 'p2@example.com'), { score: 4 });
      await until(id, 'archived');
      return id;
    },
  },
  'dissatisfied, reopened': {
    scale: 600,
    describe: 'survey 2/5 reopens one grade higher; resolved again; survey 4/5',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('reopen@example.com', 'The delivery was late and the courier was rude.'));
      await resolve(c, id, until);
      await c.act(await agentFor(c, id), id, 'resolve', { summary: 'Apologised' });
      await answer(c, await surveyLink(c, 'reopen@example.com'), { score: 2, reason: 'not enough' });
      await until(id, 'reopened');
      await c.act(await agentFor(c, id), id, 'resolve', { summary: 'Voucher sent' });
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
      const agent = await agentFor(c, id);
      await c.act(agent, id, 'assign');
      await c.act(agent, id, 'contact', { channel: 'email', note: 'Sent the manual' });
      await c.act(agent, id, 'resolve', { summary: 'Explained' });
      await until(id, 'archived');
      return id;
    },
  },
  'paused for information': {
    scale: 600,
    describe: 'owner asks for a photo, customer replies, then the happy path',
    drive: async (c, until) => {
      const { id } = await c.submit(standard('pause@example.com', 'The kettle leaks from the bottom.'));
      const agent = await agentFor(c, id);
      await c.act(agent, id, 'assign');
      await c.act(agent, id, 'contact', { channel: 'phone', note: 'Asked for a photo' });
      await c.act(agent, id, 'request-info', { question: 'Please send a photo of the base.' });
      const ask = await eventually('info mail', async () =>
        (await c.mails('pause@example.com')).find((m) => /photo/i.test(m.body.text ?? '')),
      );
      await c.reply(LocalClient.linkIn(ask, 'status')!, 'Here it is: https://example.com/photo.jpg');
      await until(id, 'customer_replied');
      await c.act(agent, id, 'propose', { summary: 'Replace the kettle', remedy: 'replacement' });
      await c.act(agent, id, 'resolve', { summary: 'Replaced' });
      await answer(c, await surveyLink(c, 'pause@example.com'), { score: 5 });
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
  const runtime = await startLocalRuntime({
    port: 0,
    sesPort: 0,
    sfnPort: 0,
    quiet: true,
    timeScale: lifecycle.scale,
    clockStart: new Date('2026-11-24T02:00:00Z'),
    env: { RATE_LIMIT_PER_MINUTE: '0', POWERTOOLS_LOG_LEVEL: 'SILENT' },
  });
  try {
    const client = new LocalClient(runtime.apiUrl, runtime.sesUrl);
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
    process.stdout.write(
      `${JSON.stringify({ name, ...counted, events: timeline.length, breaches: timeline.filter((e) => e.type === 'sla_breached').length })}\n`,
    );
  } finally {
    await runtime.stop();
  }
}

async function main() {
  const only = process.argv.find((a) => a.startsWith('--lifecycle='))?.slice('--lifecycle='.length);
  if (only) return runOne(only);
  console.log(`bench/workflow: transitions per lifecycle, Node ${process.version}, ${new Date().toISOString()}\n`);
  const rows: Record<string, string | number>[] = [];
  for (const [name, lifecycle] of Object.entries(LIFECYCLES)) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/workflow.ts', `--lifecycle=${name}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = out
      .trim()
      .split('\n')
      .findLast((l) => l.startsWith('{'));
    const result = JSON.parse(line!) as {
      transitions: number;
      executions: number;
      breaches: number;
      events: number;
      states: Record<string, number>;
    };
    rows.push({
      lifecycle: name,
      steps: lifecycle.describe,
      transitions: result.transitions,
      'SLA breaches': result.breaches,
      'timeline events': result.events,
      '$ per 1,000 complaints': (result.transitions * PRICE_PER_TRANSITION * 1000).toFixed(3),
    });
  }
  console.log(table(rows));
  console.log(
    '\nAt $0.025 per 1,000 state transitions (Standard workflows); Lambda, DynamoDB and SES are billed apart.',
  );
}

await main();
