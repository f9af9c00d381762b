import type {
  Category,
  Channel,
  CustomerTier,
  Department,
  Grade,
  Locale,
  Remedy,
  WorkOrderKind,
  WorkOrderStepName,
} from '../model/complaint.js';

/**
 * Policies are data: an operator can replace any of these without touching code.
 * A duration is either clock time (minutes/hours/days) or working time measured on the
 * working-day calendar (workingHours/workingDays).
 */
export type Duration =
  | { minutes: number }
  | { hours: number }
  | { days: number }
  | { workingHours: number }
  | { workingDays: number };

export interface GradeDeadlines {
  /** Until an owner is assigned. */
  assign: Duration;
  firstContact: Duration;
  /** Absent when the grade needs no separate solution step (P4). */
  solution?: Duration;
  resolve: Duration;
  /**
   * A compensation plan (a solution with a remedy or an amount) is approved by then, counted from
   * receipt (004 3.2.3 Ⅲ级: "48小时内出具赔偿方案"). Absent for grades without one.
   */
  compensationPlan?: Duration;
}

export type DeadlinePolicy = Record<Grade, GradeDeadlines>;

export interface CalendarPolicy {
  /** IANA zone in which days, working hours and ticket months are counted. */
  timezone: string;
  /** Working hours on a working day, "HH:mm" local time. */
  workday: { start: string; end: string };
  /** Whole days off (local dates, inclusive ranges). */
  holidays: { name: string; from: string; to: string }[];
  /** Weekend days that are working days (China's swapped working weekends). */
  workdays: string[];
  /** ISO weekdays that are normally days off (6 = Saturday, 7 = Sunday). */
  weekend: number[];
}

/**
 * What a rule looks at. A rule fires when every condition it states holds; a list holds when any
 * one entry matches, and an empty list counts as not stated. A rule that states nothing never fires.
 */
export interface RuleConditions {
  /**
   * Phrases looked for in the subject and description, ignoring case, full/half width and
   * apostrophes. Chinese matches anywhere; a phrase that begins or ends with a Latin letter or
   * digit only matches at a word edge there ("fire" is not in "firewall", "12315" not in a phone number).
   */
  keywords?: string[];
  /**
   * Regular expressions (JavaScript source, matched case-insensitively against the text as
   * normalized for keywords: lower case, half width, no apostrophes, hyphens and runs of
   * whitespace as one space) for what a fixed phrase cannot say: "扣了两次", "charged me $89
   * twice", "(\\d+|several) of them". A rule fires when any keyword or pattern matches outside a
   * negated clause (see GradingPolicy.language).
   */
  patterns?: string[];
  /** Phrases inside which a keyword does not count: "没有受伤" keeps "受伤" from firing, "气炸了" keeps "炸了". */
  negations?: string[];
  /**
   * false: the policy's negation cues do not cancel this rule's words. For topics, where "还不发货"
   * is still about a delivery; signals ("没有冒烟") leave it unset.
   */
  negatable?: boolean;
  /**
   * The text states an amount of money (with its currency: "¥4,280", "3999 元", "$2,400", "2万元")
   * of at least this much, in any currency: a threshold per grade, e.g. a large loss graded higher.
   */
  amountAtLeast?: number;
  channels?: Channel[];
  tiers?: CustomerTier[];
  remedies?: Remedy[];
  /** The category the customer chose. */
  categories?: Category[];
}

/** A grading rule: when it fires, the complaint is at least this grade. */
export interface GradingRule extends RuleConditions {
  id: string;
  grade: Grade;
  /** Why this rule exists, shown in the reasons, e.g. "safety". */
  label: string;
  /**
   * The grade when every match is qualified by a degree word of the same sentence ("偶尔",
   * "不影响使用", "occasionally", "minor"). Absent: degree words do not lower this rule (hazards).
   */
  mildGrade?: Grade;
  /**
   * The grade comes from the text's form, not its content (a question, a suggestion): a complaint
   * where such a rule and a P1/P2 content rule both fire is marked for review.
   */
  form?: boolean;
  /**
   * Topic words a question only asks about ("Can I get an invoice?", "退款一般几天到账?"): a match
   * in a clause that is a question (LanguageCues.questions) does not count.
   */
  askable?: boolean;
}

/**
 * How the words around a match change it, as regular expressions over the normalized text.
 * A negation cue cancels a match later in its own clause ("没有冒烟也没有起火", "I'm not asking
 * for a refund", "我不想去12315"), unless a scope breaker stands between ("再不处理我就打12315");
 * a degree cue anywhere in the match's sentence makes it mild ("偶尔", "occasionally").
 */
