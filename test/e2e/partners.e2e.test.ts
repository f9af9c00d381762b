import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStaff } from '../../infra/local/demo-staff.js';
import type { StaffMember } from '../../shared/policy/types.js';
import { lifecycleRuntime, stop, untilWorkflowTime } from '../support/lifecycle.js';

const HOUR_MS = 3600_000;

/** Supply chain (logistics) has its own head here, so the escalation has one person to reach. */
const logisticsHead: StaffMember = {
  id: 'head.ma',
  name: 'Ma Qiang',
  email: 'head.ma@closeloop.local',
  role: 'department_head',
  department: 'supply_chain',
  locale: 'zh-CN',
};

/** One real second is one hour of workflow time: a partner's working day passes in about 24 seconds. */
describe('departments working together', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    // Tuesday 24 November 2026, 10:00 in Shanghai.
    env = await lifecycleRuntime('partners', {
      timeScale: 3600,
      clockStart: new Date('2026-11-24T02:00:00Z'),
      staff: [...demoStaff, logisticsHead],
    });
  });
  afterAll(() => stop(env?.runtime));

  it('escalates a partner department’s late answer to its head, and the lead then sees the answer', async () => {
    const { client, waitForEvent, waitForMail } = env;
    const submitted = await client.submit({
      customer: { email: 'late.parcel@example.com', locale: 'zh-CN' },
      category: 'service',
      description: '客服答应帮我查快递，一周了没有任何回音，态度也很敷衍。',
    });
    expect(submitted.department).toBe('customer_service');
    expect((await client.act('agent.li', submitted.id, 'assign')).status).toBe(200);
    expect(
      (await client.act('agent.li', submitted.id, 'contact', { channel: 'phone', note: '已致歉，正在查快递。' }))
        .status,
    ).toBe(200);

    // The lead's agent may not ask; its supervisor asks logistics (supply chain).
    const question = '订单的快递停在中转站一周了，请确认包裹位置和预计送达时间。';
    expect(
      (await client.act('agent.li', submitted.id, 'request-partner', { department: 'supply_chain', question })).status,
    ).toBe(403);
    const asked = await client.act('supervisor.wang', submitted.id, 'request-partner', {
      department: 'supply_chain',
      question,
      reason: '物流由供应链部负责。',
    });
    expect(asked.status).toBe(200);
    await waitForMail('agent.he@closeloop.local', new RegExp(`协办请求.*${submitted.ticketNumber}`));

    // Logistics reads the complaint but gets none of the lead's actions; a department never asked sees nothing.
    const { complaint: seen } = await client.view('agent.he', submitted.id);
    const request = seen.partnerRequests![0]!;
    expect(request).toMatchObject({ department: 'supply_chain', question, askedBy: 'supervisor.wang' });
    expect((await client.act('agent.he', submitted.id, 'note', { text: 'x' })).status).toBe(403);
    await expect(client.view('agent.chen', submitted.id)).rejects.toThrow(/403/);

    // Nobody in logistics answers: at the deadline (one working day) its head is told.
    const escalatedTimeline = await waitForEvent(submitted.id, 'partner_escalated', 1, 60_000);
    const escalated = escalatedTimeline.find((e) => e.type === 'partner_escalated')!;
    expect(escalated.data).toMatchObject({
      requestId: request.id,
      department: 'supply_chain',
      missedDeadline: request.dueAt,
      role: 'department_head',
      notified: ['head.ma'],
    });
    expect(Date.parse(escalated.at)).toBeGreaterThanOrEqual(Date.parse(request.dueAt));
    const headMail = await waitForMail('head.ma@closeloop.local', new RegExp(`协办逾期.*${submitted.ticketNumber}`));
    expect(headMail.body.text).toContain(question);

    // Then logistics answers, and the lead sees it (the one who asked and the owner are mailed).
    const answer = '包裹在中转站破损，今天补发新件，预计周五送达。';
    const answered = await client.act('agent.he', submitted.id, 'answer-partner', { requestId: request.id, answer });
    expect(answered.status).toBe(200);
    await waitForMail('agent.li@closeloop.local', new RegExp(`协办答复.*${submitted.ticketNumber}`));
    const { complaint: lead, timeline } = await client.view('agent.li', submitted.id);
    expect(lead.partnerRequests![0]).toMatchObject({ answer, answeredBy: 'agent.he' });
    expect(lead.partnerRequests![0]!.escalation?.level).toBe(2);
    // The complaint's own work went on meanwhile: still with its owner, in progress.
    expect(lead.status).toBe('in_progress');
    expect(lead.ownerId).toBe('agent.li');
    expect(timeline.map((e) => e.type).filter((t) => t.startsWith('partner_'))).toEqual([
      'partner_requested',
      'partner_escalated',
      'partner_answered',
    ]);

    // Past the time the manager would have been told, had the answer not come: nobody else is.
    const managerAt = Date.parse((escalated.data as { newDeadline: string }).newDeadline);
    await untilWorkflowTime(env.runtime, managerAt + HOUR_MS);
    const later = await env.timeline(submitted.id);
    expect(later.filter((e) => e.type === 'partner_escalated')).toHaveLength(1);
    const managerMails = await client.mails('manager.sun@closeloop.local');
    expect(managerMails.filter((m) => m.subject.includes(submitted.ticketNumber))).toEqual([]);
  });
});
