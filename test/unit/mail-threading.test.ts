import { describe, expect, it } from 'vitest';
import { messageHeaders, type ThreadHeaders } from '../../shared/adapters/ses/mailer.js';
import { messageIdDomainFor, ThreadingMailer, threadHeadersFor } from '../../shared/adapters/ses/threading-mailer.js';
import { AddressUnreachableError } from '../../shared/mail/errors.js';
import type { AddressHealth, MailThreads, OutgoingMail } from '../../shared/ports/index.js';
import { acknowledgementMail } from '../../shared/templates/acknowledgement.js';
import {
  closedMail,
  infoRequestMail,
  progressMail,
  reopenedMail,
  resultMail,
  surveyMail,
  surveyReminderMail,
} from '../../shared/templates/customer-mails.js';
import { aComplaint } from '../support/complaint-factory.js';

const DOMAIN = 'eu-west-1.amazonses.com';

class MemoryThreads implements MailThreads {
  sent: { complaintId: string; messageId: string; at: string }[] = [];
  async recordSent(complaintId: string, messageId: string, at: string) {
    this.sent.push({ complaintId, messageId, at });
  }
  async complaintForMessageId(messageId: string) {
    return this.sent.find((s) => s.messageId === messageId.split('@')[0])?.complaintId;
  }
  async sentMessageIds(complaintId: string) {
    return this.sent.filter((s) => s.complaintId === complaintId).map((s) => s.messageId);
  }
}

class MemoryAddresses implements AddressHealth {
  bad = new Set<string>();
  async markUnreachable(address: string) {
    this.bad.add(address.toLowerCase());
  }
  async isUnreachable(address: string) {
    return this.bad.has(address.toLowerCase());
  }
}

/** Stands in for SesMailer: keeps each mail with the thread headers it was given. */
class HeaderRecorder {
  sent: { mail: OutgoingMail; thread?: ThreadHeaders; messageId: string }[] = [];
  async send(mail: OutgoingMail, thread?: ThreadHeaders) {
    const messageId = `0100019ad${this.sent.length + 1}`;
    this.sent.push({ mail, thread, messageId });
    return { messageId };
  }
}

function threading() {
  const inner = new HeaderRecorder();
  const threads = new MemoryThreads();
  const addresses = new MemoryAddresses();
  const mailer = new ThreadingMailer(inner, {
    threads,
    addresses,
    replyAddress: (id) => `reply+${id.replace(/-/g, '')}-tag@reply.example.com`,
    messageIdDomain: DOMAIN,
    clock: { now: () => new Date('2026-11-30T10:00:00Z') },
  });
  return { inner, threads, addresses, mailer };
}

