import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, LocalClient, type MailboxMail } from '../../infra/local/client.js';
import { sendRawMail } from '../../infra/local/smtp-client.js';
import { lifecycleRuntime, stop, type Timeline, types } from '../support/lifecycle.js';

/**
 * Email both ways on the local runtime, through its SMTP port, as a customer's mail server would
 * deliver: replies land on their complaint with only the new text, machine mail does nothing, a
 * bounce marks the address, a stranger's mail becomes a complaint, and the survey's score links
 * only choose a score. Skipped while receiving mail is the contract placeholder (a branch without
 * the inbound use case); it runs as soon as the real one is there.
 */
/** A 1x1 PNG: the photo a customer attaches. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function eml(opts: {
  from: string;
  to: string;
  subject: string;
  body: string;
  inReplyTo?: string;
  headers?: string[];
  attachment?: { name: string; type: string; content: Buffer };
}): Buffer {
  const encodedSubject = `=?UTF-8?B?${Buffer.from(opts.subject, 'utf8').toString('base64')}?=`;
  const head = [
    `From: ${opts.from}`,
    `To: ${opts.to}`,
    `Subject: ${encodedSubject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@customer.example>`,
    ...(opts.inReplyTo ? [`In-Reply-To: <${opts.inReplyTo}>`, `References: <${opts.inReplyTo}>`] : []),
    ...(opts.headers ?? []),
    'MIME-Version: 1.0',
  ];
  const text = Buffer.from(opts.body, 'utf8').toString('base64');
  if (!opts.attachment) {
    return Buffer.from(
      [...head, 'Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64', '', text, ''].join(
        '\r\n',
      ),
    );
  }
  const name = `=?UTF-8?B?${Buffer.from(opts.attachment.name, 'utf8').toString('base64')}?=`;
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      text,
      '--b1',
      `Content-Type: ${opts.attachment.type}; name="${name}"`,
      `Content-Disposition: attachment; filename="${name}"`,
      'Content-Transfer-Encoding: base64',
      '',
      opts.attachment.content.toString('base64'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}

/** A delivery status notification (RFC 3464) that names `failed` as a recipient that does not exist. */
function bounce(to: string, failed: string): Buffer {
  return Buffer.from(
    [
      'From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>',
      `To: ${to}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      `Your message could not be delivered to <${failed}>: 550 5.1.1 user unknown.`,
      '--r1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.customer.example',
      '',
      `Final-Recipient: rfc822; ${failed}`,
      'Action: failed',
      'Status: 5.1.1',
      `Diagnostic-Code: smtp; 550 5.1.1 <${failed}>: user unknown`,
      '--r1--',
      '',
    ].join('\r\n'),
  );
}

/** The demo agent of each department (README: Walk a complaint through its lifecycle). */
const AGENT_OF: Record<string, string> = {
  customer_service: 'agent.li',
  quality: 'agent.chen',
  technical_support: 'agent.smith',
  supply_chain: 'agent.he',
  finance: 'agent.zhou',
};

describe('mail both ways, through the local SMTP port', { timeout: 120_000 }, () => {
  let env: Awaited<ReturnType<typeof lifecycleRuntime>>;
  beforeAll(async () => {
    env = await lifecycleRuntime('mail', { timeScale: 600, clockStart: new Date('2026-11-24T02:00:00Z') });
  });
  afterAll(() => stop(env?.runtime));

  const deliver = async (from: string, to: string, raw: Buffer) => {
    const result = await sendRawMail({ port: env.runtime.inboundMail!.smtpPort, from, to: [to], raw });
    expect(result.delivered?.code, `${to}: ${JSON.stringify(result.recipients)}`).toBe(250);
  };
  const supportAddress = () => env.runtime.inboundMail!.recipients.find((r) => r.includes('@'))!;
  const replyAddressOf = (mail: MailboxMail) => {
    const address = mail.replyTo?.[0];
    expect(address, `Reply-To of "${mail.subject}"`).toMatch(/^[^@]+\+[^@]+@/);
    return address!;
  };
  const eventsOf = (timeline: Timeline, type: string) => timeline.filter((e) => e.type === type);

  async function acknowledged(email: string, description: string) {
    const complaint = await env.client.submit({ customer: { name: 'Ann Lee', email, locale: 'en' }, description });
    const ack = await env.waitForMail(email, /received your complaint/);
    // The mail goes out before its event is written: wait for both, so a later snapshot is settled.
    await env.waitForEvent(complaint.id, 'acknowledgement_sent');
    return { complaint, ack };
  }

  async function resolved(email: string, description: string) {
    const { client, waitForEvent } = env;
    const { complaint } = await acknowledged(email, description);
    // An agent takes only complaints routed to their own department.
    const agent = AGENT_OF[complaint.department] ?? 'supervisor.wang';
    expect((await client.act(agent, complaint.id, 'assign')).status).toBe(200);
    expect((await client.act(agent, complaint.id, 'contact', { channel: 'phone', note: 'Called' })).status).toBe(200);
    expect(
      (await client.act(agent, complaint.id, 'propose', { summary: 'Technician visits', remedy: 'repair' })).status,
    ).toBe(200);
    await env.acceptSolution(complaint.id);
    expect((await client.act(agent, complaint.id, 'resolve', { summary: 'Repaired' })).status).toBe(200);
    await waitForEvent(complaint.id, 'survey_sent');
    const survey = await eventually('the survey mail', async () =>
      (await client.mails(email)).find((m) => LocalClient.linkIn(m, 'survey')),
    );
    return { complaint, survey };
  }

  it('puts a reply to the acknowledgement on its complaint, with only the new text', async () => {
    const email = 'reply-ack@example.com';
    const { complaint, ack } = await acknowledged(email, 'My parcel arrived four days late and the box was wet.');

    await deliver(
      email,
      replyAddressOf(ack),
      eml({
        from: `Ann Lee <${email}>`,
        to: replyAddressOf(ack),
        subject: `Re: ${ack.subject}`,
        body: `The order number is 7731-2209.\n\nOn Tue, 24 Nov 2026 Closeloop wrote:\n> ${ack.body.text?.split('\n')[0]}\n`,
      }),
    );

    const timeline = await env.waitForEvent(complaint.id, 'customer_replied');
    const [replied] = eventsOf(timeline, 'customer_replied');
    expect(replied!.data).toMatchObject({ via: 'email', matchedBy: 'reply_address' });
    expect(replied!.data!.message).toContain('The order number is 7731-2209.');
    expect(replied!.data!.message).not.toContain('wrote:');
  });

  it('lands a reply without our Reply-To that names our message id in In-Reply-To', async () => {
    const email = 'reply-in-reply-to@example.com';
    const { complaint, ack } = await acknowledged(email, 'The technician never came on Friday.');

    await deliver(
      email,
      supportAddress(),
      eml({
        from: email,
        to: supportAddress(),
        subject: 'About my complaint',
        // SES returns the id; the domain part differs by region.
        inReplyTo: `${ack.messageId}@eu-west-1.amazonses.com`,
        body: 'Please call me after 6 pm.',
      }),
    );

    const timeline = await env.waitForEvent(complaint.id, 'customer_replied');
    expect(eventsOf(timeline, 'customer_replied')[0]!.data).toMatchObject({ via: 'email', matchedBy: 'message_id' });
  });

  it('does nothing and sends nothing for an out-of-office answer', async () => {
    const email = 'away@example.com';
    const { complaint, ack } = await acknowledged(email, 'My invoice shows the wrong amount.');
    const before = await env.timeline(complaint.id);
    const mailsBefore = (await env.client.mails(email)).length;

    await deliver(
      email,
      replyAddressOf(ack),
      eml({
        from: email,
        to: replyAddressOf(ack),
        subject: `Automatic reply: ${ack.subject}`,
        headers: ['Auto-Submitted: auto-replied', 'X-Auto-Response-Suppress: All'],
        body: 'I am out of the office until 7 December.',
      }),
    );

    // The SMTP answer comes after the function ran: whatever it did is on the timeline now.
    expect(types(await env.timeline(complaint.id))).toEqual(types(before));
    expect((await env.client.mails(email)).length).toBe(mailsBefore);
  });

  it('marks the address unreachable on a bounce that reaches the reply address', async () => {
    const email = 'no.such.user@example.com';
    const { complaint, ack } = await acknowledged(email, 'The kettle I bought leaks.');

    await deliver('', replyAddressOf(ack), bounce(replyAddressOf(ack), email));

    const timeline = await env.waitForEvent(complaint.id, 'address_unreachable');
    expect(eventsOf(timeline, 'address_unreachable')[0]!.data).toMatchObject({
      address: email,
      kind: 'bounce',
      source: 'delivery_report',
    });
  });

  it('reopens a resolved complaint on a reply that says it is still not fixed', async () => {
    const email = 'still-broken@example.com';
    const { complaint, survey } = await resolved(email, 'My parcel was left out in the rain and arrived soaked.');

    await deliver(
      email,
      replyAddressOf(survey),
      eml({
        from: email,
        to: replyAddressOf(survey),
        subject: `Re: ${survey.subject}`,
        body: '还是不行，今天送来的包裹又是湿的。',
      }),
    );

    await env.waitForEvent(complaint.id, 'reopened');
    expect((await env.client.view('supervisor.wang', complaint.id)).complaint.status).not.toBe('resolved');
  });

  it("makes a stranger's mail with a photo a new graded complaint with its attachment", async () => {
    const email = 'stranger@example.com';

    await deliver(
      email,
      supportAddress(),
      eml({
        from: `=?UTF-8?B?${Buffer.from('刘洋').toString('base64')}?= <${email}>`,
        to: supportAddress(),
        subject: '咖啡机到货破损',
        body: '收到的咖啡机外包装破损，机身有裂痕，照片见附件。',
        attachment: { name: '破损的包装.png', type: 'image/png', content: PNG },
      }),
    );

    const ack = await env.waitForMail(email, /\d{6}-\d{4}/);
    const ticketNumber = /\d{6}-\d{4}/.exec(ack.subject)![0];
    const { complaint, timeline } = await env.client.view('supervisor.wang', ticketNumber);
    expect(complaint.grade).toMatch(/^P[1-4]$/);
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['received', 'graded']));
    expect(JSON.stringify(timeline)).toContain('破损的包装.png');
  });

  it('only chooses a score through a survey link, and closes or reopens once the customer submits', async () => {
    const { client, waitForStatus, waitForEvent } = env;
    const happy = await resolved('score-happy@example.com', 'The courier was rude at the door.');
    const unhappy = await resolved('score-unhappy@example.com', 'The courier threw the parcel over the fence.');
    const scoreLink = (mail: MailboxMail, score: number) => {
      const link = mail.body.text?.match(new RegExp(`https?://\\S+/survey/\\S*score=${score}\\b\\S*`))?.[0];
      expect(link, `score ${score} link in "${mail.subject}"`).toBeDefined();
      return link!;
    };

    // Opening a link (a person, or a mail scanner) records nothing.
    expect((await fetch(scoreLink(happy.survey, 5))).status).toBe(200);
    expect(types(await env.timeline(happy.complaint.id))).not.toContain('survey_answered');

    expect(
      (await client.answerSurvey(scoreLink(happy.survey, 5).split('?')[0]!, { score: 5, verdict: 'satisfied' })).status,
    ).toBe(200);
    await waitForStatus(happy.complaint.id, 'closed');

    expect((await fetch(scoreLink(unhappy.survey, 1))).status).toBe(200);
    expect(
      (await client.answerSurvey(scoreLink(unhappy.survey, 1).split('?')[0]!, { score: 1, verdict: 'dissatisfied' }))
        .status,
    ).toBe(200);
    await waitForEvent(unhappy.complaint.id, 'reopened');
  });

  it('lands a reply to a merged duplicate’s mail on the complaint it was merged into, after telling the customer once', async () => {
    const email = 'merged-twice@example.com';
    const first = await acknowledged(email, 'The courier left my parcel in the rain and the box is soaked.');
    const second = await acknowledged(email, 'Writing again: the parcel from last week was left outside in the rain.');
    const merge = await env.client.act('manager.sun', second.complaint.id, 'merge', {
      into: first.complaint.ticketNumber,
      reason: 'The same wet parcel, written about twice.',
    });
    expect(merge.status).toBe(200);
    const told = await env.waitForMail(email, new RegExp(`now handled with ${first.complaint.ticketNumber}`));
    expect(told.body.text).toContain('/status/');

    await deliver(
      email,
      replyAddressOf(second.ack),
      eml({
        from: `Ann Lee <${email}>`,
        to: replyAddressOf(second.ack),
        subject: `Re: ${second.ack.subject}`,
        body: 'Photos of the wet box are on their way.',
      }),
    );
    const timeline = await env.waitForEvent(first.complaint.id, 'customer_replied');
    expect(eventsOf(timeline, 'customer_replied')[0]!.data!.message).toContain('Photos of the wet box');
    expect(eventsOf(timeline, 'merged_from')).toHaveLength(1);
    const duplicate = await env.timeline(second.complaint.id);
    expect(types(duplicate)).toContain('merged_into');
    expect(types(duplicate)).not.toContain('customer_replied');
    expect(types(duplicate)).not.toContain('follow_up_opened');
    expect((await env.client.mails(email)).filter((m) => m.subject.includes('now handled with'))).toHaveLength(1);
  });
});
