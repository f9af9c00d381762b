import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleRuntime, stop, types } from '../support/lifecycle.js';

/**
 * A complaint staff register (POST /staff/complaints) on the local runtime: the local gateway and
 * token issuer, the real handlers, DynamoDB Local, the synthesized state machine and the local
 * mailbox. It reaches the workflow like a form complaint: acknowledged (by mail, or marked for a
 * call), announced to its department when it is serious, and then worked as any other.
 */
describe('a complaint staff register', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    env = await lifecycleRuntime('register');
  });
  afterAll(() => stop(env?.runtime));

  async function register(user: string, body: unknown) {
    const response = await fetch(`${env.runtime.apiUrl}/staff/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await env.client.tokenFor(user)}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; ticketNumber: string; grade: string; department: string };
  }

  it('acknowledges a phone-only customer by a call, announces a P1 to its department, and lets it be worked', async () => {
    const { client, waitForEvent, waitForMail } = env;
    const registered = await register('agent.li', {
      channel: 'regulator',
      customer: { name: '市场监管局转办 2026-118', phone: '+86 10 6501 0000', locale: 'zh-CN' },
      description: '消费者反映电水壶使用中外壳发烫冒烟，市场监管局转来要求处理。',
    });
    expect(registered.grade).toBe('P1');

    const timeline = await waitForEvent(registered.id, 'acknowledgement_skipped');
    expect(types(timeline)).toEqual(['received', 'graded', 'new_work_announced', 'acknowledgement_skipped']);
    expect(timeline[0]).toMatchObject({ actor: 'agent.li', data: { channel: 'regulator' } });
    expect(timeline[3]).toMatchObject({ data: { reason: 'no_email' } });

    const announced = await waitForMail('supervisor.wang@closeloop.local', /新P1投诉/);
    expect(announced.subject).toContain(registered.ticketNumber);
    expect(announced.body.text).toContain(`/console/complaints/${registered.ticketNumber}`);

    expect((await client.act('supervisor.wang', registered.id, 'assign')).status).toBe(200);
    const contacted = await client.act('supervisor.wang', registered.id, 'contact', {
      channel: 'phone',
      note: '已致电转办人，确认收到并说明处理时限',
    });
    expect(contacted.status).toBe(200);
    expect((await client.view('supervisor.wang', registered.id)).complaint).toMatchObject({
      status: 'in_progress',
      channel: 'regulator',
      ownerId: 'supervisor.wang',
    });
  });

  it('mails the acknowledgement to a customer who phoned and left an email address', async () => {
    const registered = await register('agent.smith', {
      channel: 'phone',
      customer: { name: 'Ann Lee', phone: '+44 20 7946 0000', email: 'ann.phone@example.com', locale: 'en' },
      description: 'The app logs me out every few minutes since the last update.',
    });
    const ack = await env.waitForMail('ann.phone@example.com', /received your complaint/);
    expect(ack.body.text).toContain(registered.ticketNumber);
    const timeline = await env.waitForEvent(registered.id, 'acknowledgement_sent');
    expect(timeline[0]).toMatchObject({ type: 'received', actor: 'agent.smith', data: { channel: 'phone' } });
  });
});
