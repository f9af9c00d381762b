import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoAddressHealth } from '../../shared/adapters/dynamo/address-health.js';
import { DynamoComplaintStore } from '../../shared/adapters/dynamo/complaint-store.js';
import { DynamoMailThreads } from '../../shared/adapters/dynamo/mail-threads.js';
import { DynamoRateLimiter } from '../../shared/adapters/dynamo/rate-limiter.js';
import { DynamoWorkflowTokenStore } from '../../shared/adapters/dynamo/workflow-token-store.js';
import { computeDeadlines } from '../../shared/calendar/deadlines.js';
import { createCalendar } from '../../shared/calendar/working-calendar.js';
import { NotFoundError } from '../../shared/errors/index.js';
import { signCustomerLink } from '../../shared/links/status-link.js';
import { replyAddressFor } from '../../shared/mail/reply-address.js';
import type { Complaint, TimelineEvent } from '../../shared/model/complaint.js';
import { referenceAcceptancePolicy } from '../../shared/policy/default-policy.js';
import { defaultIntakePolicy } from '../../shared/policy/intake-policy.js';
import type { Clock } from '../../shared/ports/index.js';
import { answerOfferFromLink } from '../../shared/usecases/acceptance.js';
import { type ReceiveMailDeps, receiveMail } from '../../shared/usecases/receive-mail.js';
import { performStaffAction } from '../../shared/usecases/staff-actions.js';
import { viewStatus } from '../../shared/usecases/view-status.js';
import { currentStep } from '../../shared/workflow/plan.js';
import { aComplaint } from '../support/complaint-factory.js';
import { freshTable } from '../support/dynamo.js';
import { aParsedMail, FakeMailbox, RecordingMailer, RecordingWorkflow } from '../support/recording-ports.js';
import { withDemoStaff } from '../support/staff.js';

const base = withDemoStaff(defaultIntakePolicy);
const policy = { ...base, workflow: { ...base.workflow, acceptance: referenceAcceptancePolicy } };
const calendar = createCalendar(policy.calendar);
const key = new TextEncoder().encode('acceptance-test-secret-0123456789abcdefgh');
const replyAddresses = { localPart: 'reply', domain: 'reply.example.com', key };
const staff = (id: string) => policy.staff.find((s) => s.id === id)!;
const HOUR = 3_600_000;

