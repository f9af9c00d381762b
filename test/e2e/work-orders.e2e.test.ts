import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWorkOrderPolicy } from '../../shared/policy/work-order-policy.js';
import { lifecycleRuntime, stop } from '../support/lifecycle.js';

/**
 * The work-order clock in clock hours, so the test does not wait for a night to pass: the engineer
 * has 8 h to diagnose, the warehouse 4 h to ship (it will be late), the rest a day or two.
 */
const workOrders = {
  ...defaultWorkOrderPolicy,
  within: {
    diagnosis: { hours: 8 },
    parts: { hours: 4 },
    visit: { hours: 24 },
    verification: { hours: 24 },
    confirmation: { hours: 48 },
  },
  remotePartsWithin: { hours: 8 },
};

/** Half an hour of workflow time per real second: the warehouse's 4 hours pass in about 8 seconds. */
describe('after-sales work orders', { timeout: 180_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    // Tuesday 24 November 2026, 10:00 in Shanghai.
    env = await lifecycleRuntime('work-orders', {
      timeScale: 1800,
      clockStart: new Date('2026-11-24T02:00:00Z'),
      env: { RATE_LIMIT_PER_MINUTE: '0', CLOSELOOP_POLICY: JSON.stringify({ workOrders }) },
    });
  });
  afterAll(() => stop(env?.runtime));

  it('carries a repair through diagnosis, parts, visit, verification and signed confirmation, the late parts escalated, then resolves', async () => {
    const { client, waitForEvent, waitForMail } = env;
    const submitted = await client.submit({
      customer: { email: 'broken.kettle@example.com', locale: 'zh-CN' },
      category: 'service',
      description: '售后报修：热水壶通电后不能加热，报修后一直没有人联系上门维修。',
    });
    const id = submitted.id;
    const queue = async (user: string) => {
      const response = await fetch(`${client.apiUrl}/staff/complaints?view=work-orders`, {
        headers: { authorization: `Bearer ${await client.tokenFor(user)}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { items: { id: string }[] };
    };
    const ok = async (user: string, action: string, body?: unknown) => {
      const response = await client.act(user, id, action, body);
      expect(response.status, `${user} ${action}: ${JSON.stringify(response.body)}`).toBe(200);
      return response;
    };
    await ok('agent.li', 'assign');
    await ok('agent.li', 'contact', { channel: 'phone', note: '已致歉，安排上门维修。' });

    // No work order before there is a solution to carry out.
    expect((await client.act('agent.li', id, 'open-work-order', { kind: 'repair' })).status).toBe(409);
    await ok('agent.li', 'propose', { summary: '免费上门维修热水壶', remedy: 'repair' });
    // The customer agrees to the repair (004 "确认客户同意后执行") from the offer mail, in their language.
    const { offer } = await env.acceptSolution(id);
    expect(offer.subject).toContain(submitted.ticketNumber);
    expect(offer.body.text).toContain('免费上门维修热水壶');
    // The engineer may not open one: that is the owner's.
    expect((await client.act('engineer.liu', id, 'open-work-order', { kind: 'repair' })).status).toBe(403);
    await ok('agent.li', 'open-work-order', { kind: 'repair', note: '加热管疑似烧坏。' });
    await waitForMail('engineer.liu@closeloop.local', new RegExp(`售后工单.*${submitted.ticketNumber}.*工程师诊断`));

    // The engineer sees the step in the work-orders queue, and only the current step can be done, by its role.
    const waiting = await queue('engineer.liu');
    expect(waiting.items.map((i) => i.id)).toContain(id);
    const { complaint: opened } = await client.view('engineer.liu', id);
    const workOrderId = opened.workOrders![0]!.id;
    expect((await client.act('engineer.liu', id, 'work-order-step', { workOrderId, step: 'visit' })).status).toBe(409);
    expect((await client.act('warehouse.ma', id, 'work-order-step', { workOrderId, step: 'diagnosis' })).status).toBe(
      403,
    );
    expect((await client.act('engineer.liu', id, 'note', { text: 'x' })).status).toBe(403);
    await ok('engineer.liu', 'work-order-step', {
      workOrderId,
      step: 'diagnosis',
      note: '加热管烧坏，需更换 HE-220。',
    });
    await waitForMail('warehouse.ma@closeloop.local', new RegExp(`售后工单.*${submitted.ticketNumber}.*备件`));

    // Nobody ships the part: at its deadline the supervisor is told, and the warehouse reminded.
    const escalatedTimeline = await waitForEvent(id, 'work_order_escalated', 1, 60_000);
    const escalated = escalatedTimeline.find((e) => e.type === 'work_order_escalated')!;
    expect(escalated.data).toMatchObject({ workOrderId, step: 'parts', role: 'supervisor', level: 1 });
    expect(escalated.data!.notified).toEqual(expect.arrayContaining(['supervisor.wang', 'warehouse.ma']));
    await waitForMail('supervisor.wang@closeloop.local', new RegExp(`工单逾期.*${submitted.ticketNumber}`));

    await ok('warehouse.ma', 'work-order-step', { workOrderId, step: 'parts', evidence: ['SF1234567890'] });
    await ok('engineer.liu', 'work-order-step', { workOrderId, step: 'visit', note: '已上门更换加热管。' });
    await ok('agent.li', 'work-order-step', { workOrderId, step: 'verification', note: '回访确认可正常加热。' });

    // Not resolved while the customer has not signed.
    const refused = await client.act('agent.li', id, 'resolve', { summary: '已维修' });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toContain('work_order_open');

    // The customer signs on the status page (its signed link is the credential).
    const status = (await (await fetch(submitted.statusUrl, { headers: { accept: 'application/json' } })).json()) as {
      workOrders: { id: string; awaitingSignature: boolean }[];
    };
    expect(status.workOrders[0]).toMatchObject({ id: workOrderId, awaitingSignature: true });
    const page = await (await fetch(submitted.statusUrl, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain('confirm-service');
    const signed = await fetch(`${submitted.statusUrl}/confirm-service`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ workOrderId, note: '<b>修好了</b>，谢谢' }),
    });
    expect(signed.status).toBe(200);
    await waitForEvent(id, 'work_order_done');

    await ok('agent.li', 'resolve', { summary: '已上门更换加热管，客户签字确认。' });
    const { complaint: done, timeline } = await client.view('agent.li', id);
    expect(done.status).toBe('resolved');
    expect(done.workOrders![0]!.steps.map((s) => [s.name, Boolean(s.doneAt)])).toEqual([
      ['diagnosis', true],
      ['parts', true],
      ['visit', true],
      ['verification', true],
      ['confirmation', true],
    ]);
    expect(done.workOrders![0]!.steps[4]!.confirmedBy).toBe('customer');
    const steps = timeline
      .filter((e) => e.type === 'work_order_step_done')
      .map((e) => e.data as Record<string, unknown>);
    expect(steps.map((s) => [s.step, s.late])).toEqual([
      ['diagnosis', false],
      ['parts', true],
      ['visit', false],
      ['verification', false],
      ['confirmation', false],
    ]);
    expect(timeline.map((e) => e.type).filter((t) => t.startsWith('work_order_') || t === 'resolved')).toEqual([
      'work_order_opened',
      'work_order_step_done',
      'work_order_escalated',
      'work_order_step_done',
      'work_order_step_done',
      'work_order_step_done',
      'work_order_step_done',
      'work_order_done',
      'resolved',
    ]);
    // Once done, the step leaves the engineer's queue.
    const after = await queue('engineer.liu');
    expect(after.items.map((i) => i.id)).not.toContain(id);
  });
});
