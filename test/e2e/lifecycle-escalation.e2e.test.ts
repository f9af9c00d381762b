import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/local/client.js';
import { lifecycleRuntime, stop, types, untilWorkflowTime } from '../support/lifecycle.js';
import { agentOf } from '../support/staff.js';

const HOUR_MS = 3600_000;

/** One real second is one hour of workflow time: a P2's one-hour assignment limit passes in a second. */
// Workflow time runs on the wall clock (scaled), so these tests take real seconds whatever the load.
describe('missed deadlines', { timeout: 90_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    env = await lifecycleRuntime('escalation', { timeScale: 3600, clockStart: new Date('2026-11-24T02:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  it('escalates a P2 complaint with no owner up the ladder: supervisor, department head, manager', async () => {
    const { client, waitForEvent, waitForMail } = env;
    const submitted = await client.submit({
      customer: { email: 'double.charge@example.com', locale: 'zh-CN' },
      description: '我的订单被重复扣款两次，共 1299 元，请尽快退回多扣的钱。',
    });
    expect(submitted.grade).toBe('P2');
    const timeline = await waitForEvent(submitted.id, 'sla_breached', 3);
    const breaches = timeline.filter((e) => e.type === 'sla_breached');
    expect(breaches.map((b) => [b.data?.step, b.data?.level, b.data?.notified])).toEqual([
      ['await_owner', 1, ['supervisor.wang']],
      ['await_owner', 2, ['head.zhao']],
      ['await_owner', 3, ['manager.sun']],
    ]);
    // The first breach names the policy deadline (1 hour after receipt); each later one waits 4 more hours.
    expect(breaches[0]!.data?.deadline).toBe(submitted.deadlines.assign);
    expect(
      Date.parse(breaches[1]!.data?.deadline as string) - Date.parse(breaches[0]!.data?.deadline as string),
    ).toBeGreaterThanOrEqual(4 * 3600_000);
    // The supervisor also heard of the P2 when it arrived; this is the escalation.
    await waitForMail('supervisor.wang@closeloop.local', new RegExp(`升级.*${submitted.ticketNumber}`));
    await waitForMail('head.zhao@closeloop.local', new RegExp(submitted.ticketNumber));
    await waitForMail('manager.sun@closeloop.local', new RegExp(submitted.ticketNumber));

    // An owner finally takes it: the chain for that step stops and the workflow moves on.
    expect((await client.act(agentOf(submitted.department), submitted.id, 'assign')).status).toBe(200);
    const after = await waitForEvent(submitted.id, 'assigned');
    const ownerBreaches = after.filter((e) => e.type === 'sla_breached' && e.data?.step === 'await_owner').length;
    // Past the time the next rung would have fired, had the chain not stopped.
    await untilWorkflowTime(env.runtime, Date.parse(breaches.at(-1)!.data?.deadline as string) + 4 * HOUR_MS);
    const later = await env.timeline(submitted.id);
    expect(later.filter((e) => e.type === 'sla_breached' && e.data?.step === 'await_owner')).toHaveLength(
      ownerBreaches,
    );
  });

  it('settles a staff action racing the deadline on exactly one outcome', async () => {
    const { client, waitForEvent } = env;
    const submitted = await client.submit({
      customer: { email: 'race@example.com', locale: 'en' },
      description: 'My account was charged twice for the same order.',
    });
    // Assign at the very moment the one-hour limit fires (one real second after receipt at this scale), twice at once.
    const limit = Date.parse(submitted.deadlines.assign);
    await untilWorkflowTime(env.runtime, limit - 20 * 3600); // 20 real ms before it
    const [a, b] = await Promise.all([
      client.act('agent.zhou', submitted.id, 'assign'),
      client.act('agent.jones', submitted.id, 'assign'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const timeline = await waitForEvent(submitted.id, 'assigned');
    expect(timeline.filter((e) => e.type === 'assigned')).toHaveLength(1);
    // A breach at the limit is recorded by the timer step that fires then; give it a workflow hour.
    await untilWorkflowTime(env.runtime, limit + HOUR_MS);
    const settled = await env.timeline(submitted.id);
    // Either the owner came in time (no breach) or the breach was recorded once: never twice, never lost.
    expect(
      settled.filter((e) => e.type === 'sla_breached' && e.data?.step === 'await_owner').length,
    ).toBeLessThanOrEqual(1);
    const { complaint } = await client.view('supervisor.wang', submitted.id);
    expect(complaint.ownerId).toBe(a.status === 200 ? 'agent.zhou' : 'agent.jones');
    expect(complaint.status).toBe('assigned');
    expect(types(settled)).toContain('assigned');
    // The supervisor hears of every breach that names them (besides the P2's arrival, announced to the
    // department: not an escalation), and of nothing else. Workflow time runs on
    // while the test reads (a second is an hour here), so a later step's breach may arrive meanwhile:
    // the mails are read first, then the timeline, and every mail must have its breach in it.
    const ownerBreaches = settled.filter((e) => e.type === 'sla_breached' && e.data?.step === 'await_owner').length;
    const toSupervisor = await eventually('the supervisor mails of the owner-step breach', async () => {
      const mails = (await client.mails('supervisor.wang@closeloop.local')).filter(
        (m) => m.subject.includes(submitted.ticketNumber) && !/新P\d投诉|\[New P\d\]/.test(m.subject),
      );
      return mails.length >= ownerBreaches ? mails : undefined;
    });
    const breachesToSupervisor = (await env.timeline(submitted.id)).filter(
      (e) =>
        e.type === 'sla_breached' && ((e.data?.notified as string[] | undefined) ?? []).includes('supervisor.wang'),
    ).length;
    expect(toSupervisor.length).toBeLessThanOrEqual(breachesToSupervisor);
  });
});