export interface LanguageCues {
  /** Cancel a match that starts at most `negationReach` characters after them in the clause. */
  negations: string[];
  /** Cancel only a match that starts right after them ("不漏电", "不烫手"). */
  adjacentNegations?: string[];
  /** Look like negations but are not ("no idea", "not only", "不但"); matched first and skipped. */
  notNegations?: string[];
  /** End a negation's reach inside a clause ("就", "then", "unless"). */
  scopeBreakers?: string[];
  /** How far a negation reaches, in characters of normalized text. */
  negationReach?: number;
  degrees: string[];
  /** Make their clause a question ("请问", "是否", "can i", "how do i"); a "?" alone does not ("why does it keep …?"). */
  questions?: string[];
  /** Where clauses end besides punctuation: conjunctions ("但是", "but", "however"). */
  clauseBreaks?: string[];
}

/** Tried in order; the first that fires decides the category (unless the customer chose one). */
export interface RoutingRule extends Omit<RuleConditions, 'categories'> {
  id: string;
  category: Category;
  label: string;
}

/** A department consulted alongside the owning one, e.g. legal/PR when a regulator or the press is involved. */
export interface InvolvementRule extends Omit<RuleConditions, 'categories'> {
  id: string;
  department: Department;
  label: string;
}

export interface RoutingPolicy {
  rules: RoutingRule[];
  /** Negation and degree cues; absent, keywords and patterns match wherever they stand. */
  language?: LanguageCues;
  defaultCategory: Category;
  departmentByCategory: Record<Category, Department>;
  involvements?: InvolvementRule[];
}

export interface GradingPolicy {
  rules: GradingRule[];
  defaultGrade: Grade;
  /** Negation and degree cues; absent, keywords and patterns match wherever they stand. */
  language?: LanguageCues;
}

