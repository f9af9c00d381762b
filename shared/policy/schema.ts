import * as z from 'zod/mini';
import { type FieldIssues, ValidationError } from '../errors/index.js';
import { toFieldIssues } from '../http/validation.js';
import { hasMessage } from '../i18n/messages.js';
import {
  Category,
  Channel,
  CustomerTier,
  Department,
  Grade,
  Remedy,
  WORK_ORDER_KINDS,
  WORK_ORDER_STEPS,
} from '../model/complaint.js';
import { type IntakePolicy, STAFF_ROLES } from './types.js';

/** What is stored and versioned: every section an operator may change, never the staff. */
export type PolicyDocument = Omit<IntakePolicy, 'staff'>;

/*
 * The policy document's schema, one block per section: a field added to types.ts gets its line in
 * its section's block here (tsc fails below until it does). Messages are keys of shared/i18n/messages.ts,
 * so a manager reads each refusal in zh-CN or English, keyed by the field's dotted path.
 */

const positive = () => z.number().check(z.positive({ error: 'must_be_positive' }));
const notNegative = () => z.number().check(z.gte(0, { error: 'must_not_be_negative' }));
const wholePositive = () =>
  z.number().check(z.int({ error: 'must_be_whole' }), z.positive({ error: 'must_be_positive' }));
const text = () => z.string().check(z.minLength(1));

const Duration = z.union(
  [
    z.strictObject({ minutes: positive() }),
    z.strictObject({ hours: positive() }),
    z.strictObject({ days: positive() }),
    z.strictObject({ workingHours: positive() }),
    z.strictObject({ workingDays: positive() }),
  ],
  { error: 'duration_invalid' },
);

// ----- deadlines: every grade has its assign, first-contact and resolve deadlines.
const GradeDeadlines = z.strictObject({
  assign: Duration,
  firstContact: Duration,
  solution: z.optional(Duration),
  resolve: Duration,
  compensationPlan: z.optional(Duration),
});
const DeadlinesSection = z.strictObject({
  P1: GradeDeadlines,
  P2: GradeDeadlines,
  P3: GradeDeadlines,
  P4: GradeDeadlines,
});

// ----- calendar: real dates, ordered ranges, a working day that ends after it starts, a zone the runtime knows.
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;

function isRealDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

const LocalDate = z
  .string()
  .check(z.regex(LOCAL_DATE, { error: 'date_format' }), z.refine(isRealDate, { error: 'date_invalid', abort: true }));
const TimeOfDay = z.string().check(z.regex(TIME_OF_DAY, { error: 'time_of_day' }));

const CalendarSection = z.strictObject({
  timezone: z.string().check(z.refine(isTimeZone, { error: 'time_zone_invalid' })),
  workday: z
    .strictObject({ start: TimeOfDay, end: TimeOfDay })
    .check(z.refine((w) => w.start < w.end, { error: 'workday_order', path: ['end'], when: passed })),
  holidays: z.array(
    z
      .strictObject({ name: text(), from: LocalDate, to: LocalDate })
      .check(z.refine((h) => h.from <= h.to, { error: 'range_order', path: ['to'], when: passed })),
  ),
  workdays: z.array(LocalDate),
  weekend: z
    .array(
      z.number().check(z.int({ error: 'weekday' }), z.gte(1, { error: 'weekday' }), z.lte(7, { error: 'weekday' })),
    )
    .check(z.refine((days) => new Set(days).size < 7, { error: 'weekend_whole_week' })),
});

/** Cross-field checks run only once the fields they compare parsed. */
function passed(payload: { issues: readonly unknown[] }): boolean {
  return payload.issues.length === 0;
}

// ----- workflow
const perGrade = <T extends z.ZodMiniType>(value: T) => z.strictObject({ P1: value, P2: value, P3: value, P4: value });

