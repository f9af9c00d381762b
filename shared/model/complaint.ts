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
export const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' }),
  z.superRefine((value, ctx) => {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    const exists = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
    if (!exists) ctx.addIssue({ code: 'custom', message: 'date_invalid', params: { date: value } });
  }),
);

/** A time as a customer gives it: a day, or a day and a local time ("2026-11-30" or "2026-11-30T14:05", the form's datetime-local). */
const localDateTime = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/, { error: 'datetime_format' }),
  z.superRefine((value, ctx) => {
    const day = value.slice(0, 10);
    const parsed = isoDate.safeParse(day);
    if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'date_invalid', params: { date: day } });
  }),
);

/**
 * What the customer can tell us beyond the description (004's register: 发生时间, 客户已尝试操作;
 * 000: 问题发生场景): when and where it happened, and what they already tried. All optional.
 */
export const DetailsInput = z.object({
  occurredAt: z.optional(localDateTime),
  occurredWhere: z.optional(singleLine(200)),
  alreadyTried: z.optional(multiLine(2000)),
});
export type DetailsInput = z.infer<typeof DetailsInput>;

/** A version and its release date, as staff record a software fix (000: 明确修复版本与上线时间). */
export const FixInput = z.object({
  version: singleLine(64),
  releaseDate: isoDate,
});

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
  /** The production lot or batch number, where the customer knows it: complaints of one model and lot make an incident (INC). */
  lot: z.optional(singleLine(64)),
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
    /** When and where it happened, what the customer already tried (SM, issue 10). */
    details: z.optional(DetailsInput),
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
  /** The result mail goes out by then (the policy's resultWithin from the resolution); set when resolved. */
  result?: string;
  /** A compensation plan is approved by then (004: P1, 48 h after receipt); absent for other grades. */
  compensationPlan?: string;
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
  /**
   * The grade given at intake, which the reports' grading accuracy compares against (issue 11). Absent
   * on complaints taken in before it was kept: a regrade then takes the grade it finds as the first.
   */
  initialGrade?: Grade;
  /**
   * A person's regrade left the grade other than the initial one; the last regrade decides. A reopen's
   * automatic raise leaves it alone: the policy raised the grade, nobody found the first one wrong.
   */
  gradeDiffers?: boolean;
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
  /**
   * Which workflow execution is sending the acknowledgement, and until when (real time) its claim holds.
   * Moving a complaint to a new execution while the old one's send is in flight must not mail twice.
   */
  acknowledgementClaim?: { by: string; until: string };
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
  closeReason?: 'survey_answered' | 'no_survey_answer' | 'merged';
  /** The same customer's complaint about the same matter that this one was merged into: it is handled there. */
  mergedInto?: { complaintId: string; ticketNumber: string };
  /** When the closed complaint's handling times were computed and kept for the reports. */
  archivedAt?: string;
  /** When each step started and ended, kept for the reports' handling times. */
  stepTimes?: Record<string, { startedAt: string; endedAt?: string }>;
  /** Questions the lead department (`department`) asked partner departments (shared/workflow/partners.ts). */
  partnerRequests?: PartnerRequest[];
  /** For the grades with legal review: management's notice and its deadline (shared/workflow/legal-review.ts). */
  managementNotice?: ManagementNotice;
  /** The compensation-plan deadline passed with no approved plan: when, and who was told. */
  compensationPlanMissed?: { at: string; notified: string[] };

  // ----- Smaller steps the manuals name (SM, issue 10): shared/usecases/delay-and-fix.ts.
  /** What the customer told us beyond the description, and the fix staff recorded later. */
  details?: ComplaintDetails;
  /** The last delay told to the customer: the automatic "no news" mail waits until its date has passed. */
  delay?: DelayNotice;
  /** What the resolver pointed to as proof of the work, linked from the result mail and the status page. */
  resultEvidence?: ResultEvidence[];
  /** After-sales work orders under the complaint (shared/workflow/work-orders.ts). */
  workOrders?: WorkOrder[];

  // ----- Privacy (PRIV, issue 11): shared/privacy/redact.ts.
  /** When the customer's personal data was erased: the complaint keeps its facts, and leaves the retention index. */
  personalDataErasedAt?: string;

  version: number;
  updatedAt: string;
}

export interface ComplaintDetails extends DetailsInput {
  /** For a software fault: the version that fixes it and when it is released. */
  fix?: { version: string; releaseDate: string; recordedAt: string; recordedBy: string };
}

export interface DelayNotice {
  /** The new date the customer was given (a day in the operator's zone). */
  newDate: string;
  reason: string;
  toldAt: string;
  toldBy: string;
  /** The end of that day, as an instant: until then no automatic "no news" mail goes out. */
  until: string;
}

