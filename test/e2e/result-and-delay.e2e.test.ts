import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalClient } from '../../infra/local/client.js';
import { demoStaff } from '../../infra/local/demo-staff.js';
import { lifecycleRuntime, stop, types, untilWorkflowTime } from '../support/lifecycle.js';

const HOUR_MS = 3600_000;

/** One real second is one hour of workflow time. */
describe('a delay told to the customer, then the result with its evidence', { timeout: 150_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    // Tuesday 24 November 2026, 10:00 in Shanghai.
    env = await lifecycleRuntime('result-and-delay', {
      timeScale: 3600,
      clockStart: new Date('2026-11-24T02:00:00Z'),
    });
  });
  afterAll(() => stop(env?.runtime));

  it('mails the new date and reason, holds the no-news mail until then, and sends the result with its evidence link within resultWithin', async () => {
    const { client, waitForEvent, waitForMail, waitForStatus } = env;
    const customer = 'slow.fix@example.com';
    const submitted = await client.submit({
      customer: { email: customer, name: 'Sam Young', locale: 'en' },
      category: 'function_fault',
      description: 'The app crashes every time I open the order history page.',
      details: {
        occurredAt: '2026-11-23T20:15',
        occurredWhere: 'Order history page, Android app',
        alreadyTried: 'Reinstalled the app and cleared its cache.',
      },
    });
    const { complaint: received } = await client.view('supervisor.wang', submitted.id);
    expect(received.details).toEqual({
      occurredAt: '2026-11-23T20:15',
      occurredWhere: 'Order history page, Android app',
      alreadyTried: 'Reinstalled the app and cleared its cache.',
    });
    // The demo agent of the department it was routed to (agents work only on their own department's).
    const owner = demoStaff.find((s) => s.role === 'agent' && s.department === received.department)!.id;
    expect((await client.act(owner, submitted.id, 'assign')).status).toBe(200);
    expect(
      (await client.act(owner, submitted.id, 'contact', { channel: 'phone', note: 'Confirmed the crash.' })).status,
    ).toBe(200);

    // The owner tells the customer of a delay: the new date (Friday) and the reason, in English.
    const reason = 'The fix needs a new app release, which goes through store review.';
    const delayed = await client.act(owner, submitted.id, 'notify-delay', { newDate: '2026-11-27', reason });
    expect(delayed.status).toBe(200);
    const delayMail = await waitForMail(customer, /take longer than planned/);
    expect(delayMail.body.text).toContain('We now expect to have it done by 27 November 2026.');
    expect(delayMail.body.text).toContain(reason);
    const { complaint: told, timeline: afterDelay } = await client.view(owner, submitted.id);
    expect(told.deadlines).toEqual(received.deadlines);
    expect(afterDelay.find((e) => e.type === 'delay_notified')?.data).toMatchObject({
      newDate: '2026-11-27',
      reason,
      deadlinesMoved: false,
    });

    // A day and more passes: the 24-hour rule would send a "no news" mail, but a told delay holds it.
    await untilWorkflowTime(env.runtime, Date.parse(told.delay!.toldAt) + 26 * HOUR_MS);
    const progress = (await client.mails(customer)).filter((m) => /An update on your/.test(m.subject));
    expect(progress).toEqual([]);

    // Engineering records the fix; the owner proposes, the customer accepts, the owner resolves with evidence.
    expect(
      (await client.act(owner, submitted.id, 'record-fix', { version: '4.2.1', releaseDate: '2026-11-27' })).status,
    ).toBe(200);
    expect((await client.act(owner, submitted.id, 'propose', { summary: 'Ship the fix in 4.2.1.' })).status).toBe(200);
    await env.acceptSolution(submitted.id);
    const evidence = 'https://files.example.com/release-notes/4.2.1.html';
    const resolved = await client.act(owner, submitted.id, 'resolve', {
      summary: 'Version 4.2.1 fixes the crash on the order history page.',
      evidence: [{ url: evidence, label: 'Release notes of 4.2.1' }],
    });
    expect(resolved.status).toBe(200);

    const result = await waitForMail(customer, /The result of your complaint/);
    expect(result.body.text).toContain('Version 4.2.1 fixes the crash');
    expect(result.body.text).toContain(evidence);
    expect(result.body.text).toContain('Fixed in version: 4.2.1');
    // The signed, expiring status link in the result mail opens a page that shows the evidence and the fix.
    const statusUrl = LocalClient.linkIn(result, 'status')!;
    const statusPage = await (await fetch(`${statusUrl}?lang=en`, { headers: { accept: 'text/html' } })).text();
    expect(statusPage).toContain(`href="${evidence}"`);
    expect(statusPage).toContain('4.2.1');

    const timeline = await waitForEvent(submitted.id, 'survey_sent');
    const resolvedEvent = timeline.find((e) => e.type === 'resolved')!;
    const sent = timeline.find((e) => e.type === 'result_sent')!;
    const due = (resolvedEvent.data as { resultDue: string }).resultDue;
    expect(Date.parse(sent.at)).toBeLessThanOrEqual(Date.parse(due));
    expect(sent.data).not.toHaveProperty('late');
    const story = [
      'delay_notified',
      'fix_recorded',
      'solution_offered',
      'solution_accepted',
      'resolved',
      'result_sent',
    ];
    expect(types(timeline).filter((t) => [...story, 'survey_sent'].includes(t))).toEqual([...story, 'survey_sent']);
    expect(types(timeline)).not.toContain('sla_breached');
    const final = await waitForStatus(submitted.id, 'awaiting_survey');
    expect(final.resultEvidence).toEqual([{ url: evidence, label: 'Release notes of 4.2.1' }]);
  });
});
