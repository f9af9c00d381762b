import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoAddressHealth } from '../../shared/adapters/dynamo/address-health.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoMailThreads } from '../../shared/adapters/dynamo/mail-threads.js';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { NotFoundError } from '../../shared/errors/index.js';
import { formatInstant } from '../../shared/i18n/labels.js';
import { replyAddressFor } from '../../shared/mail/reply-address.js';
import type { ArrivedMail, ParsedMail } from '../../shared/mail/types.js';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';
import { timelineEvent } from '../../shared/model/events.js';
import { defaultIntakePolicy as defaultPolicy } from '../../shared/policy/intake-policy.js';
import type { Clock } from '../../shared/ports/index.js';
import { type ReceiveMailDeps, receiveMail, recordDeliveryProblem } from '../../shared/usecases/receive-mail.js';
import { viewStaffComplaint } from '../../shared/usecases/staff-actions.js';
import { currentStep } from '../../shared/workflow/plan.js';
import { reopenedRoundDeadlines } from '../../shared/workflow/reopen.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { aParsedMail, FakeMailbox, RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { withDemoStaff } from '../support/staff.js';

const policy = withDemoStaff(defaultPolicy);
const calendar = createCalendar(policy.calendar);
const key = new TextEncoder().encode('receive-mail-test-secret-0123456789abcdef');
const replyAddresses = { localPart: 'reply', domain: 'reply.example.com', key };
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
const HOUR = 3_600_000;

