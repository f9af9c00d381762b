import * as z from 'zod/mini';
import type { RefusedAttachment } from '../mail/types.js';
import type { LetterKind } from '../templates/staff-letters.js';

/**
 * The complaint model. The same schemas validate what arrives at the API and type the code,
 * so a field the API accepts is always a field the domain understands.
 */

export const LOCALES = ['zh-CN', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const CHANNELS = ['web', 'email', 'phone', 'chat', 'app', 'store', 'social', 'regulator'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const CATEGORIES = [
  'product_quality',
  'function_fault',
  'safety',
  'service',
  'logistics',
  'billing',
  'after_sales',
  'feature_request',
  'other',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const REMEDIES = ['repair', 'replacement', 'refund', 'compensation', 'apology', 'explanation', 'other'] as const;
export const Remedy = z.enum(REMEDIES);
export type Remedy = z.infer<typeof Remedy>;

export const TIERS = ['standard', 'vip', 'strategic'] as const;
export const CustomerTier = z.enum(TIERS);
export type CustomerTier = z.infer<typeof CustomerTier>;

export const GRADES = ['P1', 'P2', 'P3', 'P4'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const STATUSES = [
  'received',
  'acknowledged',
  'assigned',
  'in_progress',
  'awaiting_customer',
  'solution_proposed',
  'resolved',
  'awaiting_survey',
  'reopened',
  'closed',
] as const;
export const Status = z.enum(STATUSES);
export type Status = z.infer<typeof Status>;

export const DEPARTMENTS = [
  'customer_service',
  'technical_support',
  'quality',
  'product',
  'supply_chain',
  'finance',
  'legal_pr',
] as const;
export const Department = z.enum(DEPARTMENTS);
export type Department = z.infer<typeof Department>;

// C0 control characters and DEL, which have no business in anything a person types.
// Multi-line text may keep tab, line feed and carriage return.
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to find control characters
const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: this regex exists to find control characters
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Characters a person cannot see but a reader's screen obeys: C1 controls, line and paragraph
 * separators (they break JSON-in-script and mail headers), bidi overrides and isolates (U+202E
 * turns "exe.txt" into "txt.exe" in a staff mail), zero-width spaces and joiners, and the BOM.
 * They are refused, not stripped, so that what we store is exactly what the customer sent.
 */
const INVISIBLE = /[\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200d\ufeff]/;

/** Refuses invisible characters, naming the first one so a person can find it. */
export function noInvisibleCharacters(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const found = INVISIBLE.exec(value);
  if (!found) return;
  const char = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  ctx.addIssue({ code: 'custom', message: 'invisible_characters', params: { char } });
}

const singleLine = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((s) => !SINGLE_LINE_CONTROL.test(s), { error: 'control_characters' }),
    z.superRefine(noInvisibleCharacters),
  );

/** What a person typed over one or more lines (descriptions, notes, replies): bounded, trimmed, no control characters. */
export const multiLine = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(max),
    z.refine((s) => !MULTI_LINE_CONTROL.test(s), { error: 'control_characters' }),
    z.superRefine(noInvisibleCharacters),
  );

/** A calendar date that exists: "2026-13-45" has the right shape and no day in any calendar. */
const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' }),
  z.superRefine((value, ctx) => {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    if (!exists) ctx.addIssue({ code: 'custom', message: 'date_invalid', params: { date: value } });
  }),
);

export const CustomerInput = z.object({
  name: z.optional(singleLine(100)),
  email: z.optional(z.email().check(z.maxLength(254))),
  phone: z.optional(z.string().check(z.trim(), z.regex(/^\+?[0-9(][0-9 ()-]{5,24}$/, { error: 'phone_format' }))),
  customerId: z.optional(singleLine(64)),
  tier: z.optional(CustomerTier),
  locale: z.optional(Locale),
});

export const ProductInput = z.object({
  model: z.optional(singleLine(100)),
  serialNumber: z.optional(singleLine(100)),
  purchaseDate: z.optional(isoDate),
});

export const MAX_DESCRIPTION_LENGTH = 5000;

/** What a web form (or any intake channel) submits. */
export const ComplaintInput = z
  .object({
    customer: CustomerInput,
    channel: z._default(Channel, 'web'),
    category: z.optional(Category),
    subject: z.optional(singleLine(200)),
    description: multiLine(MAX_DESCRIPTION_LENGTH),
    requestedRemedy: z.optional(Remedy),
    orderNumber: z.optional(singleLine(64)),
    product: z.optional(ProductInput),
    evidence: z.optional(
      z
        .array(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048), z.superRefine(noInvisibleCharacters)))
        .check(z.maxLength(20)),
    ),
    /** Honeypot: a hidden form field that people never fill and bots do. */
    website: z.optional(z.string().check(z.maxLength(1000))),
  })
  .check(
    z.refine((c) => Boolean(c.customer.email || c.customer.phone), {
      path: ['customer', 'contact'],
      error: 'contact_required',
    }),
  );