export const STAFF_ROLES = [
  'agent',
  'supervisor',
  'department_head',
  'manager',
  // After-sales work orders (004: 售后工程师, 仓库专员): they work the steps of work orders, nothing else.
  'engineer',
  'warehouse',
  // Legal review (shared/workflow/legal-review.ts): reviews the plans of the grades with legal review.
  'legal',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A person who handles complaints. On AWS `id` is the Cognito username; roles are Cognito groups. */
export interface StaffMember {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  /** Agents, supervisors and department heads belong to a department; managers to all. */
  department?: Department;
  locale: 'zh-CN' | 'en';
}

export interface WorkflowPolicy {
  /** Once a step's deadline is missed and escalated, the next rung gets this long per grade. */
  escalationGrace: Record<Grade, Duration>;
  /** The customer hears from us at least this often while the complaint is open. */
  progressEvery: Duration;
  /** Solutions with money above this need a department head's approval (P1 always does). */
  approvalAmountThreshold: number;
  /** The result mail goes out within this after resolution. */
  resultWithin: Duration;
  surveyReminderAfter: Duration;
  surveyCloseAfter: Duration;
  /** A dissatisfied customer gets a second follow-up within this. */
  reopenFollowUpWithin: Duration;
  /** Without an answer to a request for information, the clock runs again after this. */
  infoRequestLimit: Duration;
  /**
   * How a resolved complaint whose customer has not answered the survey ends. Absent: it closes
   * `surveyCloseAfter` after the survey went out (a policy written before this field keeps working).
   */
  closing?: ClosingRule;
  /** A partner department answers the lead's request within this (001: 24 h, on the working-day clock: one working day); then its head is told. */
  partnerAnswerWithin: Duration;
  /** The grades whose solution a legal reviewer approves before anyone else decides (004: Ⅲ级 "报备法务部审核"). Absent: P1. */
  legalReviewFor?: Grade[];
  /** A legal reviewer answers a review request within this; then the managers are told. Absent: 24 h. */
  legalReviewWithin?: Duration;
  /** The managers of a grade with legal review are told it arrived within this of receipt. Absent: 15 min. */
  managementNoticeWithin?: Duration;
  /**
   * The customer accepts the solution before it is carried out (003 步骤3 "确认客户接受度", 004 3.2.3
   * "确认客户同意后执行"). Absent: nobody asks the customer, and the owner resolves once the solution
   * is approved or needs no approval (a policy written before this field keeps working).
   */
  acceptance?: AcceptancePolicy;
}

/** Telling the customer the solution and waiting for their answer (shared/workflow/acceptance.ts). */
export interface AcceptancePolicy {
  /** The customer is told the solution within this of it being final: approved, or proposed without needing approval (004: P1 1 h). */
  offerWithin: Record<Grade, Duration>;
  /** A customer who asks for a change gets a new proposal within this. */
  changeWithin: Record<Grade, Duration>;
  /**
   * Absent: silence never accepts; the owner is reminded every `surveyReminderAfter` to ask the
   * customer. A duration: a customer silent this long after the offer has accepted it (on the timeline).
   */
  silenceAcceptsAfter?: Duration;
}

/**
 * A standard remedy the manuals name for a grade (004 3.2.3: "Ⅰ级:…补偿小额优惠券(如50元无门槛券)"),
 * offered when proposing. A remedy that is not the grade's, or an amount above its `maxAmount`, needs approval.
 */
export interface RemedyStandard {
  id: string;
  remedy: Remedy;
  label: Record<Locale, string>;
  /** The most it may cost without approval; absent: no money involved or no limit stated. */
  maxAmount?: number;
  /** Where the figure comes from, e.g. "004 3.2.3 Ⅰ级". */
  source?: string;
}

export type RemedyStandards = Record<Grade, RemedyStandard[]>;

/**
 * How a resolved complaint closes when the customer stays silent:
 * - `afterSilence`: closed this long after the survey went out (the customer had a reminder after
 *   `surveyReminderAfter`);
 * - `customerConfirms`: never closed by silence (reference 002: "客户确认满意后…标注已关闭"). It
 *   waits as `awaiting_survey` (002's "待关闭") on its owner's queue; the customer is reminded
 *   once after `surveyReminderAfter`, then the owner every `surveyReminderAfter` to call them.
 */
export type ClosingRule = { afterSilence: Duration } | { customerConfirms: true };

/**
 * After-sales work orders (004 §3.2: diagnosis within 2 h, parts shipped within 24 h, 48 h to remote
 * areas): which steps each kind of work order has, in order, and how long each step may take from
 * the moment it becomes the current one.
 */
export interface WorkOrderPolicy {
  steps: Record<WorkOrderKind, WorkOrderStepName[]>;
  within: Record<WorkOrderStepName, Duration>;
  /** Parts shipped to a remote area (004: "偏远地区不超过48小时"), instead of `within.parts`. */
  remotePartsWithin: Duration;
}

// ----- Batch-defect incidents (INC, issue 11; shared/incidents/*).
/** Who hears of a new incident: everyone of a role, within a department where one is named. */
export interface IncidentRecipient {
  role: StaffRole;
  department?: Department;
}

/**
 * Complaints about one product model (and lot, or serial-number prefix) in a product-fault category
 * become a major incident (004 表3-1 Ⅲ级: "批量质量问题") once `threshold` of them arrive within `window`.
 */
export interface IncidentPolicy {
  threshold: number;
  window: Duration;
  categories: Category[];
  /** Without a lot, complaints whose serial numbers share this many leading characters are one batch. */
  serialPrefixLength: number;
  /** The incident's plan is recorded within this of its opening (004 表3-1 Ⅲ级: "2小时内制定方案"); then `notify` is told again. */
  planWithin: Duration;
  notify: IncidentRecipient[];
}

/** What staff call each grade, in each language, e.g. reference 004's "Ⅲ级（重大）" for P1. */
export type GradeNames = Record<Grade, Record<Locale, string>>;

export interface Policy {
  deadlines: DeadlinePolicy;
  calendar: CalendarPolicy;
  /** Status links stay valid this long. */
  statusLinkTtlDays: number;
  /** A retried identical submission within this window yields the same complaint. */
  duplicateWindowMinutes: number;
  workflow: WorkflowPolicy;
  /** The grades' names shown to staff; absent: shared/i18n/labels.ts GRADE_LABELS (critical, urgent, normal, low). */
  gradeNames?: GradeNames;
  /** The standard remedies per grade (shared/policy/remedies.ts); absent: none, every remedy goes by the amount threshold. */
  remedies?: RemedyStandards;
  /** After-sales work orders; absent (a policy stored before them): the defaults (default-policy.ts). */
  workOrders?: WorkOrderPolicy;
  /** The customer's personal data (PRIV, issue 11); absent (a policy stored before it): the defaults (default-policy.ts). */
  privacy?: PrivacyPolicy;
  /** Batch-defect incidents (INC, issue 11); absent (a policy stored before them): the defaults (default-policy.ts). */
  incidents?: IncidentPolicy;
  staff: StaffMember[];
}

/** How long personal data is kept (PIPL art. 19, GDPR art. 5(1)(e): no longer than the purpose needs). */
export interface PrivacyPolicy {
  /** Whole years after a complaint is archived, then its personal data is erased (shared/usecases/customer-privacy.ts). */
  eraseAfterArchiveYears: number;
}

/**
 * What intake needs beyond every other function: the rules that grade and route a new complaint.
 * Kept apart so the functions that never grade do not carry the rules (and their vocabulary).
 */
export interface IntakePolicy extends Policy {
  grading: GradingPolicy;
  routing: RoutingPolicy;
}
