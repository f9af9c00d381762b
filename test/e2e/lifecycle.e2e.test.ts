import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { lifecycleRuntime, stop, types, untilWorkflowTime } from '../support/lifecycle.js';

/**
 * The lifecycle on the local runtime with scaled time: one real second is ten minutes of
 * workflow time, so a P3 complaint's working-day deadlines are minutes away and a test's
 * actions (milliseconds) never race them. Monday-to-Friday start: Tuesday 10:00 Beijing.
 */
// Workflow time runs on the wall clock (scaled), so these tests take real seconds whatever the load.
describe('the complaint lifecycle', { timeout: 90_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    env = await lifecycleRuntime('lifecycle', { timeScale: 600, clockStart: new Date('2026-11-24T02:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  async function resolvedComplaint(email: string, description: string) {
    const { client, waitForMail, waitForEvent, acceptSolution } = env;
    const submitted = await client.submit({ customer: { name: 'Ann Lee', email, locale: 'en' }, description });
    await waitForMail(email, /received your complaint/);
    expect((await client.act('agent.he', submitted.id, 'assign')).status).toBe(200);
    expect(
      (await client.act('agent.he', submitted.id, 'contact', { channel: 'phone', note: 'Called, apologised' })).status,
    ).toBe(200);
    expect(
      (
        await client.act('agent.he', submitted.id, 'propose', {
          summary: 'Courier re-delivers tomorrow',
          remedy: 'apology',
        })
      ).status,
    ).toBe(200);
    // The customer is told the solution and accepts it from the mail before it is carried out.
    const { offer } = await acceptSolution(submitted.id);
    expect(offer.body.text).toContain('Courier re-delivers tomorrow');
    expect(
      (await client.act('agent.he', submitted.id, 'resolve', { summary: 'Delivered on 25 November' })).status,
    ).toBe(200);
    await waitForEvent(submitted.id, 'survey_sent');
    const survey = await eventually('the survey mail', async () =>
      (await client.mails(email)).find((m) => LocalClient.linkIn(m, 'survey')),
    );
    const surveyUrl = LocalClient.linkIn(survey, 'survey');
    expect(surveyUrl).toBeDefined();
    return { ...submitted, surveyUrl: surveyUrl! };
  }

  it('carries a complaint from receipt to archive on the happy path', async () => {
    const { client, waitForEvent, waitForStatus } = env;
    const complaint = await resolvedComplaint(
      'happy@example.com',
      'My parcel arrived four days late and the box was wet.',
    );
    expect(complaint.grade).toBe('P3');
    expect((await client.answerSurvey(complaint.surveyUrl, { score: 5, verdict: 'satisfied' })).status).toBe(200);
    await waitForStatus(complaint.id, 'closed');
    const timeline = await waitForEvent(complaint.id, 'archived');
    expect(types(timeline)).toEqual([
      'received',
      'graded',
      'acknowledgement_sent',
      'assigned',
      'customer_contacted',
      'solution_proposed',
      'solution_offered',
      'solution_accepted',
      'resolved',
      'result_sent',
      'survey_sent',
      'survey_answered',
      'closed',
      'archived',
    ]);
    // Acknowledgement, the solution offered, result, survey, and the closing note.
    const mails = await eventually('the closing mail', async () => {
      const m = await client.mails('happy@example.com');
      return m.length >= 5 ? m : undefined;
    });
    expect(mails).toHaveLength(5);
    const archived = timeline.find((e) => e.type === 'archived')!;
    expect(archived.data).toMatchObject({
      handling: { closed: expect.objectContaining({ minutes: expect.any(Number) }) },
    });
  });

  it('reopens a complaint one grade higher under a supervisor who is told, and needs a new contact and solution', async () => {
    const { client, waitForEvent, waitForMail } = env;
    const complaint = await resolvedComplaint(
      'unhappy@example.com',
      'The delivery was late again and the courier was rude.',
    );
    expect(
      (
        await client.answerSurvey(complaint.surveyUrl, {
          score: 2,
          verdict: 'dissatisfied',
          reason: 'Still no apology',
        })
      ).status,
    ).toBe(200);
    await waitForEvent(complaint.id, 'reopened');
    const { complaint: reopened } = await client.view('supervisor.wang', complaint.id);
    expect(reopened).toMatchObject({ status: 'reopened', grade: 'P2', reopenCount: 1, overseerId: 'supervisor.wang' });
    await waitForMail('unhappy@example.com', /reopen|follow/i);
    // The supervisor who now oversees it is told.
    await waitForMail('supervisor.wang@closeloop.local', /Reopened|重新处理/);
    // The old solution did not satisfy: resolving needs a new contact and a new solution first.
    expect((await client.act('agent.he', complaint.id, 'resolve', { summary: 'Same again' })).status).toBe(409);
    await client.act('agent.he', complaint.id, 'contact', { channel: 'phone', note: 'Apologised in person' });
    await client.act('agent.he', complaint.id, 'propose', { summary: 'Voucher and a written apology' });
    // The new solution is offered and waits for the customer's acceptance too.
    expect((await client.act('agent.he', complaint.id, 'resolve', { summary: 'Voucher sent' })).status).toBe(409);
    await env.acceptSolution(complaint.id, 2);
    // Resolving again sends a new survey, and a satisfied answer closes it.
    expect(
      (await client.act('agent.he', complaint.id, 'resolve', { summary: 'Apology call made; voucher sent' })).status,
    ).toBe(200);
    const timeline = await waitForEvent(complaint.id, 'survey_sent', 2);
    expect(types(timeline).filter((t) => t === 'result_sent')).toHaveLength(2);
    const second = (await client.mails('unhappy@example.com')).filter((m) => LocalClient.linkIn(m, 'survey')).at(-1)!;
    expect((await client.answerSurvey(LocalClient.linkIn(second, 'survey')!, { score: 4 })).status).toBe(200);
    await env.waitForStatus(complaint.id, 'closed');
  });

  it('pauses the clock while waiting for the customer’s information and resumes on their reply', async () => {
    const { client, waitForMail, waitForEvent } = env;
    const submitted = await client.submit({
      customer: { email: 'info@example.com', locale: 'en' },
      description: 'The kettle leaks from the bottom.',
    });
    await waitForMail('info@example.com', /received your complaint/);
    await client.act('agent.chen', submitted.id, 'assign');
    await client.act('agent.chen', submitted.id, 'contact', { channel: 'phone', note: 'Asked for a photo' });
    const before = (await client.view('agent.chen', submitted.id)).complaint;
    expect(
      (
        await client.act('agent.chen', submitted.id, 'request-info', {
          question: 'Could you send a photo of the base?',
        })
      ).status,
    ).toBe(200);
    const ask = await waitForMail('info@example.com', /information|photo|need/i);
    const statusUrl = LocalClient.linkIn(ask, 'status')!;
    await untilWorkflowTime(env.runtime, env.runtime.clock.now().getTime() + 15 * 60_000); // 15 minutes pass while paused
    expect((await client.reply(statusUrl, 'Photo uploaded: https://example.com/base.jpg')).status).toBe(200);
    const timeline = await waitForEvent(submitted.id, 'customer_replied');
    expect(types(timeline)).toContain('info_requested');
    const after = (await client.view('agent.chen', submitted.id)).complaint as {
      status: string;
      deadlines: { resolve: string };
    };
    expect(after.status).toBe('in_progress');
    const shiftMinutes = (Date.parse(after.deadlines.resolve) - Date.parse(before.deadlines.resolve)) / 60_000;
    expect(shiftMinutes).toBeGreaterThanOrEqual(14);
  });
});