export type ComplaintInput = z.infer<typeof ComplaintInput>;

export const Customer = z.extend(CustomerInput, {
  tier: CustomerTier,
  locale: Locale,
});
export type Customer = z.infer<typeof Customer>;

export interface GradeDecision {
  grade: Grade;
  /** Human-readable reasons, one per rule that fired, e.g. "keyword 'fire' → P1 (safety)". */
  reasons: string[];
  /**
   * Present when a person should check the grade, each entry saying why: nothing fired (the
   * default grade), a serious signal was read as negated or lowered by a degree word, or a
   * question or suggestion carries serious content. For staff only, like the reasons.
   */
  review?: string[];
}

export interface RoutingDecision {
  category: Category;
  department: Department;
  reasons: string[];
}

/** Deadlines as ISO-8601 UTC instants. `solution` is absent when the policy has none (P4). */
export interface Deadlines {
  /** Someone owns the complaint by then (the await_owner step). */
  assign: string;
  firstContact: string;
  solution?: string;
  resolve: string;
}

/** A file the customer sent (a mail attachment), stored beside the raw mail. */
export interface EvidenceRef {
  key: string;
  filename: string;
  contentType: string;
  size: number;
}

export interface Complaint {
  id: string;
  ticketNumber: string;
  status: Status;
  grade: Grade;
  gradeReasons: string[];
  /** Why a person should check the grade (GradeDecision.review); absent when nothing needs checking. Staff only. */
  gradeReview?: string[];
  category: Category;
  department: Department;
  routingReasons: string[];
  customer: Customer;
  channel: Channel;
  subject?: string;
  description: string;
  requestedRemedy?: Remedy;
  orderNumber?: string;
  product?: z.infer<typeof ProductInput>;
  evidence?: string[];
  /** The closed complaint this one follows up (the customer wrote again about it). */
  previousComplaintId?: string;
  receivedAt: string;
  /**
   * The policy version that graded it and set its deadlines (issue 9): every clock computed for it later
   * uses this version. Absent on complaints taken in before policies were versioned: version 1.
   */
  policyVersion?: number;
  deadlines: Deadlines;
  /** The nearest open deadline, for the by-deadline index. */
  nextDeadlineAt?: string;
  ownerId?: string;
  /** When the acknowledgement went out (or was skipped for lack of an email address). */
  acknowledgedAt?: string;
  /** When a P1 or P2 complaint was announced to its department on arrival: written once, so it is announced once. */
  announcedAt?: string;

  // ----- The lifecycle (issue 3). Every field is written by a use case, never by the workflow alone.
  assignedAt?: string;
  firstContactAt?: string;
  /** The last time the customer heard from us (acknowledgement, contact, reply, progress): the 24-hour rule counts from here. */
  lastCustomerUpdateAt?: string;
  solution?: Solution;
  resolvedAt?: string;
  resolutionSummary?: string;
  resultSentAt?: string;
  surveySentAt?: string;
  surveyReminderSentAt?: string;
  survey?: SurveyAnswer;
  /** How often the customer's dissatisfaction reopened it; the second reopen goes to a manager. */
  reopenCount?: number;
  /** When it was last reopened: the owner must contact the customer and find a solution again after this. */
  reopenedAt?: string;
  /** The last time the owner spoke to the customer (a contact, a reply, a question). */
  lastContactAt?: string;
  /** Who oversees a reopened complaint (a supervisor; a manager after the second reopen). */
  overseerId?: string;
  infoRequest?: InfoRequest;
  /** The current step's escalation: who has been told and the new, later deadline being waited for. */
  escalation?: Escalation;
  closedAt?: string;
  closeReason?: 'survey_answered' | 'no_survey_answer';
  /** When the closed complaint's handling times were computed and kept for the reports. */
  archivedAt?: string;
  /** When each step started and ended, kept for the reports' handling times. */
  stepTimes?: Record<string, { startedAt: string; endedAt?: string }>;
  /** Questions the lead department (`department`) asked partner departments (shared/workflow/partners.ts). */
  partnerRequests?: PartnerRequest[];