describe('the customer accepts the solution (against DynamoDB Local)', () => {
  let table: Awaited<ReturnType<typeof freshTable>>;
  let store: DynamoComplaintStore;
  let mailer: RecordingMailer;
  let mailbox: FakeMailbox;
  let deps: ReceiveMailDeps & { policy: typeof policy };
  let now: Date;
  const clock: Clock = { now: () => now };
  let handMade = 0;
  const hoursAgo = (n: number) => new Date(now.getTime() - n * HOUR).toISOString();

  beforeAll(async () => {
    table = await freshTable('acceptance');
  });
  afterAll(() => table.drop());
  beforeEach(() => {
    // Wednesday 25 November 2026, 10:00 in Shanghai.
    now = new Date('2026-11-25T02:00:00Z');
    store = new DynamoComplaintStore({ doc: table.doc, tableName: table.tableName, clock });
    mailer = new RecordingMailer();
    mailbox = new FakeMailbox();
    deps = {
      store,
      tokens: new DynamoWorkflowTokenStore({ doc: table.doc, tableName: table.tableName }),
      workflow: new RecordingWorkflow(),
      mailer,
      clock,
      policy,
      calendar,
      links: { baseUrl: 'http://localhost:3000', key },
      parse: mailbox.parse,
      rawMail: mailbox,
      threads: new DynamoMailThreads({ doc: table.doc, tableName: table.tableName }),
      addressHealth: new DynamoAddressHealth({ doc: table.doc, tableName: table.tableName }),
      replyAddresses,
      acknowledgementLimiter: new DynamoRateLimiter({
        doc: table.doc,
        tableName: table.tableName,
        limitPerWindow: 5,
        windowSeconds: 3600,
      }),
    };
  });

  /** A P3 complaint received two days ago, owned by agent.li and contacted, in progress. */
  async function given(overrides: Partial<Complaint> = {}): Promise<Complaint> {
    const receivedAt = new Date(now.getTime() - 48 * HOUR);
    const complaint = aComplaint({
      ticketNumber: `202502-${String(++handMade).padStart(4, '0')}`,
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
    return complaint;
  }

  const act = (c: Complaint, action: string, body: unknown, actor = 'agent.li') =>
    performStaffAction(deps, { complaintId: c.id, action, actor: staff(actor), body });
  const timeline = (c: { id: string }) => store.listTimeline(c.id);
  const types = (events: TimelineEvent[]) => events.map((e) => e.type);
  const statusToken = async (c: Complaint) =>
    (
      await signCustomerLink({
        complaintId: c.id,
        purpose: 'status',
        baseUrl: 'http://localhost:3000',
        expiresAt: new Date(now.getTime() + 24 * HOUR),
        secret: key,
      })
    ).token;

  function deliver(c: Complaint, newText: string, messageId: string) {
    const mail = aParsedMail({
      from: { address: c.customer.email!, name: c.customer.name },
      to: [{ address: replyAddressFor(c.id, replyAddresses) }],
      subject: `Re: ${c.ticketNumber}`,
      newText,
      fullText: newText,
      messageId,
    });
    return receiveMail(deps, {
      storageKey: mailbox.arrive(mail),
      recipients: mail.to.map((a) => a.address),
      envelopeFrom: mail.from?.address,
      receivedAt: now,
      verdicts: { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    });
  }

  it('mails the customer the proposed solution with its remedy, amount and date, and records the offer', async () => {
    const c = await given({ customer: { name: 'Ann Lee', email: 'ann@example.com', tier: 'standard', locale: 'en' } });
    const { complaint } = await act(c, 'propose', {
      summary: 'An engineer replaces the heating element',
      // Within P3's standard (a voucher of 50, 004 Ⅰ级), so no approval comes first.
      remedy: 'compensation',
      amount: 50,
      remedyBy: '2026-11-26T02:00:00Z',
    });
    const [offer] = mailer.to('ann@example.com');
    expect(offer?.subject).toBe(`The solution we propose for your complaint (${c.ticketNumber})`);
    expect(offer?.text).toContain('An engineer replaces the heating element');
    expect(offer?.text).toContain('CNY 50.00');
    expect(offer?.text).toContain('26 Nov 2026 10:00');
    expect(offer?.text).toMatch(/http:\/\/localhost:3000\/status\/\S+/);
    expect(complaint.solution?.offer).toMatchObject({ via: 'email', by: 'agent.li', messageId: offer?.messageId });
    const offered = (await timeline(c)).find((e) => e.type === 'solution_offered');
    expect(offered?.data).toMatchObject({
      via: 'email',
      summary: 'An engineer replaces the heating element',
      amount: 50,
    });
    await expect(act(complaint, 'resolve', { summary: 'Done' })).rejects.toMatchObject({
      reason: 'solution_not_accepted',
    });
  });

  it('takes a change request from the status link, and a replay of the same answer changes nothing', async () => {
    const c = await given();
    await act(c, 'propose', { summary: 'Repair it' });
    const token = await statusToken(c);
    const first = await answerOfferFromLink(deps, token, { answer: 'change', reason: '我希望换新，不要维修' });
    expect(first.answer).toBe('change_requested');
    expect(first.complaint.status).toBe('in_progress');
    expect(first.complaint.solution?.acceptance).toMatchObject({ answer: 'change_requested', via: 'link' });
    const again = await answerOfferFromLink(deps, token, { answer: 'change', reason: '我希望换新，不要维修' });
    expect(again.complaint.version).toBe(first.complaint.version);
    expect(types(await timeline(c)).filter((t) => t === 'solution_change_requested')).toHaveLength(1);
    // The owner was told, with the customer's reason.
    expect(mailer.to(staff('agent.li').email).at(-1)?.text).toContain('我希望换新，不要维修');
    // The owner proposes again; the new offer goes out and the page offers it.
    const { complaint: again2 } = await act(first.complaint, 'propose', {
      summary: 'Replace it',
      remedy: 'replacement',
    });
    expect(again2.solution?.offer?.via).toBe('email');
    const view = await viewStatus({ store, clock, links: { baseUrl: 'http://localhost:3000', key } }, token);
    expect(view.offer).toMatchObject({ summary: 'Replace it', open: true });
  });

  it('refuses a link to another purpose and a forged one, changing nothing', async () => {
    const c = await given();
    await act(c, 'propose', { summary: 'Repair it' });
    const survey = await signCustomerLink({
      complaintId: c.id,
      purpose: 'survey',
      baseUrl: 'http://localhost:3000',
      expiresAt: new Date(now.getTime() + HOUR),
      secret: key,
    });
    await expect(answerOfferFromLink(deps, survey.token, { answer: 'accept' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(answerOfferFromLink(deps, `${survey.token}x`, { answer: 'accept' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await store.getComplaint(c.id))?.solution?.acceptance).toBeUndefined();
  });

  it('takes a clear acceptance by reply to the offer mail, and the same mail delivered twice does nothing more', async () => {
    const c = await given();
    await act(c, 'propose', { summary: 'Repair it' });
    expect((await deliver(c, '同意，谢谢！', '<accept-1@example.com>')).kind).toBe('customer_replied');
    const accepted = (await store.getComplaint(c.id))!;
    expect(accepted.solution?.acceptance).toMatchObject({ answer: 'accepted', via: 'email', by: 'customer' });
    expect(currentStep(accepted)).toBe('await_resolution');
    expect(await deliver(c, '同意，谢谢！', '<accept-1@example.com>')).toMatchObject({ reason: 'duplicate' });
    expect(types(await timeline(c)).filter((t) => t === 'solution_accepted')).toHaveLength(1);
    const { complaint } = await act(accepted, 'resolve', { summary: 'Repaired' });
    expect(complaint.status).toBe('resolved');
  });

  it('leaves an unclear reply to the owner as an ordinary reply, never a guess', async () => {
    const c = await given();
    await act(c, 'propose', { summary: 'Repair it' });
    await deliver(c, '好的，但能不能改成退款？', '<unclear-1@example.com>');
    const after = (await store.getComplaint(c.id))!;
    expect(after.solution?.acceptance).toBeUndefined();
    expect(types(await timeline(c))).toContain('customer_replied');
  });

  it('lets the owner log the offer and the answer from a call for a customer without email', async () => {
    const c = await given({ customer: { name: '王芳', phone: '13800000000', tier: 'standard', locale: 'zh-CN' } });
    const { complaint: proposed } = await act(c, 'propose', { summary: 'Repair it' });
    expect(proposed.solution?.offer).toBeUndefined();
    expect(proposed.solution?.offerDueAt).toBeDefined();
    await act(proposed, 'offer-by-call', { note: '电话告知：明天上午10点上门维修' });
    const { complaint } = await act(proposed, 'record-acceptance', { accepted: true });
    expect(complaint.solution?.acceptance).toMatchObject({ answer: 'accepted', via: 'call', by: 'agent.li' });
    expect(types(await timeline(c))).toEqual(
      expect.arrayContaining(['solution_proposed', 'solution_offered', 'solution_accepted']),
    );
    await expect(act(complaint, 'record-acceptance', { accepted: false })).rejects.toMatchObject({ statusCode: 400 });
  });
});
