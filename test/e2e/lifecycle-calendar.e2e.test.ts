import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient } from '../../infra/local/client.js';
import { lifecycleRuntime, stop, types } from '../support/lifecycle.js';

/**
 * One real second is ten hours of workflow time, so working-day timers (the survey's two and
 * three working days, a P3's first contact across the National Day holiday) pass in seconds.
 */
// Workflow time runs on the wall clock (scaled), so these tests take real seconds whatever the load.
describe('working-day timers', { timeout: 90_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    // Wednesday 2026-09-30 09:00 Beijing, the last working day before the National Day holiday. A
    // complaint received at any time of that working day (nine workflow hours: 0.9 real seconds at
    // this scale, room for a busy machine) is due for first contact at the same time on 8 October.
    env = await lifecycleRuntime('calendar', { timeScale: 36_000, clockStart: new Date('2026-09-30T01:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  it('skips the National Day holiday: first contact is due on 8 October, not during the holiday', async () => {
    const { client } = env;
    const submitted = await client.submit({
      customer: { email: 'holiday@example.com', locale: 'zh-CN' },
      description: '快递一直没有送到，已经超过承诺时间三天了。',
    });
    expect(submitted.grade).toBe('P3');
    // Received during the working day of 30 September, + 1 working day (9 working hours) = the same time on
    // Thursday 8 October, the first working day after the holiday: eight calendar days later, not one.
    const received = Date.parse(submitted.receivedAt);
    expect(received).toBeGreaterThanOrEqual(Date.parse('2026-09-30T01:00:00Z'));
    // Whenever the busy machine let it arrive, the holiday (1-7 October) is skipped: nothing is due
    // before the first working hour after it.
    expect(Date.parse(submitted.deadlines.firstContact)).toBeGreaterThanOrEqual(Date.parse('2026-10-08T01:00:00Z'));
    // Received within that working day (the first request loads and compiles the stored policy, which
    // on a loaded machine can take longer than the nine workflow hours it has): the same time on 8 October.
    if (received < Date.parse('2026-09-30T10:00:00Z')) {
      expect(Date.parse(submitted.deadlines.firstContact) - received).toBe(8 * 86_400_000);
    } else {
      // After hours: one working day counted from 09:00 on 8 October ends with that working day.
      expect(Date.parse(submitted.deadlines.firstContact)).toBeLessThanOrEqual(Date.parse('2026-10-09T01:00:00Z'));
    }
    expect((await client.act('agent.he', submitted.id, 'assign')).status).toBe(200);
    const isContactBreach = (e: { type: string; data?: Record<string, unknown> }) =>
      e.type === 'sla_breached' && e.data?.step === 'await_contact';
    const timeline = await eventually(
      'the first-contact breach',
      async () => {
        const t = await env.timeline(submitted.id);
        return t.some(isContactBreach) ? t : undefined;
      },
      60_000,
    );
    const breach = timeline.find(isContactBreach)!;
    expect(breach.data).toMatchObject({ step: 'await_contact', deadline: submitted.deadlines.firstContact, level: 1 });
    expect(Date.parse(breach.at)).toBeGreaterThanOrEqual(Date.parse(submitted.deadlines.firstContact));
    // The customer kept hearing from us through the holiday: at least one automatic progress mail a day.
    const progress = timeline.filter((e) => e.type === 'progress_sent' && e.data?.automatic === true);
    expect(progress.length).toBeGreaterThanOrEqual(7);
    // The acknowledgement, then each progress update (each mail follows its recorded event).
    await eventually('a mail for every progress update', async () => {
      const mailed = await client.mails('holiday@example.com');
      return mailed.length >= 1 + progress.length ? mailed : undefined;
    });
    const { complaint } = await client.view('supervisor.wang', submitted.id);
    expect(complaint).toMatchObject({ status: 'assigned', escalation: { step: 'await_contact', level: 1 } });
  });

  it('reminds an unanswered survey after two working days and closes it after three with "no answer"', async () => {
    const { client, waitForEvent } = env;
    const submitted = await client.submit({
      customer: { email: 'silent@example.com', locale: 'en' },
      description: 'How do I reset the filter indicator? Just a question.',
    });
    expect(submitted.grade).toBe('P4');
    await client.act('agent.li', submitted.id, 'assign');
    await client.act('agent.li', submitted.id, 'contact', { channel: 'email', note: 'Sent the manual page' });
    await client.act('agent.li', submitted.id, 'resolve', { summary: 'Explained how to reset the indicator' });
    const surveyMail = await eventually('the survey mail', async () =>
      (await client.mails('silent@example.com')).find((m) => LocalClient.linkIn(m, 'survey')),
    );
    expect(LocalClient.linkIn(surveyMail, 'survey')).toBeDefined();
    const timeline = await waitForEvent(submitted.id, 'closed', 1, 60_000);
    const t = types(timeline);
    expect(t.indexOf('survey_sent')).toBeLessThan(t.indexOf('survey_reminder_sent'));
    expect(t.indexOf('survey_reminder_sent')).toBeLessThan(t.indexOf('survey_unanswered'));
    expect(timeline.find((e) => e.type === 'closed')?.data).toMatchObject({ reason: 'no_survey_answer' });
    const { complaint } = await client.view('supervisor.wang', submitted.id);
    expect(complaint).toMatchObject({ status: 'closed', closeReason: 'no_survey_answer' });
    const sent = Date.parse(timeline.find((e) => e.type === 'survey_sent')!.at);
    const reminded = Date.parse(timeline.find((e) => e.type === 'survey_reminder_sent')!.at);
    expect(reminded - sent).toBeGreaterThanOrEqual(2 * 9 * 3600_000);
    expect((await client.mails('silent@example.com')).length).toBeGreaterThanOrEqual(4);
  });
});
