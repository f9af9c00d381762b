import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../infra/local/client.js';
import { defaultWorkflowPolicy } from '../../shared/policy/default-policy.js';
import { lifecycleRuntime, stop, types, untilWorkflowTime } from '../support/lifecycle.js';

const HOUR_MS = 3600_000;

/**
 * Legal review and the major-incident timetable of 004 3.2.3 on the local runtime, under the default
 * policy (the compensation plan is due 48 h after receipt) but for legal's time, 8 h instead of 24 h,
 * so the late review comes well before the 48 h even on a loaded machine. Scaled time: one real
 * second is half an hour of workflow time, so the 48 h pass in about a minute and a half.
 */
describe('a P1 whose plan waits for legal review', { timeout: 300_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    const workflow = { ...defaultWorkflowPolicy, legalReviewWithin: { hours: 8 } };
    // Tuesday 24 November 2026, 10:00 in Shanghai.
    env = await lifecycleRuntime('legal-review', {
      timeScale: 1800,
      clockStart: new Date('2026-11-24T02:00:00Z'),
      env: { RATE_LIMIT_PER_MINUTE: '0', CLOSELOOP_POLICY: JSON.stringify({ workflow }) },
    });
    // Starting the runtime (synth, tables, emulators) takes minutes on a loaded machine.
  }, 300_000);
  afterAll(() => stop(env?.runtime));

  it('holds approval while legal reviews, takes a return, escalates the late review and the missed compensation plan to management, then resolves', async () => {
    const { client, waitForEvent, waitForMail, waitForStatus } = env;
    const email = 'smoking.kettle@example.com';
    const submitted = await client.submit({
      customer: { name: '刘洋', email, locale: 'zh-CN' },
      description: '新买的电热水壶底座冒烟，还有烧焦的味道，孩子差点被烫到。',
      product: { model: 'KT-17' },
    });
    expect(submitted).toMatchObject({ grade: 'P1', department: 'quality' });
    const id = submitted.id;
    const ticket = submitted.ticketNumber;
    const ok = async (user: string, action: string, body?: unknown) => {
      const response = await client.act(user, id, action, body);
      expect(response.status, `${user} ${action}: ${JSON.stringify(response.body)}`).toBe(200);
      return response;
    };

    // Management hears of a P1 at once (its own side clock), in the manager's language.
    await waitForEvent(id, 'management_notified');
    await waitForMail('manager.sun@closeloop.local', new RegExp(`Critical complaint.*${ticket}`));
    await ok('agent.chen', 'assign');
    await ok('agent.chen', 'contact', { channel: 'phone', note: '已致电客户，确认无人受伤，已停用产品。' });

    // The plan goes to legal; nobody may approve it meanwhile.
    await ok('agent.chen', 'propose', { summary: '全额退款并上门回收', remedy: 'refund', amount: 500 });
    await waitForMail('legal.qian@closeloop.local', new RegExp(`法务审核.*${ticket}`));
    const held = await client.act('head.zhao', id, 'approve', { note: '同意' });
    expect(held.status).toBe(409);
    expect(JSON.stringify(held.body)).toContain('legal_review_pending');
    // Only legal decides on the review.
    expect((await client.act('head.zhao', id, 'legal-approve')).status).toBe(403);

    // Legal returns it once, with a note the owner reads in a mail.
    const note = '退款须注明不构成对产品缺陷的承认，并先完成质检。';
    await ok('legal.qian', 'legal-return', { note });
    const returned = await waitForMail('agent.chen@closeloop.local', new RegExp(`法务退回.*${ticket}`));
    expect(returned.body.text).toContain(note);
    expect((await client.act('head.zhao', id, 'approve')).status).toBe(409);

    // The owner proposes again; this time legal lets its 8 h pass.
    await ok('agent.chen', 'propose', {
      summary: '质检后全额退款并上门回收（不构成缺陷承认）',
      remedy: 'refund',
      amount: 500,
    });
    const { complaint: proposed } = await client.view('agent.chen', id);
    expect(proposed.solution?.legal).toMatchObject({ state: 'pending' });
    const reviewDue = proposed.solution!.legal!.dueAt;
    const compensationDue = proposed.deadlines.compensationPlan!;
    expect(Date.parse(compensationDue) - Date.parse(proposed.receivedAt)).toBe(48 * HOUR_MS);
    expect(Date.parse(reviewDue) - Date.parse(proposed.solution!.legal!.requestedAt)).toBe(8 * HOUR_MS);

    // The late review goes straight to management (and reminds legal): a timeline event and mails.
    const lateReview = await eventually(
      'the late legal review on the timeline',
      async () => (await env.timeline(id)).find((e) => e.type === 'sla_breached' && e.data?.step === 'await_legal'),
      90_000,
    );
    expect(lateReview.data).toMatchObject({ deadline: reviewDue, role: 'manager' });
    expect(lateReview.data?.notified).toEqual(expect.arrayContaining(['manager.sun', 'legal.qian']));
    expect(Date.parse(lateReview.at)).toBeGreaterThanOrEqual(Date.parse(reviewDue));
    await waitForMail('manager.sun@closeloop.local', new RegExp(`Escalation: .*${ticket}`));

    // Still no approved plan 48 h after receipt: management is told that the compensation plan is late.
    const missedTimeline = await waitForEvent(id, 'compensation_plan_missed', 1, 150_000);
    const missed = missedTimeline.find((e) => e.type === 'compensation_plan_missed')!;
    expect(missed.data).toMatchObject({ deadline: compensationDue, notified: ['manager.sun'] });
    expect(Date.parse(missed.at)).toBeGreaterThanOrEqual(Date.parse(compensationDue));
    await waitForMail('manager.sun@closeloop.local', new RegExp(`Compensation plan overdue.*${ticket}`));

    // Legal approves, the head approves, the customer is told the plan and accepts it, the owner
    // carries it out: the result goes to the customer.
    await ok('legal.qian', 'legal-approve', { note: '可以。' });
    const approval = await waitForMail('head.zhao@closeloop.local', new RegExp(`待审批.*${ticket}`));
    // The approval mail says the customer is told once it is approved (issue 10): and so they are.
    expect(approval.body.text).toContain('经您批准后，方案将告知客户并请其确认。');
    await ok('head.zhao', 'approve', { note: '同意退款。' });
    const { offer } = await env.acceptSolution(id);
    expect(offer.subject).toBe(`您的投诉（编号 ${ticket}）的解决方案`);
    expect(offer.body.text).toContain('质检后全额退款并上门回收（不构成缺陷承认）');
    await ok('agent.chen', 'resolve', { summary: '质检完成，已全额退款 500 元并回收产品。' });
    const done = await waitForStatus(id, 'awaiting_survey', 60_000);
    expect(done.solution).toMatchObject({
      approval: 'approved',
      legal: { state: 'approved', reviewerId: 'legal.qian' },
    });
    expect(done.compensationPlanMissed?.notified).toEqual(['manager.sun']);

    const timeline = await waitForEvent(id, 'survey_sent');
    const story = types(timeline).filter((t) =>
      [
        'management_notified',
        'solution_proposed',
        'legal_review_requested',
        'legal_review_returned',
        'legal_review_approved',
        'compensation_plan_missed',
        'solution_approved',
        'solution_offered',
        'solution_accepted',
        'resolved',
        'result_sent',
      ].includes(t),
    );
    expect(story).toEqual([
      'management_notified',
      'solution_proposed',
      'legal_review_requested',
      'legal_review_returned',
      'solution_proposed',
      'legal_review_requested',
      'compensation_plan_missed',
      'legal_review_approved',
      'solution_approved',
      'solution_offered',
      'solution_accepted',
      'resolved',
      'result_sent',
    ]);
    // The compensation plan's clock fired once: nobody hears of it again after the plan is approved.
    await untilWorkflowTime(env.runtime, Date.parse(compensationDue) + 4 * HOUR_MS);
    expect((await env.timeline(id)).filter((e) => e.type === 'compensation_plan_missed')).toHaveLength(1);
    const customerMails = await client.mails(email);
    expect(customerMails.some((m) => m.body.text?.includes(ticket))).toBe(true);
  });
});
