import type { Category, Complaint, Department, Grade, Locale, Status, TimelineEvent } from '../model/complaint.js';
import type { IntakePolicy, StaffMember } from '../policy/types.js';

/**
 * Ports: what the use cases need from the outside world. Adapters for AWS live in
 * shared/adapters; tests pass in-memory or emulator-backed ones.
 */

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A claim that makes a submission idempotent: by client key, or by content fingerprint. */
export interface IdempotencyClaim {
  key: string;
  /** Hash of the request body, to tell a true retry from a key reused for different content. */
  requestHash: string;
  /** Epoch seconds after which the claim no longer holds (also the TTL). */
  expiresAt: number;
}

export interface IdempotencyRecord extends IdempotencyClaim {
  complaintId: string;
}

export type CreateResult = { created: true; complaint: Complaint } | { created: false; existing: IdempotencyRecord };

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * How much of an index to read. With `where`, the store keeps reading until `limit` complaints
 * match (or the index ends), and the cursor resumes right after the last one returned, so a
 * filtered page is as full as an unfiltered one and pages never skip or repeat a complaint.
 */
export interface ListOptions {
  limit?: number;
  cursor?: string;
  where?: (complaint: Complaint) => boolean;
  /** What the store checks itself (DynamoDB: a FilterExpression), so what fails it is never read back. */
  match?: ComplaintMatch;
  /**
   * Only complaints due before this instant (the deadline-ordered indexes: a key condition, not a
   * filter). An open complaint without a deadline is due before the end of time; a closed one never.
   */
  dueBefore?: string;
}

/** A conjunction of simple facts about a complaint; an absent field does not narrow. */
export interface ComplaintMatch {
  status?: Status;
  grade?: Grade;
  department?: Department;
  open?: true;
  escalated?: true;
  approvalPending?: true;
  /** The solution waits for a legal reviewer (shared/workflow/legal-review.ts). */
  legalPending?: true;
}

/** The meaning of a ComplaintMatch, for stores that filter in code (and for tests of those that do not). */
export const matchesComplaint = (c: Complaint, m: ComplaintMatch = {}): boolean =>
  (m.status === undefined || c.status === m.status) &&
  (m.grade === undefined || c.grade === m.grade) &&
  (m.department === undefined || c.department === m.department) &&
  (m.open === undefined || c.status !== 'closed') &&
  (m.escalated === undefined || c.escalation !== undefined) &&
  (m.approvalPending === undefined || c.solution?.approval === 'pending') &&
  (m.legalPending === undefined || c.solution?.legal?.state === 'pending');