  version: number;
  updatedAt: string;
}

export const SOLUTION_APPROVALS = ['not_required', 'pending', 'approved', 'rejected'] as const;
export type SolutionApproval = (typeof SOLUTION_APPROVALS)[number];

export interface Solution {
  summary: string;
  remedy?: Remedy;
  /** Money involved (refund, compensation), in the operator's currency. */
  amount?: number;
  proposedAt: string;
  proposedBy: string;
  approval: SolutionApproval;
  /** Why approval is needed ("P1", "amount above 1000"). */
  approvalReason?: string;
  decidedAt?: string;
  decidedBy?: string;
  decisionNote?: string;
  /** P1 solutions also go through legal review. */
  legalReview?: boolean;
  // ----- The customer accepts the solution (ACC, issue 10; shared/workflow/acceptance.ts).
  /** When the remedy will be carried out, as the owner promises it (004: "明天上午10点上门"). */
  remedyBy?: string;
  /** Set when the solution became final under a policy that asks the customer: they must be told by then. */
  offerDueAt?: string;
  offer?: SolutionOffer;
  acceptance?: SolutionAcceptance;
}

export const OFFER_CHANNELS = ['email', 'call'] as const;
export type OfferChannel = (typeof OFFER_CHANNELS)[number];

/** How and when the customer was told the solution. */
export interface SolutionOffer {
  via: OfferChannel;
  at: string;
  /** Who told them: the member of staff who made the solution final (mail) or who called. */
  by: string;
  messageId?: string;
  /** What the owner wrote about the call. */
  note?: string;
  /** The owner was last reminded that the customer's answer is outstanding (silence never accepts). */
  remindedAt?: string;
}

export const ACCEPTANCE_CHANNELS = ['link', 'email', 'call', 'silence'] as const;
export type AcceptanceChannel = (typeof ACCEPTANCE_CHANNELS)[number];

/** The customer's answer to the offer. */
export interface SolutionAcceptance {
  answer: 'accepted' | 'change_requested';
  at: string;
  via: AcceptanceChannel;
  /** 'customer', 'workflow' (silence), or the member of staff who logged a call. */
  by: string;
  /** Why the customer wants a change (or what they said when accepting). */
  reason?: string;
  /** A change was asked for: the new proposal is due by then. */
  changeDueAt?: string;
}

export const SURVEY_VERDICTS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SurveyVerdict = (typeof SURVEY_VERDICTS)[number];

export interface SurveyAnswer {
  score?: number;
  verdict?: SurveyVerdict;
  /** The customer says the problem is not fixed. */
  notFixed?: boolean;
  reason?: string;
  answeredAt: string;
}

export interface InfoRequest {
  question: string;
  requestedAt: string;
  requestedBy: string;
  /** If the customer has not answered by then, the clock runs again without the answer. */
  limitAt: string;
  answeredAt?: string;
}

/**
 * The lead department asked a partner department for help (000: the lead handles, partners
 * cooperate; 001: a partner answers within 24 h). Its own clock: the complaint's keep running.
 */
export interface PartnerRequest {
  id: string;
  department: Department;
  question: string;
  reason?: string;
  askedBy: string;
  askedAt: string;
  /** The partner's answer is due by then (the policy's partnerAnswerWithin, on the working calendar). */
  dueAt: string;
  answer?: string;
  answeredBy?: string;
  answeredAt?: string;
  /** Unanswered at its deadline: who has been told (ESCALATION_LADDER index) and the next deadline, if any. */
  escalation?: { level: number; deadline?: string };
  /** The departments disagree: their common superior (a manager) was asked to decide. */
  disputedAt?: string;
}

export const ESCALATION_LADDER = ['owner', 'supervisor', 'department_head', 'manager'] as const;
export type EscalationRole = (typeof ESCALATION_LADDER)[number];

