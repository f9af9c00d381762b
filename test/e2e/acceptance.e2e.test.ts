import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalClient, type MailboxMail } from '../../infra/local/client.js';
import { sendRawMail } from '../../infra/local/smtp-client.js';
import { presetPolicy } from '../../shared/policy/presets/index.js';
import { stop, types } from '../support/lifecycle.js';
import { presetRuntime } from '../support/presets.js';

/** A plain-text reply as the customer's mail server delivers it. */
function replyMail(from: string, to: string, subject: string, body: string): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      `To: ${to}`,
      `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <${Math.random().toString(36).slice(2)}@customer.example>`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from(body, 'utf8').toString('base64'),
      '',
    ].join('\r\n'),
  );
}

/**
 * The customer accepts the solution before it is carried out (issue 10, 003/004), on the local
 * runtime under the defaults, which ask the customer (`workflow.acceptance`, the references'
 * figures), with scaled time (one real second is a workflow minute).
 */
describe('a customer who asks for a change to the solution and then accepts it', { timeout: 120_000 }, () => {
  const policy = presetPolicy('closeloop');
  let env: Awaited<ReturnType<typeof presetRuntime>>;
  beforeAll(async () => {
    // Monday 30 November 2026, 10:00 in Shanghai.
    env = await presetRuntime('acceptance', policy, { timeScale: 60, clockStart: new Date('2026-11-30T02:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  it('offers the solution by mail, takes a change request from the link and an acceptance by reply, then resolves', async () => {
    const { client, waitForEvent, waitForMail, waitForStatus } = env;
    const email = 'wet.parcel@example.com';
    const submitted = await client.submit({
      customer: { name: 'Ann Lee', email, locale: 'en' },
      description: 'My parcel arrived four days late and the box was wet.',
    });
    expect(submitted.grade).toBe('P3');
    await waitForMail(email, /received your complaint/);
    expect((await client.act('agent.he', submitted.id, 'assign')).status).toBe(200);
    expect((await client.act('agent.he', submitted.id, 'contact', { channel: 'phone', note: 'Called' })).status).toBe(
      200,
    );

    // The owner proposes; the customer is told by mail, with the link to answer.
    const proposal = { summary: 'The courier re-delivers a new parcel', remedy: 'replacement' };
    expect((await client.act('agent.he', submitted.id, 'propose', proposal)).status).toBe(200);
    const offer = await waitForMail(email, /solution we propose/);
    expect(offer.body.text).toContain('The courier re-delivers a new parcel');
    // Carrying it out waits for the customer.
    expect((await client.act('agent.he', submitted.id, 'resolve', { summary: 'Delivered' })).status).toBe(409);

    // The customer asks for a change from the status page's link.
    const statusUrl = LocalClient.linkIn(offer, 'status')!;
    const change = await fetch(`${statusUrl}/acceptance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answer: 'change', reason: 'I would rather have a refund.' }),
    });
    expect(change.status).toBe(200);
    expect(await change.json()).toMatchObject({ answer: 'change_requested', status: 'in_progress' });
    // agent.he reads Chinese.
    await waitForMail('agent.he@closeloop.local', /客户要求调整解决方案/);

    // The owner proposes again: a refund. A second offer goes out.
    const refund = { summary: 'We refund the parcel in full', remedy: 'refund', amount: 89 };
    expect((await client.act('agent.he', submitted.id, 'propose', refund)).status).toBe(200);
    const second = await waitForEvent(submitted.id, 'solution_offered', 2);
    expect(second.filter((e) => e.type === 'solution_offered').at(-1)?.data).toMatchObject({ summary: refund.summary });
    const secondOffer = (await client.mails(email)).filter((m: MailboxMail) => /solution we propose/.test(m.subject));
    expect(secondOffer).toHaveLength(2);
    const latest = secondOffer.find((m) => m.body.text?.includes(refund.summary))!;

    // The customer accepts by replying to the mail.
    const replyTo = latest.replyTo?.[0];
    expect(replyTo).toMatch(/^[^@]+\+[^@]+@/);
    const delivered = await sendRawMail({
      port: env.runtime.inboundMail!.smtpPort,
      from: email,
      to: [replyTo!],
      raw: replyMail(email, replyTo!, `Re: ${latest.subject}`, 'I accept, thank you.'),
    });
    expect(delivered.delivered?.code).toBe(250);
    await waitForEvent(submitted.id, 'solution_accepted');

    // The work goes on: the owner resolves, the result follows.
    expect((await client.act('agent.he', submitted.id, 'resolve', { summary: 'Refunded 89' })).status).toBe(200);
    const done = await waitForStatus(submitted.id, 'awaiting_survey');
    expect(done.solution).toMatchObject({
      summary: refund.summary,
      acceptance: { answer: 'accepted', via: 'email', by: 'customer' },
    });
    const timeline = await waitForEvent(submitted.id, 'survey_sent');
    const story = types(timeline).filter((t) =>
      [
        'solution_proposed',
        'solution_offered',
        'solution_change_requested',
        'solution_accepted',
        'resolved',
        'result_sent',
      ].includes(t),
    );
    expect(story).toEqual([
      'solution_proposed',
      'solution_offered',
      'solution_change_requested',
      'solution_proposed',
      'solution_offered',
      'solution_accepted',
      'resolved',
      'result_sent',
    ]);
    expect(timeline.find((e) => e.type === 'solution_change_requested')?.data).toMatchObject({
      via: 'link',
      reason: 'I would rather have a refund.',
    });
  });
});