export interface ComplaintStore {
  /** An unexpired idempotency record for this key, if any. */
  findIdempotencyRecord(key: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /**
   * Writes the complaint, its ticket-number guard, its first timeline events and its
   * idempotency claims in one transaction. If a live claim already exists, nothing is
   * written and the existing record is returned. With `ticketMonth` ("202611") the complaint
   * takes the month's next ticket number in that same transaction, so only a complaint that
   * is created uses a number; without it, the complaint keeps the number it carries.
   */
  createComplaint(
    complaint: Complaint,
    events: TimelineEvent[],
    claims: IdempotencyClaim[],
    now: Date,
    ticketMonth?: string,
  ): Promise<CreateResult>;
  getComplaint(id: string): Promise<Complaint | undefined>;
  getComplaintByTicket(ticketNumber: string): Promise<Complaint | undefined>;
  /**
   * Applies changes if the stored version equals expectedVersion, bumps the version and appends
   * the events, all in one transaction. Throws ConcurrentUpdateError when someone else won.
   * `read` is the record the caller decided on, when it has one: the write merges onto it instead
   * of reading the complaint again (the version condition still refuses anything newer).
   */
  updateComplaint(
    id: string,
    expectedVersion: number,
    changes: Partial<Omit<Complaint, 'id' | 'version'>>,
    events: TimelineEvent[],
    read?: Complaint,
  ): Promise<Complaint>;
  /** Appends to the timeline without touching the complaint (a fact that changes no state). */
  appendEvents(events: TimelineEvent[]): Promise<void>;
  listTimeline(complaintId: string): Promise<TimelineEvent[]>;

  /** Oldest first within a grade; `newestFirst` reverses that (the policy dry run's recent complaints). */
  listByStatus(status: Status, opts?: ListOptions & { grade?: Grade; newestFirst?: boolean }): Promise<Page<Complaint>>;
  listByDepartment(department: Department, opts?: ListOptions): Promise<Page<Complaint>>;
  listByOwner(ownerId: string, opts?: ListOptions): Promise<Page<Complaint>>;
  /** A department's proposals waiting for a head's approval, by grade, then receipt (as listByStatus). */
  listAwaitingApproval(department: Department, opts?: ListOptions): Promise<Page<Complaint>>;
  /** The open complaints of a department that nobody owns, soonest deadline first. */
  listUnassigned(department: Department, opts?: ListOptions): Promise<Page<Complaint>>;
  listDueBefore(instant: string, opts?: ListOptions): Promise<Page<Complaint>>;
  listByCustomerEmail(email: string, opts?: ListOptions): Promise<Page<Complaint>>;
  listByOrderNumber(orderNumber: string, opts?: ListOptions): Promise<Page<Complaint>>;
  /** A customer's complaints by phone, newest first, however the number is written (shared/model/phone.ts). */
  listByCustomerPhone(phone: string, opts?: ListOptions): Promise<Page<Complaint>>;
  /** Complaints with an open request to this partner department, soonest request deadline first. */
  listPartnerRequests(department: Department, opts?: ListOptions): Promise<Page<Complaint>>;
  /** Complaints with a work-order step waiting in any of these queues (keys.ts workStepStaffValue/RoleValue), soonest first. */
  listWorkOrderSteps(queues: string[], opts?: ListOptions): Promise<Page<Complaint>>;
  /** Past cases (L10): resolved complaints of this product model and category, most recently resolved first. */
  listPastCases(model: string, category: Category, opts?: ListOptions): Promise<Page<Complaint>>;
}

/** What a change to one complaint needs from the store: read it, write it version-checked, append to its timeline. */
export type ComplaintChangeStore = Pick<ComplaintStore, 'getComplaint' | 'updateComplaint' | 'appendEvents'>;

/** The task token a waiting step parked with, kept beside the complaint. */
export interface ParkedToken {
  complaintId: string;
  token: string;
  step: string;
  /** The complaint version the waiting step's plan was computed from. */
  planVersion: number;
  parkedAt: string;
}

/** The park step keeps its token... */
export interface ParkedTokenWriter {
  saveParkedToken(parked: ParkedToken): Promise<void>;
}

/** ...and a change that wakes the workflow reads it. */
export interface ParkedTokenReader {
  getParkedToken(complaintId: string): Promise<ParkedToken | undefined>;
}

export interface WorkflowTokenStore extends ParkedTokenWriter, ParkedTokenReader {}

export interface RateLimiter {
  /** Counts one hit for the client in the current window; returns whether it is allowed. */
  hit(clientKey: string, now: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Tags the mail for tracing (SES message tags / configuration set). */
  tags?: Record<string, string>;
  /** The complaint the mail is about: the mailer threads it (Reply-To, In-Reply-To, References) and records its id. */
  complaintId?: string;
  /** Who reads it: a customer's mail is threaded and gets the complaint's reply address; staff mail is not. */
  audience?: 'customer' | 'staff';
}

/** The message ids SES returned for the mails of each complaint: how a reply finds its way back. */
export interface MailThreads {
  recordSent(complaintId: string, messageId: string, at: string): Promise<void>;
  /** The complaint a sent message id belongs to, matched on the part before '@' (SES's domain differs by region). */
  complaintForMessageId(messageId: string): Promise<string | undefined>;
  /** The message ids sent for a complaint, oldest first. */
  sentMessageIds(complaintId: string): Promise<string[]>;
}

/** Addresses that bounced or complained: no further mail goes to them. */
export interface AddressHealth {
  markUnreachable(address: string, reason: { kind: 'bounce' | 'complaint'; detail: string; at: string }): Promise<void>;
  isUnreachable(address: string): Promise<boolean>;
}

/** Raw inbound mail and its attachments (S3 on AWS, the local S3 emulator locally). */
export interface RawMailStore {
  getRaw(key: string): Promise<Uint8Array>;
  putAttachment(key: string, content: Uint8Array, contentType: string): Promise<void>;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface WorkflowInput {
  complaintId: string;
  ticketNumber: string;
  grade: Grade;
  locale: Locale;
}

/** Starting a complaint's execution: what intake needs, and only intake. */
export interface WorkflowStarter {
  /** Starts the complaint's execution, named by the complaint id; a second start is a no-op. */
  start(input: WorkflowInput): Promise<{ executionArn: string; alreadyStarted: boolean }>;
}

/** Waking a parked step: what every change and the park step need. It needs no state machine, only the task token. */
export interface TaskSignals {
  /**
   * Completes a waiting step's task token with `output`. 'stale' when the step is no longer
   * waiting on that token (it timed out, or was already woken): never an error, because the
   * step that runs next re-reads the table anyway.
   */
  signal(token: string, output: unknown): Promise<'delivered' | 'stale'>;
}

/** Both, for callers (and test doubles) that do both. */
export interface Workflow extends WorkflowStarter, TaskSignals {}

export interface RunningExecution {
  executionArn: string;
  name: string;
  /** The definition version (or state machine ARN) it runs on. */
  definition?: string;
}

/** What moving open complaints to a new definition needs from the workflow engine. */
export interface WorkflowAdmin {
  listRunning(): AsyncIterable<RunningExecution>;
  stop(executionArn: string, cause: string): Promise<void>;
  /** Starts a named execution on the current definition; false when the name is taken. */
  startNamed(input: WorkflowInput, name: string): Promise<boolean>;
}

/** Remembers that something was done once (a daily digest to one person), so a retried run does not do it again. */
export interface OnceLedger {
  /** True when this call took the key; false when it was already taken. */
  claim(key: string, expiresAtEpochSeconds: number): Promise<boolean>;
  /** Gives the key back after the work failed, so a retry does it. */
  release(key: string): Promise<void>;
}

/**
 * Who works here: the Cognito user pool on AWS (groups are roles, attributes the department and
 * language), a fixed list in the local runtime. The domain reads the members through `policy.staff`,
 * filled at each invocation's edge (shared/wiring.ts `withStaffDirectory`).
 */
export interface StaffDirectory {
  members(): Promise<StaffMember[]>;
}

/**
 * The policy as stored, versioned data (issue 9). A version is immutable once saved: a complaint
 * records the version that graded it and set its deadlines, and keeps computing its clocks by it.
 * Rolling back saves a new version with an earlier version's content (`rolledBackFrom`), so
 * "current" is always the highest version and history only grows.
 */
export interface PolicyVersion {
  version: number;
  /** Every section an operator may change; never the staff (the directory says who works here). */
  policy: Omit<IntakePolicy, 'staff'>;
  savedAt: string;
  /** Staff id, or "system" for the seed at first start. */
  savedBy: string;
  reason: string;
  /** Top-level sections whose content differs from the version before ("calendar", "deadlines", …). */
  changedSections: string[];
  /** The preset this version was started from, when one was ("closeloop", "000", "001", "002", "004"). */
  preset?: string;
  /** Set on a rollback: the earlier version whose content this one restores. */
  rolledBackFrom?: number;
}

/** A version without its content: the history list. */
export type PolicyVersionSummary = Omit<PolicyVersion, 'policy'>;

export interface PolicyStore {
  /** The version in force; undefined only before the first start seeded one. */
  current(): Promise<PolicyVersion | undefined>;
  get(version: number): Promise<PolicyVersion | undefined>;
  /** Newest first. */
  history(limit: number, cursor?: string): Promise<Page<PolicyVersionSummary>>;
  /**
   * Saves `version` as the new current one. Fails with a ConcurrentUpdateError when `version.version` is not
   * exactly one above the current (someone saved in between): no change is ever lost.
   */
  save(version: PolicyVersion): Promise<void>;
}
