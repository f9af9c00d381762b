import { describe, expect, it } from 'vitest';
import { matchComplaint } from '../../shared/mail/match.js';
import { replyAddressFor } from '../../shared/mail/reply-address.js';
import type { ArrivedMail } from '../../shared/mail/types.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { aComplaint } from '../support/complaint-factory.js';
import { aParsedMail, InMemoryMailThreads } from '../support/recording-ports.js';

const replyAddresses = {
  localPart: 'reply',
  domain: 'reply.example.com',
  key: new TextEncoder().encode('match-test-key-0123456789abcdef0123'),
};

function world(...complaints: Complaint[]) {
  const threads = new InMemoryMailThreads();
  const store = {
    getComplaint: async (id: string) => complaints.find((c) => c.id === id),
    getComplaintByTicket: async (ticket: string) => complaints.find((c) => c.ticketNumber === ticket),
  };
  return { threads, ports: { store, threads, replyAddresses } };
}

const arrived = (recipients: string[] = ['support@example.com']): ArrivedMail => ({
  storageKey: 'inbound/x',
  recipients,
  receivedAt: new Date('2026-11-25T02:00:00Z'),
  verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
});

describe('matching a mail to its complaint', () => {
  it('finds the complaint from its reply address in the envelope, To or Cc', async () => {
    const c = aComplaint();
    const { ports } = world(c);
    const address = replyAddressFor(c.id, replyAddresses);
    for (const [mail, recipients] of [
      [aParsedMail(), [address]],
      [aParsedMail({ to: [{ address }] }), []],
      [aParsedMail({ cc: [{ address: address.toUpperCase() }] }), []],
    ] as const) {
      expect(await matchComplaint(ports, mail, arrived([...recipients]))).toMatchObject({
        complaint: { id: c.id },
        matchedBy: 'reply_address',
      });
    }
  });

  it('ignores a reply address whose signature was tampered with', async () => {
    const c = aComplaint();
    const { ports } = world(c);
    const forged = replyAddressFor(c.id, replyAddresses).replace(/-([0-9a-f])/, (_, d) => `-${d === '0' ? '1' : '0'}`);
    expect(await matchComplaint(ports, aParsedMail(), arrived([forged]))).toBeUndefined();
  });

  it('prefers the reply address over a message id that names another complaint', async () => {
    const [mine, other] = [aComplaint(), aComplaint()];
    const { ports, threads } = world(mine, other);
    await threads.recordSent(other.id, 'ses-other@eu-west-1.amazonses.com', '2026-11-24T00:00:00Z');
    const mail = aParsedMail({ inReplyTo: ['ses-other@amazonses.com'] });
    const found = await matchComplaint(ports, mail, arrived([replyAddressFor(mine.id, replyAddresses)]));
    expect(found?.complaint.id).toBe(mine.id);
  });

  it('follows In-Reply-To first, then References from the newest', async () => {
    const [a, b] = [aComplaint(), aComplaint()];
    const { ports, threads } = world(a, b);
    await threads.recordSent(a.id, 'ses-a@amazonses.com', '2026-11-24T00:00:00Z');
    await threads.recordSent(b.id, 'ses-b@amazonses.com', '2026-11-24T01:00:00Z');
    const byReferences = aParsedMail({ references: ['ses-a@x', 'unknown@y', 'ses-b@z'] });
    expect((await matchComplaint(ports, byReferences, arrived()))?.complaint.id).toBe(b.id);
    const byInReplyTo = aParsedMail({ inReplyTo: ['ses-a@x'], references: ['ses-b@z'] });
    expect(await matchComplaint(ports, byInReplyTo, arrived())).toMatchObject({
      complaint: { id: a.id },
      matchedBy: 'message_id',
    });
  });

  it('believes a ticket number in the subject only from that complaint’s customer', async () => {
    const c = aComplaint({
      ticketNumber: '202611-0042',
      customer: { email: 'Li.Wei@Example.com', tier: 'standard', locale: 'zh-CN' },
    });
    const { ports } = world(c);
    const subject = '回复：投诉 202611-0042 的进展';
    expect(
      await matchComplaint(ports, aParsedMail({ subject, from: { address: 'li.wei@example.com' } }), arrived()),
    ).toMatchObject({
      matchedBy: 'ticket_number',
    });
    expect(
      await matchComplaint(ports, aParsedMail({ subject, from: { address: 'other@example.com' } }), arrived()),
    ).toBeUndefined();
  });

  it('does not read an order number or a longer number as a ticket number', async () => {
    const c = aComplaint({
      ticketNumber: '202611-0042',
      customer: { email: 'a@example.com', tier: 'standard', locale: 'en' },
    });
    const { ports } = world(c);
    for (const subject of ['Order 1202611-0042', 'Order 202611-00421', 'SN 202611-0042-7']) {
      expect(
        await matchComplaint(ports, aParsedMail({ subject, from: { address: 'a@example.com' } }), arrived()),
      ).toBeUndefined();
    }
  });
});