export interface Escalation {
  step: string;
  /** Index into ESCALATION_LADDER: 1 = supervisor told, 3 = manager told. */
  level: number;
  /** The deadline now being waited for. */
  deadline: string;
}

/**
 * The timeline's event types, each with the shape of its data (no data: `undefined`). A new event
 * type is a row here; writing an event with the wrong data, or an unknown type, does not compile.
 */
export interface EventData {
  received: {
    channel: Channel;
    /** The policy version it was taken in under. */
    policyVersion?: number;
    /** A complaint that arrived by mail: where the raw mail is stored, its Message-ID, the files it carried. */
    mailKey?: string;
    mailMessageId?: string;
    /** SES's SPF, DKIM and DMARC verdicts for the mail (locally GRAY: nothing was checked). */
    verdicts?: { spf: string; dkim: string; dmarc: string };
    attachments?: EvidenceRef[];
    refusedAttachments?: RefusedAttachment[];
  };
  graded: {
    grade: Grade;
    gradeReasons: string[];
    gradeReview?: string[];
    category: Category;
    department: Department;
    routingReasons: string[];
    deadlines: Deadlines;
  };
  acknowledgement_sent: { messageId: string; locale: Locale };
  /** rate_limited: the sender had more acknowledgements this hour than the limit (a mail loop or a flood). */
  acknowledgement_skipped: { reason: 'no_email' | 'rate_limited' };
  workflow_start_failed: { error: string };
  assigned: { ownerId: string; previousOwnerId: string | null };
  customer_contacted: { channel: string; note: string };
  note_added: { text: string };
  solution_proposed: Solution & { approvers: string[] };
  solution_approved: { note: string | null };
  solution_rejected: { note: string | null };
  legal_review_requested: undefined;
  /** The customer was told the final solution (ACC): how, and what. */
  solution_offered: {
    via: OfferChannel;
    messageId?: string | null;
    note?: string;
    summary: string;
    remedy?: Remedy;
    amount?: number;
    remedyBy?: string;
  };
  /** The customer accepted the solution: from the link, by mail, on a call, or by silence after the policy's time. */
  solution_accepted: { via: AcceptanceChannel; reason?: string };
  /** The customer asked for a change: a new proposal is due by `changeDueAt`. */
  solution_change_requested: { via: Exclude<AcceptanceChannel, 'silence'>; reason: string; changeDueAt: string };
  management_notified: { notified: string[] };
  /** A P1 or P2 complaint arrived: its department's agents and supervisors (and head, for P1) were told at once. */
  new_work_announced: { notified: string[] };
  progress_sent: {
    automatic: boolean;
    messageId?: string | null;
    message?: string;
    /** The letter template a reply started from (shared/templates/staff-letters.ts LETTER_KINDS). */
    letter?: LetterKind;
  };
  owner_reminded: { ownerId: string; reason: string };
  info_requested: { question: string; limitAt: string; messageId: string | null };
  /** The customer wrote to us: through the status page, or by mail (only the new text; the raw mail stays for staff). */
  customer_replied: {
    message: string;
    via?: 'web' | 'email';
    /** Where the raw mail is stored, for staff to read the original. */
    mailKey?: string;
    matchedBy?: 'reply_address' | 'message_id' | 'ticket_number';
    attachments?: EvidenceRef[];
    /** The mail's Message-ID: a second delivery of the same mail is recognised and does nothing. */
    mailMessageId?: string;
    /** SES's SPF, DKIM and DMARC verdicts for the mail (locally GRAY: nothing was checked). */
    verdicts?: { spf: string; dkim: string; dmarc: string };
    refusedAttachments?: RefusedAttachment[];
  };
  /** A mail about this complaint from someone who is not (or cannot be shown to be) its customer: kept for staff, never acted on. */
  mail_note_added: {
    from: string;
    text: string;
    reason: 'not_the_customer' | 'unverified_sender';
    mailKey: string;
    attachments: EvidenceRef[];
    mailMessageId?: string;
    /** SES's SPF, DKIM and DMARC verdicts for the mail (locally GRAY: nothing was checked). */
    verdicts?: { spf: string; dkim: string; dmarc: string };
    refusedAttachments?: RefusedAttachment[];
  };
  /** Mail to the customer's address bounced or was reported as spam: staff must call instead. */
  address_unreachable: {
    address: string;
    kind: 'bounce' | 'complaint';
    detail: string;
    source: 'ses_event' | 'delivery_report';
  };
  /** A mail we did not send, and why (the address is unreachable). */
  mail_skipped: { kind: string; reason: 'address_unreachable' };
  /** The customer wrote about a closed complaint: a new complaint was opened and linked to this one. */
  follow_up_opened: { complaintId: string; ticketNumber: string };
  info_request_expired: undefined;
  resolved: { summary: string };
  result_sent: { messageId: string | null };
  survey_sent: { messageId: string | null };
  survey_reminder_sent: undefined;
  survey_answered: SurveyAnswer;
  survey_unanswered: undefined;
  reopened: {
    fromGrade: Grade;
    toGrade: Grade;
    reason: string | null;
    overseer: string | null;
    reopenCount: number;
    followUpBy: string;
    survey?: SurveyAnswer;
    /** The solution of the round that did not satisfy; the new round needs its own. */
    previousSolution?: Solution;
  };
  /** Staff changed the grade: the open deadlines are the new grade's, from receipt. */
  regraded: { fromGrade: Grade; toGrade: Grade; reason: string; deadlines: Deadlines };
  rerouted: { from: Department; to: Department; reason: string; previousOwnerId: string | null };
  /** Staff escalated the current step one rung up the ladder (the manuals allow it when work is blocked). */
  escalated_by_hand: { step: string; level: number; role: EscalationRole; reason: string; notified: string[] };
  sla_breached: {
    step: string;
    deadline: string;
    level: number;
    role: EscalationRole;
    notified: string[];
    newDeadline: string;
    /** The top rung was already told: this is its daily reminder of what is still breached. */
    digest?: true;
  };
  /** The lead department asked a partner department (PartnerRequest). */
  partner_requested: { requestId: string; department: Department; question: string; reason?: string; dueAt: string };
  partner_answered: { requestId: string; department: Department; answer: string };
  /** A partner request went unanswered past its deadline: the partner department's next rung was told. */
  partner_escalated: {
    requestId: string;
    department: Department;
    missedDeadline: string;
    level: number;
    role: EscalationRole;
    notified: string[];
    newDeadline: string | null;
  };
  /** The lead and a partner disagree: their common superior decides. */
  partner_disputed: { requestId: string; department: Department; reason: string; notified: string[] };
  closed: { reason: 'survey_answered' | 'no_survey_answer' };
  archived: { handling: Record<string, { minutes: number; workingMinutes: number }>; reopenCount: number };
  mail_failed: { kind: string; error: string };
  /** A workflow step gave up after its retries (record-workflow-fault.ts). */
  acknowledge_failed: { step: string; error: string };
  workflow_failed: { step: string; error: string };
}

