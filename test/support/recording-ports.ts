import { workOrderItems } from '../../shared/adapters/dynamo/keys.js';
import { ConcurrentUpdateError } from '../../shared/errors/index.js';
import type { ParsedMail } from '../../shared/mail/types.js';
import type { Complaint, Department, Status, TimelineEvent } from '../../shared/model/complaint.js';
import { normalisePhone } from '../../shared/model/phone.js';
import { formatTicketNumber } from '../../shared/model/ticket.js';
import {
  type AddressHealth,
  type ComplaintStore,
  type CreateResult,
  type IdempotencyClaim,
  type IdempotencyRecord,
  type ListOptions,
  type Mailer,
  type MailThreads,
  matchesComplaint,
  type OutgoingMail,
  type Page,
  type ParkedToken,
  type RateLimiter,
  type RawMailStore,
  type Workflow,
  type WorkflowInput,
  type WorkflowTokenStore,
} from '../../shared/ports/index.js';

/** A workflow that records every wake signal instead of completing a real task token. */
export class RecordingWorkflow implements Workflow {
  signals: { token: string; output: unknown }[] = [];
  started: WorkflowInput[] = [];
  async start(input: WorkflowInput) {
    this.started.push(input);
    return { executionArn: `arn:aws:states:local:0:execution:m:${input.complaintId}`, alreadyStarted: false };
  }
  async signal(token: string, output: unknown): Promise<'delivered' | 'stale'> {
    this.signals.push({ token, output });
    return 'delivered';
  }
  to(token: string): unknown[] {
    return this.signals.filter((s) => s.token === token).map((s) => s.output);
  }
}

/** A mailer that keeps what it sent, and can be told to fail (as SES does when throttled). */
export class RecordingMailer implements Mailer {
  sent: (OutgoingMail & { messageId: string })[] = [];
  failing = false;
  async send(mail: OutgoingMail) {
    if (this.failing) throw Object.assign(new Error('SES unavailable'), { name: 'ServiceUnavailable' });
    const messageId = `msg-${this.sent.length + 1}`;
    this.sent.push({ ...mail, messageId });
    return { messageId };
  }
  to(address: string): (OutgoingMail & { messageId: string })[] {
    return this.sent.filter((m) => m.to === address);
  }
}

/**
 * Raw mail for use-case tests: each stored key holds a ParsedMail (the parser has its own tests), so
 * `parse(await getRaw(key))` hands back exactly the mail the test wrote; attachments are kept in memory.
 */
export class FakeMailbox implements RawMailStore {
  private readonly mails = new Map<string, ParsedMail>();
  attachments = new Map<string, { content: Uint8Array; contentType: string }>();
  private sequence = 0;

  /** Stores a mail as SES would and returns its key. */
  arrive(mail: ParsedMail, key = `inbound/mail-${++this.sequence}`): string {
    this.mails.set(key, mail);
    return key;
  }
  async getRaw(key: string): Promise<Uint8Array> {
    if (!this.mails.has(key)) throw Object.assign(new Error(`no raw mail ${key}`), { name: 'NoSuchKey' });
    return new TextEncoder().encode(key);
  }
  async putAttachment(key: string, content: Uint8Array, contentType: string): Promise<void> {
    this.attachments.set(key, { content, contentType });
  }
  parse = async (raw: Uint8Array): Promise<ParsedMail> => {
    const mail = this.mails.get(new TextDecoder().decode(raw));
    if (!mail) throw new Error('unparseable');
    return mail;
  };
}

/** Sent message ids in memory, matched like the table does: on the part before '@'. */
export class InMemoryMailThreads implements MailThreads {
  sent: { complaintId: string; messageId: string; at: string }[] = [];
  async recordSent(complaintId: string, messageId: string, at: string) {
    this.sent.push({ complaintId, messageId, at });
  }
  async complaintForMessageId(messageId: string) {
    const local = messageId.split('@')[0]!.toLowerCase();
    return this.sent.find((s) => s.messageId.split('@')[0]!.toLowerCase() === local)?.complaintId;
  }
  async sentMessageIds(complaintId: string) {
    return this.sent.filter((s) => s.complaintId === complaintId).map((s) => s.messageId);
  }
}

