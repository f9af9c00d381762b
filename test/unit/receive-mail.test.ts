import { beforeEach, describe, expect, it } from 'vitest';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { replyAddressFor } from '../../shared/mail/reply-address.js';
import { mailThread } from '../../shared/mail/thread.js';
import type { ArrivedMail, AuthVerdicts, ParsedMail } from '../../shared/mail/types.js';
import type { Complaint } from '../../shared/model/complaint.js';
import { defaultIntakePolicy as defaultPolicy } from '../../shared/policy/intake-policy.js';
import { type ReceiveMailDeps, receiveMail } from '../../shared/usecases/receive-mail.js';
import { aComplaint } from '../support/complaint-factory.js';
import {
  aParsedMail,
  CountingRateLimiter,
  FakeMailbox,
  InMemoryAddressHealth,
  InMemoryComplaintStore,
  InMemoryMailThreads,
  InMemoryTokens,
  RecordingMailer,
  RecordingWorkflow,
} from '../support/recording-ports.js';
import { withDemoStaff } from '../support/staff.js';

const key = new TextEncoder().encode('receive-mail-unit-key-0123456789abcdef');
const replyAddresses = { localPart: 'reply', domain: 'reply.example.com', key };
const PASS: AuthVerdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' };

describe('what an inbound mail does (in memory)', () => {
  let store: InMemoryComplaintStore;
  let mailbox: FakeMailbox;
  let mailer: RecordingMailer;
  let addressHealth: InMemoryAddressHealth;
  let deps: ReceiveMailDeps;
  const now = new Date('2026-11-25T02:00:00Z');

  beforeEach(() => {
    store = new InMemoryComplaintStore();
    mailbox = new FakeMailbox();
    mailer = new RecordingMailer();
    addressHealth = new InMemoryAddressHealth();
    deps = {
      store,
      tokens: new InMemoryTokens(),
      workflow: new RecordingWorkflow(),
      mailer,
      clock: { now: () => now },
      policy: withDemoStaff(defaultPolicy),
      calendar: createCalendar(defaultPolicy.calendar),
      links: { baseUrl: 'http://localhost:3000', key },
      parse: mailbox.parse,
      rawMail: mailbox,
      threads: new InMemoryMailThreads(),
      addressHealth,
      replyAddresses,
      acknowledgementLimiter: new CountingRateLimiter(5),
    };
  });

  const deliver = (mail: ParsedMail, verdicts: AuthVerdicts = PASS) => {
    const arrived: ArrivedMail = { storageKey: mailbox.arrive(mail), recipients: [], receivedAt: now, verdicts };
    return receiveMail(deps, arrived);
  };
  const given = async (overrides: Partial<Complaint> = {}) => {
    const c = aComplaint({ status: 'in_progress', ownerId: 'agent.li', ...overrides });
    await store.createComplaint(c, [], [], now);
    return c;
  };
  const created = () => [...store.complaints.values()];

  it('refuses a mail SES found to carry a virus or to be spam, creating nothing', async () => {
    expect(await deliver(aParsedMail(), { ...PASS, virus: 'FAIL' })).toEqual({ kind: 'ignored', reason: 'rejected' });
    expect(await deliver(aParsedMail(), { ...PASS, spam: 'FAIL' })).toEqual({ kind: 'ignored', reason: 'rejected' });
    expect(created()).toEqual([]);
  });

  it('creates nothing for list mail and answers nothing', async () => {
    const list = aParsedMail({
      from: { address: 'news@shop.example' },
      automatic: { kind: 'list', evidence: 'List-Id' },
    });
    expect(await deliver(list)).toEqual({ kind: 'ignored', reason: 'list' });
    expect(created()).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('ignores a mail with no words, no subject and no attachment', async () => {
    const empty = aParsedMail({ from: { address: 'a@example.com' }, subject: '', newText: '', fullText: '  ' });
    expect(await deliver(empty)).toEqual({ kind: 'ignored', reason: 'empty' });
  });

  it('answers a new complaint in the language it was written in', async () => {
    await deliver(aParsedMail({ from: { address: 'a@example.com' }, subject: 'Broken', newText: 'It broke.' }));
    await deliver(aParsedMail({ from: { address: 'b@example.com' }, subject: 'Broken', newText: '坏了。' }));
    expect(created().map((c) => [c.customer.email, c.customer.locale])).toEqual([
      ['a@example.com', 'en'],
      ['b@example.com', 'zh-CN'],
    ]);
  });

  it('keeps the words of a mail whose client added invisible characters, and cuts an endless one', async () => {
    const text = `Kettle\u200b leaks\u202e badly.\u0007 ${'x'.repeat(6000)}`;
    const outcome = await deliver(
      aParsedMail({ from: { address: 'a@example.com', name: 'Ann\u200d\r\nBcc: x' }, newText: text }),
    );
    expect(outcome.kind).toBe('new_complaint');
    const [c] = created();
    expect(c?.description.startsWith('Kettle leaks badly. x')).toBe(true);
    expect(c?.description).toHaveLength(5000);
    expect(c?.customer.name).toBe('Ann Bcc: x');
  });

  it('names the attachments the parser refused on the reply', async () => {
    const c = await given();
    await deliver(
      aParsedMail({
        from: { address: c.customer.email! },
        to: [{ address: replyAddressFor(c.id, replyAddresses) }],
        newText: 'See files',
        refusedAttachments: [
          { filename: 'invoice.pdf.exe', contentType: 'application/pdf', size: 10, reason: 'type_not_allowed' },
        ],
      }),
    );
    const [replied] = await store.listTimeline(c.id);
    expect(replied?.data).toMatchObject({
      refusedAttachments: [{ filename: 'invoice.pdf.exe', reason: 'type_not_allowed' }],
    });
  });

  it("keeps SES's SPF, DKIM and DMARC verdicts with the mail on the timeline", async () => {
    const c = await given();
    const verdicts = { spf: 'PASS', dkim: 'GRAY', dmarc: 'PASS' };
    await deliver(
      aParsedMail({
        from: { address: c.customer.email! },
        to: [{ address: replyAddressFor(c.id, replyAddresses) }],
        newText: 'Still waiting for the technician.',
      }),
      verdicts,
    );
    const [replied] = await store.listTimeline(c.id);
    expect(replied).toMatchObject({ type: 'customer_replied', data: { verdicts } });
  });

  it('marks every address a delivery report names, telling staff only on open complaints', async () => {
    const open = await given({ customer: { email: 'x@example.com', tier: 'standard', locale: 'en' } });
    const closed = await given({
      status: 'closed',
      customer: { email: 'x@example.com', tier: 'standard', locale: 'en' },
    });
    const report = aParsedMail({
      from: { address: 'postmaster@mx.example.com' },
      automatic: { kind: 'delivery_report', evidence: 'multipart/report' },
      deliveryProblem: { kind: 'bounce', recipients: ['X@example.com', 'y@example.com'], detail: '550 no such user' },
    });
    expect(await deliver(report)).toEqual({
      kind: 'address_unreachable',
      addresses: ['x@example.com', 'y@example.com'],
      complaintIds: [open.id],
    });
    expect([...addressHealth.unreachable.keys()]).toEqual(['x@example.com', 'y@example.com']);
    expect(await store.listTimeline(closed.id)).toEqual([]);
    expect(created()).toHaveLength(2);
  });

  it('shows the mail that opened a complaint at the head of its thread', async () => {
    await deliver(aParsedMail({ from: { address: 'a@example.com' }, newText: 'It broke.' }));
    const [c] = created();
    const thread = mailThread(c!, await store.listTimeline(c!.id));
    expect(thread).toEqual([
      expect.objectContaining({ direction: 'received', kind: 'received', from: 'a@example.com', text: 'It broke.' }),
    ]);
  });

  it('links a follow-up to its closed complaint on a second delivery if the first stopped before linking it', async () => {
    const closed = await given({ status: 'closed', customer: { email: 'x@example.com', tier: 'vip', locale: 'en' } });
    const reply = aParsedMail({
      from: { address: 'x@example.com' },
      to: [{ address: replyAddressFor(closed.id, replyAddresses) }],
      newText: '又坏了',
    });
    const appendEvents = store.appendEvents.bind(store);
    store.appendEvents = async () => {
      throw new Error('lost on the way');
    };
    await expect(deliver(reply)).rejects.toThrow('lost on the way');
    store.appendEvents = appendEvents;

    expect(await deliver(reply)).toEqual({ kind: 'ignored', reason: 'duplicate' });
    const next = created().find((c) => c.previousComplaintId === closed.id);
    expect(next?.customer).toMatchObject({ tier: 'vip', locale: 'en' });
    expect((await store.listTimeline(closed.id)).map((e) => e.type)).toEqual(['follow_up_opened']);
  });
});