describe('what an inbound mail does', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let threads: DynamoMailThreads;
  let addressHealth: DynamoAddressHealth;
  let tokens: DynamoWorkflowTokenStore;
  let workflow: RecordingWorkflow;
  let mailer: RecordingMailer;
  let mailbox: FakeMailbox;
  let deps: ReceiveMailDeps;
  let now: Date;
  const clock: Clock = { now: () => now };
  let handMade = 0;
  const hoursAgo = (n: number) => new Date(now.getTime() - n * HOUR).toISOString();

  beforeAll(async () => {
    table = await freshTable('receive-mail');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    now = new Date('2026-11-25T02:00:00Z');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    threads = new DynamoMailThreads({ doc: table.doc, tableName: table.tableName });
    addressHealth = new DynamoAddressHealth({ doc: table.doc, tableName: table.tableName });
    tokens = new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName });
    workflow = new RecordingWorkflow();
    mailer = new RecordingMailer();
    mailbox = new FakeMailbox();
    deps = {
      store,
      tokens,
      workflow,
      mailer,
      clock,
      policy,
      calendar,
      links: { baseUrl: 'http://localhost:3000', key },
      parse: mailbox.parse,
      rawMail: mailbox,
      threads,
      addressHealth,
      replyAddresses,
      acknowledgementLimiter: new DynamoRateLimiter({
        doc: table.doc,
        tableName: table.tableName,
        limitPerWindow: 5,
        windowSeconds: 3600,
      }),
    };
  });

  /** A complaint received two days ago, owned and contacted, its workflow parked on its step. */
  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const receivedAt = new Date(now.getTime() - 48 * HOUR);
    const complaint = aComplaint({
      // An earlier month: complaints made here by hand must not hold numbers that intake will hand out.
      ticketNumber: `202501-${String(++handMade).padStart(4, '0')}`,
      status: 'in_progress',
      receivedAt: receivedAt.toISOString(),
      acknowledgedAt: receivedAt.toISOString(),
      updatedAt: hoursAgo(1),
      deadlines: computeDeadlines(receivedAt, 'P3', policy.deadlines, calendar),
      ownerId: 'agent.li',
      assignedAt: hoursAgo(47),
      firstContactAt: hoursAgo(46),
      lastCustomerUpdateAt: hoursAgo(46),
      ...overrides,
    });
    await store.createComplaint(complaint, [], [], now);
    await tokens.saveParkedToken({
      complaintId: complaint.id,
      token: `token-${complaint.id}`,
      step: currentStep(complaint),
      planVersion: complaint.version,
      parkedAt: now.toISOString(),
    });
    return complaint;
  }

  const resolved = (): Partial<Complaint> => ({
    status: 'awaiting_survey',
    resolvedAt: hoursAgo(3),
    resolutionSummary: 'Kettle replaced',
    solution: { summary: 'Replace it', proposedAt: hoursAgo(5), proposedBy: 'agent.li', approval: 'not_required' },
    resultSentAt: hoursAgo(2),
    surveySentAt: hoursAgo(2),
  });

  /** The customer's mail to the complaint's reply address. */
  const replyFrom = (c: Complaint, overrides: Partial<ParsedMail> = {}): ParsedMail =>
    aParsedMail({
      from: { address: c.customer.email!, name: c.customer.name },
      to: [{ address: replyAddressFor(c.id, replyAddresses) }],
      subject: `Re: ${c.ticketNumber}`,
      ...overrides,
    });

  function deliver(mail: ParsedMail, arrived: Partial<ArrivedMail> = {}) {
    const storageKey = mailbox.arrive(mail);
    return receiveMail(deps, {
      storageKey,
      recipients: mail.to.map((a) => a.address),
      envelopeFrom: mail.from?.address,
      receivedAt: now,
      verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
      ...arrived,
    });
  }

  const timeline = (c: { id: string }) => store.listTimeline(c.id);
  const ofType = <T extends TimelineEvent['type']>(events: TimelineEvent[], type: T) =>
    events.filter((e): e is Extract<TimelineEvent, { type: T }> => e.type === type);

  it('puts a reply on its complaint with only the new text, and tells the owner', async () => {
    const c = await given();
    const outcome = await deliver(
      replyFrom(c, {
        newText: '已经拍了照片，请看附件。',
        fullText: '已经拍了照片，请看附件。\n\n在 2026年11月24日 写道：\n> 您好，请提供照片',
      }),
    );

    expect(outcome).toEqual({ kind: 'customer_replied', complaintId: c.id, matchedBy: 'reply_address' });
    const [replied] = ofType(await timeline(c), 'customer_replied');
    expect(replied?.data).toMatchObject({
      message: '已经拍了照片，请看附件。',
      via: 'email',
      matchedBy: 'reply_address',
    });
    expect(replied?.data.mailKey).toMatch(/^inbound\//);
    expect(mailer.to(staff('agent.li').email).map((m) => m.tags?.kind)).toEqual(['owner_reminder']);
    expect(mailer.to(c.customer.email!)).toEqual([]);
  });

  it('ends a wait on the customer when they answer by mail, and wakes the waiting step', async () => {
    const c = await given({
      status: 'awaiting_customer',
      infoRequest: { question: 'Photo?', requestedAt: hoursAgo(2), requestedBy: 'agent.li', limitAt: hoursAgo(-24) },
    });
    await deliver(replyFrom(c, { newText: 'Photo attached.' }));

    const stored = await store.getComplaint(c.id);
    expect(stored?.status).toBe('in_progress');
    expect(stored?.infoRequest?.answeredAt).toBe(now.toISOString());
    expect(workflow.to(`token-${c.id}`)).toHaveLength(1);
  });

  it('finds the complaint from In-Reply-To alone, whatever region wrote the message id', async () => {
    const c = await given();
    await threads.recordSent(c.id, '0100018c-abc-def@eu-west-1.amazonses.com', hoursAgo(5));
    const outcome = await deliver(
      aParsedMail({
        from: { address: c.customer.email! },
        to: [{ address: 'support@example.com' }],
        inReplyTo: ['0100018c-abc-def@email.amazonses.com'],
        newText: 'Any news?',
      }),
    );
    expect(outcome).toEqual({ kind: 'customer_replied', complaintId: c.id, matchedBy: 'message_id' });
  });

  it('finds the complaint by the ticket number in the subject only when its customer writes', async () => {
    const c = await given();
    const fromCustomer = await deliver(
      aParsedMail({ from: { address: c.customer.email!.toUpperCase() }, subject: `About ${c.ticketNumber}` }),
    );
    expect(fromCustomer).toEqual({ kind: 'customer_replied', complaintId: c.id, matchedBy: 'ticket_number' });

    const fromStranger = await deliver(
      aParsedMail({ from: { address: 'someone@else.example' }, subject: `About ${c.ticketNumber}` }),
    );
    expect(fromStranger.kind).toBe('new_complaint');
  });

  it('keeps a mail from a relative on CC as a note for staff, never as the customer', async () => {
    const c = await given({
      status: 'awaiting_customer',
      infoRequest: { question: 'Photo?', requestedAt: hoursAgo(2), requestedBy: 'agent.li', limitAt: hoursAgo(-24) },
    });
    const outcome = await deliver(
      aParsedMail({
        from: { address: 'cousin@family.example', name: 'Cousin' },
        to: [{ address: 'support@example.com' }],
        cc: [{ address: replyAddressFor(c.id, replyAddresses) }],
        newText: 'She says it is all fine, close it.',
      }),
    );

    expect(outcome).toEqual({ kind: 'note_for_staff', complaintId: c.id, reason: 'not_the_customer' });
    const [note] = ofType(await timeline(c), 'mail_note_added');
    expect(note?.data).toMatchObject({ from: 'cousin@family.example', reason: 'not_the_customer' });
    expect(ofType(await timeline(c), 'customer_replied')).toEqual([]);
    expect((await store.getComplaint(c.id))?.status).toBe('awaiting_customer');
    expect(workflow.signals).toEqual([]);
  });

  it('keeps a mail whose DMARC failed as an unverified note, even from the customer’s address', async () => {
    const c = await given();
    const outcome = await deliver(replyFrom(c), { verdicts: { spf: 'FAIL', dkim: 'FAIL', dmarc: 'FAIL' } });
    expect(outcome).toEqual({ kind: 'note_for_staff', complaintId: c.id, reason: 'unverified_sender' });
  });

  it('does nothing for an out-of-office answer and sends nothing back', async () => {
    const c = await given();
    const outcome = await deliver(
      replyFrom(c, {
        automatic: { kind: 'auto_reply', evidence: 'Auto-Submitted: auto-replied' },
        newText: 'I am away',
      }),
    );
    expect(outcome).toEqual({ kind: 'ignored', reason: 'auto_reply' });
    expect(await timeline(c)).toEqual([]);
    expect(mailer.sent).toEqual([]);
  });

  it('marks a bounced address unreachable and tells the owner to call, once per complaint', async () => {
    const c = await given();
    const bounce = aParsedMail({
      from: { address: 'mailer-daemon@mx.example.net' },
      to: [{ address: replyAddressFor(c.id, replyAddresses) }],
      automatic: { kind: 'delivery_report', evidence: 'multipart/report' },
      deliveryProblem: { kind: 'bounce', recipients: [c.customer.email!], detail: '550 5.1.1 user unknown' },
    });
    const outcome = await deliver(bounce);
    await recordDeliveryProblem(deps, { kind: 'bounce', recipients: [c.customer.email!], detail: 'again' });

    expect(outcome).toEqual({ kind: 'address_unreachable', addresses: [c.customer.email], complaintIds: [c.id] });
    expect(await addressHealth.isUnreachable(c.customer.email!)).toBe(true);
    const told = ofType(await timeline(c), 'address_unreachable');
    expect(told.map((e) => e.data)).toEqual([
      { address: c.customer.email, kind: 'bounce', detail: '550 5.1.1 user unknown', source: 'delivery_report' },
    ]);
    // One mail to the owner however often the address bounces (agent.li reads Chinese).
    expect(mailer.to(staff('agent.li').email).map((m) => m.subject)).toEqual([
      expect.stringContaining('客户邮箱无法送达'),
    ]);
  });

  it('tells the owner of a bounced address under the policy version the complaint was received under', async () => {
    const c = await given();
    const london = { ...deps, policy: { ...policy, calendar: { ...policy.calendar, timezone: 'Europe/London' } } };
    const noted: string[] = [];
    await recordDeliveryProblem(
      deps,
      { kind: 'bounce', recipients: [c.customer.email!], detail: '550' },
      async (of) => {
        noted.push(of.id);
        return london;
      },
    );

    expect(noted).toEqual([c.id]);
    const [told] = mailer.to(staff('agent.li').email);
    expect(told?.text).toContain(formatInstant(c.receivedAt, 'zh-CN', 'Europe/London'));
    expect(told?.text).not.toContain(formatInstant(c.receivedAt, 'zh-CN', policy.calendar.timezone));
  });

  it('reopens a complaint said not fixed by mail with the follow-up of the policy version it was received under', async () => {
    const c = await given({ ...resolved(), policyVersion: 1 });
    // The version in force (deps.policy) follows up a reopened round in 48 hours; the complaint's own in 3.
    const ownVersion = { ...policy, workflow: { ...policy.workflow, reopenFollowUpWithin: { hours: 3 } } };
    const asked: (number | undefined)[] = [];
    deps.policyFor = async (complaint) => {
      asked.push(complaint.policyVersion);
      return { policy: ownVersion, calendar };
    };
    await deliver(replyFrom(c, { newText: '还是不行，水壶又不加热了。' }));

    expect(asked).toEqual([1]);
    const stored = await store.getComplaint(c.id);
    expect(stored?.deadlines).toEqual(reopenedRoundDeadlines(now, 'P2', ownVersion, calendar));
  });

  it('reopens a resolved complaint one grade higher when the customer writes that it is still not fixed', async () => {
    const c = await given(resolved());
    const outcome = await deliver(replyFrom(c, { newText: '还是不行，水壶又不加热了。' }));

    expect(outcome).toEqual({ kind: 'reopened', complaintId: c.id, matchedBy: 'reply_address' });
    const stored = await store.getComplaint(c.id);
    expect(stored).toMatchObject({ status: 'reopened', grade: 'P2', reopenCount: 1 });
    const events = await timeline(c);
    expect(events.map((e) => e.type)).toEqual(['customer_replied', 'reopened']);
    expect(ofType(events, 'reopened')[0]?.data.survey).toMatchObject({ notFixed: true });
    expect(mailer.sent.map((m) => m.tags?.kind)).toContain('reopened');
    expect(workflow.to(`token-${c.id}`)).toHaveLength(1);
  });

  it('keeps a thank-you on a resolved complaint as a reply, without reopening it', async () => {
    const c = await given(resolved());
    const outcome = await deliver(replyFrom(c, { newText: 'Thanks, it works now.' }));
    expect(outcome.kind).toBe('customer_replied');
    expect((await store.getComplaint(c.id))?.status).toBe('awaiting_survey');
  });

  it('opens a new complaint linked to a closed one the customer writes about', async () => {
    const c = await given({ ...resolved(), status: 'closed', closedAt: hoursAgo(1), closeReason: 'survey_answered' });
    const outcome = await deliver(replyFrom(c, { newText: 'The new kettle leaks now.' }));

    expect(outcome.kind).toBe('follow_up_complaint');
    if (outcome.kind !== 'follow_up_complaint') return;
    const next = await store.getComplaint(outcome.complaintId);
    expect(next).toMatchObject({
      channel: 'email',
      previousComplaintId: c.id,
      description: 'The new kettle leaks now.',
    });
    expect(next?.customer.email).toBe(c.customer.email);
    const [opened] = ofType(await timeline(c), 'follow_up_opened');
    expect(opened?.data).toEqual({ complaintId: next?.id, ticketNumber: next?.ticketNumber });
  });

  it('makes a stranger’s mail with a photo a new graded complaint with its attachment', async () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const outcome = await deliver(
      aParsedMail({
        from: { address: 'wang.fang@example.cn', name: '王芳' },
        subject: '热水壶漏电',
        newText: '新买的热水壶漏电，手被电了一下。',
        attachments: [{ filename: '照片.jpg', contentType: 'image/jpeg', size: photo.length, content: photo }],
      }),
    );

    expect(outcome.kind).toBe('new_complaint');
    if (outcome.kind !== 'new_complaint') return;
    const created = await store.getComplaint(outcome.complaintId);
    expect(created).toMatchObject({
      channel: 'email',
      subject: '热水壶漏电',
      description: '新买的热水壶漏电，手被电了一下。',
      customer: { email: 'wang.fang@example.cn', name: '王芳', locale: 'zh-CN' },
    });
    expect(created?.ticketNumber).toMatch(/^202611-\d{4}$/);
    expect(created?.gradeReasons.length).toBeGreaterThan(0);
    const [received] = ofType(await timeline(created!), 'received');
    expect(received?.data.attachments).toEqual([
      {
        key: expect.stringMatching(/^attachments\/mail-\d+\/1-照片\.jpg$/),
        filename: '照片.jpg',
        contentType: 'image/jpeg',
        size: 7,
      },
    ]);
    expect(mailbox.attachments.get(received!.data.attachments![0]!.key)?.content).toEqual(photo);
    expect(workflow.started.map((s) => s.complaintId)).toEqual([created?.id]);
  });

  it('does nothing the second time the same message arrives', async () => {
    const c = await given();
    const reply = replyFrom(c, { newText: 'Once only', messageId: 'dup-1@mail.example.net' });
    const first = await deliver(reply);
    const second = await deliver(reply);
    expect(first.kind).toBe('customer_replied');
    expect(second).toEqual({ kind: 'ignored', reason: 'duplicate' });
    expect(ofType(await timeline(c), 'customer_replied')).toHaveLength(1);

    const fresh = aParsedMail({ from: { address: 'new.person@example.org' }, newText: 'My order never came.' });
    expect((await deliver(fresh)).kind).toBe('new_complaint');
    expect(await deliver(fresh)).toEqual({ kind: 'ignored', reason: 'duplicate' });
    expect((await store.listByCustomerEmail('new.person@example.org')).items).toHaveLength(1);
  });

  it('still creates complaints from a sender over the acknowledgement limit, but acknowledges them without a mail', async () => {
    const outcomes = [];
    for (let i = 1; i <= 6; i++) {
      outcomes.push(
        await deliver(aParsedMail({ from: { address: 'loop@robot.example' }, newText: `Problem number ${i}` })),
      );
    }
    expect(outcomes.map((o) => o.kind)).toEqual(Array(6).fill('new_complaint'));
    const last = outcomes[5]!;
    if (last.kind !== 'new_complaint') return;
    expect(await store.getComplaint(last.complaintId)).toMatchObject({
      status: 'acknowledged',
      acknowledgedAt: now.toISOString(),
    });
    expect(ofType(await timeline({ id: last.complaintId }), 'acknowledgement_skipped')[0]?.data).toEqual({
      reason: 'rate_limited',
    });
  });

  it('lets staff read a complaint by its ticket number, with its mail thread in order and each raw mail named', async () => {
    const c = await given();
    await store.appendEvents([
      timelineEvent(c.id, 'acknowledgement_sent', new Date(hoursAgo(48)), 'system', {
        messageId: 'ses-ack-1',
        locale: 'zh-CN',
      }),
    ]);
    await deliver(replyFrom(c, { newText: '照片已发' }));
    await deliver(
      aParsedMail({
        from: { address: 'cousin@family.example' },
        cc: [{ address: replyAddressFor(c.id, replyAddresses) }],
        newText: 'FYI',
      }),
    );

    const view = await viewStaffComplaint(deps, c.ticketNumber, staff('agent.li'));
    expect(view.complaint.id).toBe(c.id);
    expect(view.mailThread).toEqual([
      { direction: 'sent', at: hoursAgo(48), kind: 'acknowledgement_sent', messageId: 'ses-ack-1' },
      expect.objectContaining({
        direction: 'received',
        kind: 'customer_replied',
        from: c.customer.email,
        text: '照片已发',
        mailKey: expect.stringMatching(/^inbound\//),
      }),
      expect.objectContaining({
        direction: 'received',
        kind: 'mail_note_added',
        from: 'cousin@family.example',
        note: 'not_the_customer',
      }),
    ]);
    await expect(viewStaffComplaint(deps, '202501-9999', staff('agent.li'))).rejects.toBeInstanceOf(NotFoundError);
  });
});