/** A piece of evidence of the work done: a link (a photo, a report) with what it shows. */
export interface ResultEvidence {
  url: string;
  label?: string;
}

export const SOLUTION_APPROVALS = ['not_required', 'pending', 'approved', 'rejected'] as const;
export type SolutionApproval = (typeof SOLUTION_APPROVALS)[number];

export interface Solution {
  summary: string;
  remedy?: Remedy;
  /** Money involved (refund, compensation), in the operator's currency. */
  amount?: number;
  /** The grade's standard remedy it follows (shared/policy/remedies.ts), by id. */
  standard?: string;
  proposedAt: string;
  proposedBy: string;
  approval: SolutionApproval;
  /** Why approval is needed ("P1", "amount above 1000"). */
  approvalReason?: string;
  decidedAt?: string;
  decidedBy?: string;
  decisionNote?: string;
  /** Kept readable for solutions stored before legal review was a step; new ones carry `legal`. */
  legalReview?: boolean;
  /** The legal review this solution waits for or passed (shared/workflow/legal-review.ts). */
  legal?: LegalReview;
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

export const LEGAL_REVIEW_STATES = ['pending', 'approved', 'returned'] as const;
export type LegalReviewState = (typeof LEGAL_REVIEW_STATES)[number];

/** A legal reviewer approves the plan, or returns it to the owner with a note (004 3.2.3 "报备法务部审核"). */
export interface LegalReview {
  state: LegalReviewState;
  requestedAt: string;
  /** The review is due by then (the policy's legalReviewWithin); then the managers are told. */
  dueAt: string;
  reviewerId?: string;
  decidedAt?: string;
  note?: string;
}

/** Management was told of a complaint of a grade with legal review (004 Ⅲ级), or is still to be. */
export interface ManagementNotice {
  dueAt: string;
  notifiedAt?: string;
  notified?: string[];
  /** The notice was not given in time: when that was recorded. */
  missedAt?: string;
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

// ----- After-sales work orders (002, 004): shared/workflow/work-orders.ts

export const WORK_ORDER_KINDS = ['repair', 'replacement', 'visit', 'parts'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];

/** 004 §3: the engineer diagnoses, the warehouse ships parts, the engineer visits, the fix is verified (002), the customer signs. */
export const WORK_ORDER_STEPS = ['diagnosis', 'parts', 'visit', 'verification', 'confirmation'] as const;
export type WorkOrderStepName = (typeof WORK_ORDER_STEPS)[number];

export type WorkStepHolder = 'engineer' | 'warehouse' | 'owner' | 'customer';

/** Who does each step: 004 §3.2 (engineer, warehouse clerk), 002 §2.4 (the owner verifies), 004 服务确认单. */
export const WORK_STEP_ROLES: Readonly<Record<WorkOrderStepName, readonly WorkStepHolder[]>> = {
  diagnosis: ['engineer'],
  parts: ['warehouse'],
  visit: ['engineer'],
  verification: ['owner', 'engineer'],
  // The customer signs on the status page, or the engineer records the paper form brought back from the visit.
  confirmation: ['customer', 'engineer'],
};

export interface WorkOrderStep {
  name: WorkOrderStepName;
  /** A named engineer (or warehouse clerk) the step was given to; otherwise anyone of the step's roles. */
  assigneeId?: string;
  /** Set when the step becomes the current one: the previous step's end plus the policy's time for it. */
  dueAt?: string;
  doneAt?: string;
  doneBy?: string;
  note?: string;
  /** Links or references to photos, test reports, the signed service confirmation. */
  evidence?: string[];
  /** The confirmation step: signed by the customer on the status page, or recorded by the engineer. */
  confirmedBy?: 'customer' | 'engineer_record';
  /** Missed: who has been told (ESCALATION_LADDER index) and the next look, if any. */
  escalation?: { level: number; deadline?: string };
}

/** A dated milestone of a long-running work order (002: "阶段性计划… 预计节点"); a deadline on the same clock. */
export interface WorkOrderMilestone {
  name: string;
  dueAt: string;
  doneAt?: string;
  escalation?: { level: number; deadline?: string };
}

export interface WorkOrder {
  id: string;
  kind: WorkOrderKind;
  /** Parts go to a remote area: the policy's longer shipping time (004: 48 h). */
  remote?: boolean;
  note?: string;
  openedBy: string;
  openedAt: string;
  steps: WorkOrderStep[];
  milestones?: WorkOrderMilestone[];
  /** Every step done: the work was carried out, verified and confirmed. */
  doneAt?: string;
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
  /** Older items carry no data; since legal review is a step: the deadline and who was asked. */
  legal_review_requested: { dueAt: string; reviewers: string[] } | undefined;
  legal_review_approved: { note: string | null };
  legal_review_returned: { note: string };
  /** Who was told, and by when they had to be (older items: only who, told on proposal). */
  management_notified: { notified: string[]; dueAt?: string };
  /** Nobody in management could be told by the notice's deadline. */
  management_notice_missed: { dueAt: string };
  /** No compensation plan was approved by its deadline: management was told. */
  compensation_plan_missed: { deadline: string; notified: string[] };
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
  resolved: {
    summary: string;
    /** When the result mail is due (resultWithin), and the evidence it links. */
    resultDue?: string;
    evidence?: ResultEvidence[];
  };
  /** `late`: sent after resultWithin had passed; the supervisors named were told. */
  result_sent: { messageId: string | null; late?: { due: string; notified: string[] } };
  /** The customer was told of a delay: the new date and the reason. Internal deadlines stay the policy's. */
  delay_notified: { newDate: string; reason: string; messageId: string | null; deadlinesMoved: false };
  /** Staff recorded the version that fixes a software fault and its release date. */
  fix_recorded: { version: string; releaseDate: string };
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
  /** Staff merged this complaint into another of the same customer about the same matter: it closes, the other goes on. */
  merged_into: { complaintId: string; ticketNumber: string; reason: string };
  /** Another complaint of the same customer was merged into this one. */
  merged_from: { complaintId: string; ticketNumber: string; reason: string };
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
  /** A work order was opened under the complaint (WorkOrder). */
  work_order_opened: {
    workOrderId: string;
    kind: WorkOrderKind;
    remote: boolean;
    steps: WorkOrderStepName[];
    firstDueAt: string;
    milestones?: { name: string; dueAt: string }[];
    note?: string;
  };
  /** A step (or a milestone) of a work order was done; `nextStep` is the one now due. */
  work_order_step_done: {
    workOrderId: string;
    step: WorkOrderStepName | `milestone:${string}`;
    note?: string;
    evidence?: string[];
    confirmedBy?: 'customer' | 'engineer_record';
    late: boolean;
    nextStep?: WorkOrderStepName;
    nextDueAt?: string;
  };
  work_order_assigned: { workOrderId: string; step: WorkOrderStepName; assigneeId: string };
  /** Every step of the work order is done. */
  work_order_done: { workOrderId: string };
  /** A step or milestone passed its deadline: the next rung of the complaint's ladder was told. */
  work_order_escalated: {
    workOrderId: string;
    step: string;
    missedDeadline: string;
    level: number;
    role: EscalationRole;
    notified: string[];
    newDeadline: string | null;
  };
  closed: { reason: 'survey_answered' | 'no_survey_answer' };
  archived: { handling: Record<string, { minutes: number; workingMinutes: number }>; reopenCount: number };
  mail_failed: { kind: string; error: string };
  /** A workflow step gave up after its retries (record-workflow-fault.ts). */
  acknowledge_failed: { step: string; error: string };
  workflow_failed: { step: string; error: string };