const WorkflowSection = z.strictObject({
  escalationGrace: perGrade(Duration),
  progressEvery: Duration,
  approvalAmountThreshold: notNegative(),
  resultWithin: Duration,
  surveyReminderAfter: Duration,
  surveyCloseAfter: Duration,
  reopenFollowUpWithin: Duration,
  infoRequestLimit: Duration,
  partnerAnswerWithin: Duration,
  legalReviewFor: z.optional(z.array(Grade)),
  legalReviewWithin: z.optional(Duration),
  managementNoticeWithin: z.optional(Duration),
  /** The customer accepts the solution before it is carried out (absent: nobody asks them). */
  acceptance: z.optional(
    z.strictObject({
      offerWithin: perGrade(Duration),
      changeWithin: perGrade(Duration),
      silenceAcceptsAfter: z.optional(Duration),
    }),
  ),
  /** Close after a silence, or only once the customer confirms (reference 002). */
  closing: z.optional(
    z.union([z.strictObject({ afterSilence: Duration }), z.strictObject({ customerConfirms: z.literal(true) })], {
      error: 'closing_invalid',
    }),
  ),
});

// ----- work orders: each kind lists its steps once each, in the order they are done.
const WorkOrderStep = z.enum(WORK_ORDER_STEPS, { error: 'work_order_step_invalid' });
const inOrder = (steps: readonly string[]) =>
  steps.every(
    (step, i) => i === 0 || WORK_ORDER_STEPS.indexOf(step as never) > WORK_ORDER_STEPS.indexOf(steps[i - 1] as never),
  );
const WorkOrderSteps = z
  .array(WorkOrderStep)
  .check(z.minLength(1, { error: 'work_order_steps_empty' }), z.refine(inOrder, { error: 'work_order_steps_order' }));
const WorkOrdersSection = z.strictObject({
  steps: z.strictObject(
    Object.fromEntries(WORK_ORDER_KINDS.map((k) => [k, WorkOrderSteps])) as Record<
      (typeof WORK_ORDER_KINDS)[number],
      typeof WorkOrderSteps
    >,
  ),
  within: z.strictObject(
    Object.fromEntries(WORK_ORDER_STEPS.map((s) => [s, Duration])) as Record<
      (typeof WORK_ORDER_STEPS)[number],
      typeof Duration
    >,
  ),
  remotePartsWithin: Duration,
});

// ----- incidents (INC, issue 11): a batch is at least two complaints; someone is told.
const StaffRole = z.enum(STAFF_ROLES);
const IncidentsSection = z.strictObject({
  threshold: z.number().check(z.int({ error: 'must_be_whole' }), z.gte(2, { error: 'incident_threshold_too_small' })),
  window: Duration,
  categories: z.array(Category).check(z.minLength(1, { error: 'incident_categories_empty' })),
  serialPrefixLength: wholePositive(),
  planWithin: Duration,
  notify: z
    .array(z.strictObject({ role: StaffRole, department: z.optional(Department) }))
    .check(z.minLength(1, { error: 'incident_notify_empty' })),
});

const GradeName = z.strictObject({ 'zh-CN': text(), en: text() });

// ----- remedies: per grade the standard remedies, each id once in its grade.
const RemedyStandard = z.strictObject({
  id: text(),
  remedy: Remedy,
  label: GradeName,
  maxAmount: z.optional(notNegative()),
  source: z.optional(text()),
});
const uniqueIds = (list: { id: string }[]) => new Set(list.map((r) => r.id)).size === list.length;
const RemediesSection = perGrade(
  z.array(RemedyStandard).check(z.refine(uniqueIds, { error: 'remedy_id_repeated', when: passed })),
);

// ----- grading and routing: every pattern compiles (the matcher uses the `i` and `u` flags).
function compiles(source: string): boolean {
  try {
    new RegExp(source, 'iu');
    return true;
  } catch {
    return false;
  }
}
const Pattern = z.string().check(z.minLength(1), z.refine(compiles, { error: 'pattern_invalid' }));
const Phrase = text();

const conditions = {
  keywords: z.optional(z.array(Phrase)),
  patterns: z.optional(z.array(Pattern)),
  negations: z.optional(z.array(Phrase)),
  negatable: z.optional(z.boolean()),
  amountAtLeast: z.optional(notNegative()),
  channels: z.optional(z.array(Channel)),
  tiers: z.optional(z.array(CustomerTier)),
  remedies: z.optional(z.array(Remedy)),
};