const complaint = aComplaint({ id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f', ticketNumber: '202611-0042' });
const statusUrl = 'https://cl.example.com/status/tok';
const customerMail = (): OutgoingMail => progressMail({ complaint, automatic: true, statusUrl, timezone: 'UTC' });

describe('threading the mail of a complaint', () => {
  it("gives a complaint's first mail its reply address and no In-Reply-To, and records the id SES returned", async () => {
    const { inner, threads, mailer } = threading();
    const { messageId } = await mailer.send(customerMail());

    expect(inner.sent[0]?.thread).toEqual({ replyTo: 'reply+6f1c2d3e4a5b4c6d8e9f0a1b2c3d4e5f-tag@reply.example.com' });
    expect(await threads.sentMessageIds(complaint.id)).toEqual([messageId]);
  });

  it('answers the latest mail and references them all, as SES wrote their ids', async () => {
    const { inner, mailer } = threading();
    await mailer.send(customerMail());
    await mailer.send(customerMail());
    await mailer.send(customerMail());

    expect(inner.sent[2]?.thread).toMatchObject({
      inReplyTo: `<0100019ad2@${DOMAIN}>`,
      references: [`<0100019ad1@${DOMAIN}>`, `<0100019ad2@${DOMAIN}>`],
    });
  });

  it('passes staff mail through without thread headers or a record', async () => {
    const { inner, threads, mailer } = threading();
    await mailer.send({ to: 'agent@shop.example', subject: 'Escalation', text: 't', html: 'h', audience: 'staff' });

    expect(inner.sent[0]?.thread).toBeUndefined();
    expect(threads.sent).toEqual([]);
  });

  it('sends nothing to an address that bounced, in any case, and says why', async () => {
    const { inner, addresses, mailer } = threading();
    await addresses.markUnreachable(complaint.customer.email!.toUpperCase());

    await expect(mailer.send(customerMail())).rejects.toBeInstanceOf(AddressUnreachableError);
    expect(inner.sent).toEqual([]);
  });

  it('still hands over the mail when its id cannot be recorded, so a retry does not send it twice', async () => {
    const { inner, threads, mailer } = threading();
    threads.recordSent = async () => {
      throw new Error('throttled');
    };
    await expect(mailer.send(customerMail())).resolves.toEqual({ messageId: '0100019ad1' });
    expect(inner.sent).toHaveLength(1);
  });
});

describe('thread headers', () => {
  it('uses email.amazonses.com in us-east-1 and the region elsewhere', () => {
    expect(messageIdDomainFor('us-east-1')).toBe('email.amazonses.com');
    expect(messageIdDomainFor('eu-west-1')).toBe('eu-west-1.amazonses.com');
  });

  it('keeps References under the length SES allows in a long conversation, with the first and the latest ids', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `010f019ad0c0ffee-${String(i).padStart(4, '0')}-000000`);
    const { inReplyTo, references } = threadHeadersFor(ids, DOMAIN);
    const header = references!.join(' ');

    expect(header.length).toBeLessThanOrEqual(995);
    expect(references![0]).toBe(`<${ids[0]}@${DOMAIN}>`);
    expect(references!.at(-1)).toBe(inReplyTo);
    expect(inReplyTo).toBe(`<${ids[59]}@${DOMAIN}>`);
  });

  it('marks every mail as automatic so auto-responders and Exchange stay quiet', () => {
    expect(messageHeaders()).toEqual([
      { Name: 'Auto-Submitted', Value: 'auto-generated' },
      { Name: 'X-Auto-Response-Suppress', Value: 'All' },
    ]);
  });

  it('refuses a header value with a line break', () => {
    expect(() => messageHeaders({ inReplyTo: '<a@b>\r\nBcc: x@evil.example' })).toThrow(/printable ASCII/);
  });
});

describe('customer mails name their complaint', () => {
  const timezone = 'Asia/Shanghai';
  const mails: [string, OutgoingMail][] = [
    ['acknowledgement', acknowledgementMail({ complaint, statusUrl, timezone })],
    ['progress', customerMail()],
    ['result', resultMail({ complaint, summary: 'Refunded', statusUrl, timezone })],
    ['survey', surveyMail({ complaint, surveyUrl: 'https://cl.example.com/survey/tok', timezone })],
    [
      'survey reminder',
      surveyReminderMail({
        complaint,
        surveyUrl: 'https://cl.example.com/survey/tok',
        closesAt: '2026-12-01T00:00:00Z',
        timezone,
      }),
    ],
    [
      'info request',
      infoRequestMail({
        complaint,
        question: 'A photo?',
        replyUrl: statusUrl,
        limitAt: '2026-12-01T00:00:00Z',
        timezone,
      }),
    ],
    ['reopened', reopenedMail({ complaint, statusUrl, followUpBy: '2026-12-01T00:00:00Z', timezone })],
    [
      'closed',
      closedMail({
        complaint: { ...complaint, closedAt: '2026-11-29T00:00:00Z' },
        reason: 'survey_answered',
        timezone,
      }),
    ],
  ];
  it.each(mails)(
    'the %s mail is for the customer, about its complaint, with the ticket number in the subject',
    (_, mail) => {
      expect(mail).toMatchObject({ complaintId: complaint.id, audience: 'customer' });
      expect(mail.subject).toContain('202611-0042');
    },
  );

  it('keeps a name with CR/LF and a Bcc out of every header', () => {
    const hostile = aComplaint({
      ticketNumber: '202611-0043',
      subject: 'Broken\r\nBcc: x@evil.example',
      orderNumber: 'A1\r\nBcc: x@evil.example',
      customer: { ...complaint.customer, name: 'Li\r\nBcc: x@evil.example', locale: 'en' },
    });
    for (const mail of [
      acknowledgementMail({ complaint: hostile, statusUrl, timezone: 'UTC' }),
      progressMail({ complaint: hostile, automatic: true, statusUrl, timezone: 'UTC' }),
      resultMail({ complaint: hostile, summary: 'x\r\nBcc: y@evil.example', statusUrl, timezone: 'UTC' }),
    ]) {
      expect(mail.subject).not.toMatch(/[\r\n]|evil/);
      expect(mail.to).toBe(hostile.customer.email);
    }
  });
});