export class InMemoryAddressHealth implements AddressHealth {
  unreachable = new Map<string, { kind: 'bounce' | 'complaint'; detail: string; at: string }>();
  async markUnreachable(address: string, reason: { kind: 'bounce' | 'complaint'; detail: string; at: string }) {
    this.unreachable.set(address.toLowerCase(), reason);
  }
  async isUnreachable(address: string) {
    return this.unreachable.has(address.toLowerCase());
  }
}

/** A parsed mail with only what a test cares about set. */
export function aParsedMail(overrides: Partial<ParsedMail> = {}): ParsedMail {
  const newText = overrides.newText ?? 'Hello';
  return {
    messageId: `${Math.random().toString(36).slice(2)}@mail.example.net`,
    inReplyTo: [],
    references: [],
    replyTo: [],
    to: [{ address: 'support@example.com' }],
    cc: [],
    subject: 'Kettle',
    fullText: newText,
    newText,
    attachments: [],
    ...overrides,
  };
}

/**
 * The complaint store in memory, for use-case tests that need no DynamoDB: version-checked updates,
 * idempotency claims and ticket numbers as the table keeps them (the table's own tests prove the real one).
 */
/** Where the deadline-ordered indexes put a complaint (keys.ts indexAttributes): one without a deadline last, a closed one after it. */
const dueOrder = (c: Complaint): string => (c.status === 'closed' ? '9999~' : (c.nextDeadlineAt ?? '9999'));

export class InMemoryComplaintStore implements ComplaintStore {
  complaints = new Map<string, Complaint>();
  events: TimelineEvent[] = [];
  claims = new Map<string, IdempotencyRecord>();
  private tickets = new Map<string, number>();

