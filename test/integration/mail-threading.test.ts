import { SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../infra/local/dynamodb.js';
import { type LocalSes, startSesLocal } from '../../infra/local/ses.js';
import { DynamoAddressHealth } from '../../shared/adapters/dynamo/address-health.js';
import { DynamoMailThreads } from '../../shared/adapters/dynamo/mail-threads.js';
import { SesMailer } from '../../shared/adapters/ses/mailer.js';
import { messageIdDomainFor, ThreadingMailer } from '../../shared/adapters/ses/threading-mailer.js';
import { complaintIdFromReplyAddress, replyAddressFor } from '../../shared/mail/reply-address.js';
import { acknowledgementMail } from '../../shared/templates/acknowledgement.js';
import { progressMail } from '../../shared/templates/customer-mails.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';

interface Stored {
  messageId: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  headers?: { name: string; value: string }[];
}

const reply = {
  localPart: 'reply',
  domain: 'reply.closeloop.localhost',
  key: new TextEncoder().encode('r'.repeat(40)),
};
const domain = messageIdDomainFor('eu-west-1');

/** Through the local SES, as AWS would send it: what a customer's mail client sees of one complaint's mails. */
describe('a complaint’s mails through the local SES', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let ses: LocalSes;
  let client: SESv2Client;
  let threads: DynamoMailThreads;
  let mailer: ThreadingMailer;

  beforeAll(async () => {
    table = await freshTable('threading');
    ses = await startSesLocal();
    client = new SESv2Client({ endpoint: ses.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
    threads = new DynamoMailThreads({ doc: table.doc, tableName: table.tableName });
    mailer = new ThreadingMailer(new SesMailer({ from: 'complaints@closeloop.local', client }), {
      threads,
      addresses: new DynamoAddressHealth({ doc: table.doc, tableName: table.tableName }),
      replyAddress: (id) => replyAddressFor(id, reply),
      messageIdDomain: domain,
      clock: { now: () => new Date() },
    });
  });
  afterAll(async () => {
    client.destroy();
    await ses.stop();
    await table.drop();
  });

  async function stored(messageId: string): Promise<Stored> {
    const store = (await (await fetch(`${ses.url}/store`)).json()) as { emails: Stored[] };
    return store.emails.find((m) => m.messageId === messageId)!;
  }
  async function raw(messageId: string) {
    // The emulator answers with the message as nodemailer built it, a Buffer serialised as JSON.
    const url = `${ses.url}/get-emlContent?messageId=${encodeURIComponent(messageId)}`;
    const { body } = (await (await fetch(url)).json()) as { body: { data: number[] } };
    return simpleParser(Buffer.from(body.data));
  }

  it('threads the second mail on the first: Reply-To the reply address, In-Reply-To the first id, Auto-Submitted', async () => {
    const complaint = aComplaint({ customer: { ...aComplaint().customer, locale: 'en' } });
    const statusUrl = 'http://localhost:3000/status/t';
    const first = await mailer.send(acknowledgementMail({ complaint, statusUrl, timezone: 'UTC' }));
    const second = await mailer.send(progressMail({ complaint, automatic: true, statusUrl, timezone: 'UTC' }));

    const mail = await raw(second.messageId);
    const replyTo = mail.replyTo?.value[0]?.address;
    expect(replyTo).toBe(replyAddressFor(complaint.id, reply));
    expect(complaintIdFromReplyAddress(replyTo!, reply)).toBe(complaint.id);
    expect(mail.inReplyTo).toBe(`<${first.messageId}@${domain}>`);
    expect(mail.references).toBe(`<${first.messageId}@${domain}>`);
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('x-auto-response-suppress')).toBe('All');
    expect(mail.subject).toContain(complaint.ticketNumber);

    const firstMail = await raw(first.messageId);
    expect(firstMail.inReplyTo).toBeUndefined();
    expect(firstMail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(await threads.sentMessageIds(complaint.id)).toEqual([first.messageId, second.messageId]);
  });

  it('sends a mail for a customer named "\\r\\nBcc: x@evil" to that customer only, with no Bcc header', async () => {
    const complaint = aComplaint({
      customer: { ...aComplaint().customer, name: 'Li\r\nBcc: x@evil.example', locale: 'en' },
      orderNumber: 'A1\r\nBcc: x@evil.example',
    });
    const sent = await mailer.send(
      acknowledgementMail({ complaint, statusUrl: 'http://localhost:3000/status/t', timezone: 'UTC' }),
    );

    const entry = await stored(sent.messageId);
    expect(entry.destination).toEqual({ to: [complaint.customer.email], cc: [], bcc: [] });
    const mail = await raw(sent.messageId);
    expect(mail.bcc).toBeUndefined();
    expect(mail.headers.has('bcc')).toBe(false);
    expect(mail.subject).not.toMatch(/evil/);
  });
});