export type EventType = keyof EventData;
export const EVENT_TYPES = [
  'received',
  'graded',
  'acknowledgement_sent',
  'acknowledgement_skipped',
  'workflow_start_failed',
  'assigned',
  'customer_contacted',
  'note_added',
  'solution_proposed',
  'solution_approved',
  'solution_rejected',
  'legal_review_requested',
  'solution_offered',
  'solution_accepted',
  'solution_change_requested',
  'management_notified',
  'new_work_announced',
  'progress_sent',
  'owner_reminded',
  'info_requested',
  'customer_replied',
  'mail_note_added',
  'address_unreachable',
  'mail_skipped',
  'follow_up_opened',
  'info_request_expired',
  'resolved',
  'result_sent',
  'survey_sent',
  'survey_reminder_sent',
  'survey_answered',
  'survey_unanswered',
  'reopened',
  'regraded',
  'rerouted',
  'escalated_by_hand',
  'sla_breached',
  'partner_requested',
  'partner_answered',
  'partner_escalated',
  'partner_disputed',
  'closed',
  'archived',
  'mail_failed',
  'acknowledge_failed',
  'workflow_failed',
] as const satisfies readonly EventType[];

interface EventBase {
  complaintId: string;
  /** ISO instant plus a short unique suffix, so two events in the same millisecond keep their order and both survive. */
  eventId: string;
  at: string;
  actor: string;
}

/** One entry of a complaint's append-only timeline: its type says the shape of its data. */
export type TimelineEvent = {
  [T in EventType]: EventBase & { type: T } & (EventData[T] extends undefined
      ? { data?: undefined }
      : { data: EventData[T] });
}[EventType];