  async findIdempotencyRecord(key: string, now: Date) {
    const found = this.claims.get(key);
    return found && found.expiresAt > now.getTime() / 1000 ? found : undefined;
  }
  async createComplaint(
    complaint: Complaint,
    events: TimelineEvent[],
    claims: IdempotencyClaim[],
    now: Date,
    ticketMonth?: string,
  ): Promise<CreateResult> {
    for (const claim of claims) {
      const existing = await this.findIdempotencyRecord(claim.key, now);
      if (existing) return { created: false, existing };
    }
    const sequence = ticketMonth ? (this.tickets.get(ticketMonth) ?? 0) + 1 : 0;
    if (ticketMonth) this.tickets.set(ticketMonth, sequence);
    const stored = ticketMonth ? { ...complaint, ticketNumber: formatTicketNumber(ticketMonth, sequence) } : complaint;
    this.complaints.set(stored.id, stored);
    this.events.push(...events);
    for (const claim of claims) this.claims.set(claim.key, { ...claim, complaintId: stored.id });
    return { created: true, complaint: stored };
  }
  async getComplaint(id: string) {
    return this.complaints.get(id);
  }
  async getComplaintByTicket(ticketNumber: string) {
    return [...this.complaints.values()].find((c) => c.ticketNumber === ticketNumber);
  }
  async updateComplaint(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<Complaint, 'id' | 'version'>>,
    events: TimelineEvent[],
  ): Promise<Complaint> {
    const current = this.complaints.get(id);
    if (!current || current.version !== expectedVersion) throw new ConcurrentUpdateError();
    const written = { ...current, ...changes, version: current.version + 1 } as Complaint;
    this.complaints.set(id, written);
    this.events.push(...events);
    return written;
  }
  async appendEvents(events: TimelineEvent[]) {
    this.events.push(...events);
  }
  async listTimeline(complaintId: string) {
    return this.events.filter((e) => e.complaintId === complaintId).sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
  }
  /** One page in deadline order, honouring the refinements a use case asks for (no cursor: one page holds all). */
  private page(
    filter: (c: Complaint) => boolean,
    opts: ListOptions = {},
    order: 'deadline' | 'newest' = 'deadline',
  ): Promise<Page<Complaint>> {
    const inOrder = [...this.complaints.values()]
      .filter(filter)
      .sort((a, b) =>
        order === 'newest' ? b.receivedAt.localeCompare(a.receivedAt) : dueOrder(a).localeCompare(dueOrder(b)),
      );
    const items = inOrder.filter(
      (c) =>
        (opts.where?.(c) ?? true) &&
        matchesComplaint(c, opts.match) &&
        (opts.dueBefore === undefined || dueOrder(c) < opts.dueBefore),
    );
    return Promise.resolve({ items: items.slice(0, opts.limit ?? items.length) });
  }
  listByStatus(status: Status, opts?: ListOptions) {
    return this.page((c) => c.status === status, opts);
  }
  listByDepartment(department: Department, opts?: ListOptions) {
    return this.page((c) => c.department === department, opts);
  }
  listByOwner(ownerId: string, opts?: ListOptions) {
    return this.page((c) => c.ownerId === ownerId, opts);
  }
  /** In the approval partition's order (keys.ts): grade, then receipt. */
  async listAwaitingApproval(department: Department, opts: ListOptions = {}) {
    const order = (c: Complaint) => `${c.grade}#${c.receivedAt}#${c.id}`;
    const items = [...this.complaints.values()]
      .filter(
        (c) =>
          c.department === department &&
          c.status === 'solution_proposed' &&
          c.solution?.approval === 'pending' &&
          (opts.where?.(c) ?? true) &&
          matchesComplaint(c, opts.match),
      )
      .sort((a, b) => order(a).localeCompare(order(b)));
    return { items: items.slice(0, opts.limit ?? items.length) };
  }
  listUnassigned(department: Department, opts?: ListOptions) {
    return this.page((c) => c.department === department && !c.ownerId && c.status !== 'closed', opts);
  }
  listByCustomerPhone(phone: string, opts?: ListOptions) {
    const wanted = normalisePhone(phone);
    return this.page(
      (c) => c.customer.phone !== undefined && normalisePhone(c.customer.phone) === wanted,
      opts,
      'newest',
    );
  }
  listDueBefore(instant: string, opts?: ListOptions) {
    return this.page((c) => c.status !== 'closed' && (c.nextDeadlineAt ?? '9999') < instant, opts);
  }
  listByCustomerEmail(email: string, opts?: ListOptions) {
    return this.page((c) => c.customer.email?.toLowerCase() === email.toLowerCase(), opts, 'newest');
  }
  listByOrderNumber(orderNumber: string, opts?: ListOptions) {
    return this.page((c) => c.orderNumber === orderNumber, opts, 'newest');
  }
  /** The same order as the past-cases index: resolved, same model (however typed) and category, latest first. */
  async listPastCases(model: string, category: Complaint['category'], opts: ListOptions = {}) {
    const key = (m: string | undefined) => (m ?? '').trim().replace(/\s+/g, ' ').toUpperCase();
    const items = [...this.complaints.values()]
      .filter((c) => c.resolvedAt && c.category === category && key(c.product?.model) === key(model))
      .filter((c) => opts.where?.(c) ?? true)
      .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
    return { items: items.slice(0, opts.limit ?? items.length) };
  }
  listPartnerRequests(department: Department, opts?: ListOptions) {
    const open = (c: Complaint) =>
      c.status !== 'closed' && (c.partnerRequests ?? []).some((r) => r.department === department && !r.answeredAt);
    return this.page(open, opts);
  }
  /** The same queues as keys.ts workOrderItems, read from the complaints themselves. */
  listWorkOrderSteps(queues: string[], opts?: ListOptions) {
    const waiting = (c: Complaint) =>
      c.status !== 'closed' &&
      workOrderItems(c).some(({ item }) => item !== undefined && queues.includes(String(item.partnerKey)));
    return this.page(waiting, opts);
  }
}

/** Tokens parked in memory. */
export class InMemoryTokens implements WorkflowTokenStore {
  parked = new Map<string, ParkedToken>();
  async saveParkedToken(parked: ParkedToken) {
    this.parked.set(parked.complaintId, parked);
  }
  async getParkedToken(complaintId: string) {
    return this.parked.get(complaintId);
  }
}

/** Allows `limit` hits per key, forever (a window that never ends: tests do not wait for one). */
export class CountingRateLimiter implements RateLimiter {
  hits = new Map<string, number>();
  constructor(private readonly limit: number) {}
  async hit(key: string) {
    const count = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, count);
    return { allowed: count <= this.limit, retryAfterSeconds: count <= this.limit ? 0 : 3600 };
  }
}