const LanguageCues = z.strictObject({
  negations: z.array(Pattern),
  adjacentNegations: z.optional(z.array(Pattern)),
  notNegations: z.optional(z.array(Pattern)),
  scopeBreakers: z.optional(z.array(Pattern)),
  negationReach: z.optional(wholePositive()),
  degrees: z.array(Pattern),
  questions: z.optional(z.array(Pattern)),
  clauseBreaks: z.optional(z.array(Pattern)),
});

const GradingRule = z.strictObject({
  ...conditions,
  categories: z.optional(z.array(Category)),
  id: text(),
  grade: Grade,
  label: text(),
  mildGrade: z.optional(Grade),
  form: z.optional(z.boolean()),
  askable: z.optional(z.boolean()),
});

const GradingSection = z.strictObject({
  rules: z.array(GradingRule),
  defaultGrade: Grade,
  language: z.optional(LanguageCues),
});

const RoutingSection = z.strictObject({
  rules: z.array(z.strictObject({ ...conditions, id: text(), category: Category, label: text() })),
  language: z.optional(LanguageCues),
  defaultCategory: Category,
  departmentByCategory: z.record(Category, Department),
  involvements: z.optional(
    z.array(z.strictObject({ ...conditions, id: text(), department: Department, label: text() })),
  ),
});

export const PolicyDocumentSchema = z.strictObject({
  deadlines: DeadlinesSection,
  calendar: CalendarSection,
  statusLinkTtlDays: wholePositive(),
  duplicateWindowMinutes: notNegative(),
  workflow: WorkflowSection,
  gradeNames: z.optional(perGrade(GradeName)),
  remedies: z.optional(RemediesSection),
  workOrders: z.optional(WorkOrdersSection),
  // Privacy (PRIV): the retention of personal data after archive.
  privacy: z.optional(z.strictObject({ eraseAfterArchiveYears: wholePositive() })),
  incidents: z.optional(IncidentsSection),
  grading: GradingSection,
  routing: RoutingSection,
});

/*
 * The schema and the types agree exactly: a field added to types.ts (or here) alone fails `tsc`.
 * Optional fields compare without their `| undefined`, which zod adds and types.ts leaves out.
 */
type Exact<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Defined<T> = T extends (infer E)[]
  ? Defined<E>[]
  : T extends object
    ? { [K in keyof T]: Defined<Exclude<T[K], undefined>> }
    : T;
const schemaMatchesTypes: Exact<Defined<z.output<typeof PolicyDocumentSchema>>, Defined<PolicyDocument>> = true;
void schemaMatchesTypes;

const SECTIONS = Object.keys(PolicyDocumentSchema.def.shape) as (keyof PolicyDocument)[];

/**
 * A policy document as an operator sent it (or as it was read back from the table), checked.
 * Throws ValidationError with one entry per field, keyed by dotted path ("deadlines.P1.assign",
 * "calendar.holidays.2.from"); an unknown field is named by its own path.
 */
export function parsePolicyDocument(input: unknown): PolicyDocument {
  const result = PolicyDocumentSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data as PolicyDocument;
  throw new ValidationError(policyFieldIssues(result.error));
}

function policyFieldIssues(error: z.core.$ZodError): FieldIssues {
  const fields: FieldIssues = {};
  const add = (path: PropertyKey[], issue: FieldIssues[string]) => {
    const key = path.map(String).join('.') || 'policy';
    fields[key] ??= issue;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], { code: 'unknown_field' });
    } else if ((issue.code === 'invalid_type' || issue.code === 'invalid_union') && issue.input === undefined) {
      add(issue.path, { code: 'required' });
    } else if (issue.code === 'custom' && issue.message === 'date_invalid') {
      add(issue.path, { code: 'date_invalid', params: { date: issue.input } });
    } else if (hasMessage(issue.message) && issue.code !== 'invalid_type') {
      add(issue.path, { code: issue.message });
    } else {
      const [[, described] = ['', { code: 'invalid' }]] = Object.entries(
        toFieldIssues({ issues: [issue] } as z.core.$ZodError),
      );
      add(issue.path, described);
    }
  }
  return fields;
}

/** The top-level sections whose content differs between two documents. */
export function changedSections(before: PolicyDocument | undefined, after: PolicyDocument): string[] {
  return SECTIONS.filter((s) => canonical(before?.[s]) !== canonical(after[s]));
}

/** JSON with object keys sorted: a version read back from DynamoDB has the same content in another key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