  // ----- Privacy (PRIV, issue 11): shared/usecases/customer-privacy.ts. The audit names no one but the staff actor.
  /**
   * A manager exported everything held about the customer: by which contact kind, how many complaints the
   * archive held, and where it waits for download (a random key, so an erasure can delete it before it expires).
   */
  customer_data_exported: { by: 'email' | 'phone'; complaints: number; archiveKey?: string };
  /** The customer's personal data was erased: at a manager's request, or by the retention policy. */
  customer_data_erased: { by: 'email' | 'phone' | 'retention'; rawMailDeleted: number; exportsDeleted?: number };
  // ----- Batch-defect incidents (INC, issue 11; shared/incidents/*).
  /** The complaint is one of a batch defect's: the incident it belongs to (opened with it, or joined). */
  incident_linked: { incidentId: string; model: string; lot?: string; opened: boolean };
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
  'legal_review_approved',
  'legal_review_returned',
  'solution_offered',
  'solution_accepted',
  'solution_change_requested',
  'management_notified',
  'management_notice_missed',
  'compensation_plan_missed',
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
  'merged_into',
  'merged_from',
  'sla_breached',
  'partner_requested',
  'partner_answered',
  'partner_escalated',
  'partner_disputed',
  'delay_notified',
  'fix_recorded',
  'work_order_opened',
  'work_order_step_done',
  'work_order_assigned',
  'work_order_done',
  'work_order_escalated',
  'closed',
  'archived',
  'mail_failed',
  'acknowledge_failed',
  'workflow_failed',
  // Privacy (PRIV)
  'customer_data_exported',
  'customer_data_erased',
  // Batch-defect incidents (INC).
  'incident_linked',
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
