import * as z from 'zod/mini';
import { TRANSITION_REASONS } from '../errors/index.js';
import { Category, Department, Grade, Locale, Status } from '../model/complaint.js';
import { PolicyDocumentSchema } from '../policy/schema.js';

/**
 * The answers the API sends, as documentation: handlers build them from TypeScript types, so these
 * schemas are checked against real answers by test/infra/openapi.test.ts rather than by a parser.
 * Loose objects: a client must accept fields added later.
 */

const instant = z.iso.datetime();

/** shared/http/errors.ts `errorResponse`: every refusal and fault of our own functions. */
export const Refusal = z.looseObject({
  error: z.string(),
  message: z.string(),
  requestId: z.string(),
  reason: z.optional(z.enum(TRANSITION_REASONS)),
  fields: z.optional(z.record(z.string(), z.string())),
});

/** API Gateway's JWT authorizer answers a missing or invalid staff token before any function runs. */
export const GatewayUnauthorized = z.looseObject({ message: z.string() });

const Deadlines = z.record(z.string(), instant);

export const SubmittedComplaint = z.looseObject({
  id: z.string(),
  ticketNumber: z.string(),
  status: Status,
  grade: Grade,
  category: Category,
  department: Department,
  receivedAt: instant,
  acknowledgeBy: instant,
  resolveBy: instant,
  deadlines: Deadlines,
  statusUrl: z.string(),
  statusUrlExpiresAt: instant,
});

/** What staff get back when they register a complaint: what to read out to the caller or paste into a chat. */
export const RegisteredComplaint = z.looseObject({
  id: z.string(),
  ticketNumber: z.string(),
  status: Status,
  channel: z.string(),
  grade: Grade,
  gradeReasons: z.array(z.string()),
  category: Category,
  department: Department,
  receivedAt: instant,
  deadlines: Deadlines,
  statusUrl: z.string(),
  statusUrlExpiresAt: instant,
});

export const StatusView = z.looseObject({
  ticketNumber: z.string(),
  status: Status,
  category: Category,
  subject: z.optional(z.string()),
  receivedAt: instant,
  expectedResolutionBy: instant,
  updatedAt: instant,
  locale: Locale,
  history: z.array(z.looseObject({ type: z.string(), at: instant })),
  question: z.optional(z.looseObject({ text: z.string(), answerBy: instant })),
  /** The solution told to the customer, to accept or ask a change to (ACC). */
  offer: z.optional(
    z.looseObject({
      summary: z.string(),
      offeredAt: instant,
      open: z.boolean(),
      answer: z.optional(z.enum(['accepted', 'change_requested'])),
    }),
  ),
  /** Merged into the customer's other complaint about the same matter (its link came by mail). */
  mergedInto: z.optional(z.looseObject({ ticketNumber: z.string() })),
});

export const CustomerReplyAnswer = z.looseObject({ ticketNumber: z.string(), status: Status, resumed: z.boolean() });

export const ConfirmServiceAnswer = z.looseObject({ ticketNumber: z.string(), status: Status });
export const OfferAnswer = z.looseObject({
  ticketNumber: z.string(),
  status: Status,
  answer: z.enum(['accepted', 'change_requested']),
});

export const SurveyAnswer = z.looseObject({
  ticketNumber: z.string(),
  status: Status,
  outcome: z.enum(['closed', 'reopened']),
  reopened: z.boolean(),
});

/** One row of a queue (shared/usecases/staff-queues.ts QueueItem). */
export const QueueItem = z.looseObject({
  id: z.string(),
  ticketNumber: z.string(),
  grade: Grade,
  category: Category,
  department: Department,
  status: Status,
  ownerId: z.optional(z.string()),
  nextDeadlineAt: z.optional(instant),
  customerName: z.optional(z.string()),
});

export const QueuePage = z.looseObject({
  items: z.array(QueueItem),
  cursor: z.optional(z.string()),
});

const StoredComplaint = z.looseObject({
  id: z.string(),
  ticketNumber: z.string(),
  status: Status,
  grade: Grade,
  gradeReasons: z.array(z.string()),
  category: Category,
  department: Department,
  ownerId: z.optional(z.string()),
  receivedAt: instant,
  deadlines: Deadlines,
  nextDeadlineAt: z.optional(instant),
  version: z.int(),
});

const TimelineEvent = z.looseObject({
  complaintId: z.string(),
  eventId: z.string(),
  type: z.string(),
  at: instant,
  actor: z.string(),
});

export const StaffComplaintView = z.looseObject({
  complaint: StoredComplaint,
  timeline: z.array(TimelineEvent),
  mailThread: z.array(z.looseObject({})),
});

export const StaffActionResult = z.looseObject({
  complaint: StoredComplaint,
  events: z.array(TimelineEvent),
});

/** shared/reports/load-report.ts `ReportAction`. */
export const ReportActionView = z.looseObject({
  id: z.string(),
  kind: z.enum(['weekly', 'monthly']),
  period: z.string(),
  text: z.string(),
  owner: z.optional(z.string()),
  due: z.optional(z.string()),
  recordedBy: z.string(),
  recordedAt: instant,
});

const rateOrNull = z.nullable(z.number());
const figuresShape = {
  period: z.string(),
  received: z.number(),
  receivedByChannel: z.record(z.string(), z.number()),
  receivedByDay: z.record(z.string(), z.number()),
  receivedByHour: z.record(z.string(), z.number()),
  topCategories: z.array(z.looseObject({ category: z.string(), count: z.number(), share: z.number() })),
  gradeMix: z.record(z.string(), z.number()),
  onTime: z.record(z.string(), z.looseObject({ onTime: z.number(), late: z.number(), rate: rateOrNull })),
  overdueRate: rateOrNull,
  handlingHours: z.record(z.string(), z.looseObject({ mean: z.number(), p90: rateOrNull, count: z.number() })),
  breaches: z.record(z.string(), z.record(z.string(), z.number())),
  satisfactionRate: rateOrNull,
  surveyCoverage: rateOrNull,
  dissatisfactionReasons: z.record(z.string(), z.number()),
  reopenRate: rateOrNull,
  gradingAccuracy: rateOrNull,
  targets: z.array(
    z.looseObject({ name: z.string(), target: z.number(), figure: rateOrNull, met: z.nullable(z.boolean()) }),
  ),
};

/** shared/reports/load-report.ts `Report`: the period's figures, the period before, what moved, actions, overdue. */
export const ReportView = z.looseObject({
  ...figuresShape,
  kind: z.enum(['weekly', 'monthly']),
  department: z.optional(z.string()),
  from: z.string(),
  to: z.string(),
  partial: z.boolean(),
  navigation: z.looseObject({ previous: z.string(), next: z.optional(z.string()) }),
  previous: z.looseObject(figuresShape),
  moved: z.array(z.looseObject({ name: z.string(), figure: rateOrNull, previous: rateOrNull, delta: rateOrNull })),
  actions: z.looseObject({ recorded: z.array(ReportActionView), previous: z.array(ReportActionView) }),
  openOverdue: z.array(z.looseObject({ id: z.string(), ticketNumber: z.string() })),
});

/** shared/usecases/policy-dry-run.ts `DryRunResult`: what a proposed policy would change. */
const outcome = z.looseObject({ grade: Grade, category: Category, department: Department });
const gradeRow = z.record(Grade, z.number());
export const DryRunAnswer = z.looseObject({
  sampled: z.number(),
  sections: z.array(z.string()),
  gradeMatrix: z.record(Grade, gradeRow),
  changed: z.looseObject({ grade: z.number(), category: z.number(), department: z.number(), any: z.number() }),
  categoryMoves: z.array(z.looseObject({ from: Category, to: Category, count: z.number() })),
  departmentMoves: z.array(z.looseObject({ from: Department, to: Department, count: z.number() })),
  changes: z.array(
    z.looseObject({
      ticketNumber: z.string(),
      before: outcome,
      after: outcome,
      reasons: z.array(z.string()),
      label: z.optional(Grade),
    }),
  ),
  accuracy: z.looseObject({ labelled: z.number(), current: z.number(), proposed: z.number() }),
  deadlines: z.optional(
    z.looseObject({
      receivedAt: instant,
      rows: z.array(z.looseObject({ grade: Grade, current: Deadlines, proposed: Deadlines })),
    }),
  ),
});

/** Each answer's shape, by the name the document gives it under components.schemas. */
/** The policy as it is stored: a version, who saved it, when, why, what changed (issue 9). */
const PolicyVersionSummary = z.looseObject({
  version: z.number(),
  savedAt: z.string(),
  savedBy: z.string(),
  reason: z.string(),
  changedSections: z.array(z.string()),
  preset: z.optional(z.string()),
  rolledBackFrom: z.optional(z.number()),
});
export const PolicyVersionView = z.extend(PolicyVersionSummary, { policy: PolicyDocumentSchema });
export const PolicyHistoryPage = z.looseObject({
  items: z.array(PolicyVersionSummary),
  cursor: z.nullable(z.string()),
});

const Localized = z.looseObject({ 'zh-CN': z.string(), en: z.string() });
const PresetSummary = z.looseObject({ name: z.string(), title: Localized, source: z.string(), summary: Localized });
export const PresetList = z.looseObject({ items: z.array(PresetSummary) });
export const PresetView = z.extend(PresetSummary, { policy: PolicyDocumentSchema });

/** Privacy (PRIV): shared/usecases/customer-privacy.ts `ExportResult` and `EraseResult`. */
export const CustomerExported = z.looseObject({
  complaints: z.number(),
  bytes: z.number(),
  url: z.url(),
  expiresAt: z.iso.datetime(),
});
export const CustomerErased = z.looseObject({
  complaints: z.number(),
  rawMailDeleted: z.number(),
  exportsDeleted: z.number(),
});
// ----- Batch-defect incidents (INC, issue 11; shared/usecases/incidents.ts).
const IncidentSummary = z.looseObject({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  grade: z.string(),
  model: z.string(),
  lot: z.optional(z.string()),
  tickets: z.array(z.string()),
  openedAt: z.string(),
  planDueAt: z.string(),
  planRecorded: z.boolean(),
  planOverdue: z.boolean(),
  closedAt: z.optional(z.string()),
});
export const IncidentPage = z.looseObject({ items: z.array(IncidentSummary), cursor: z.optional(z.string()) });
const IncidentRecordView = z.looseObject({ text: z.string(), at: z.string(), by: z.string() });
const IncidentBody = z.looseObject({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  grade: z.string(),
  model: z.string(),
  lot: z.optional(z.string()),
  openedAt: z.string(),
  planDueAt: z.string(),
  linked: z.record(
    z.string(),
    z.looseObject({ ticketNumber: z.string(), receivedAt: z.string(), linkedAt: z.string() }),
  ),
  plan: z.optional(IncidentRecordView),
  rootCause: z.optional(IncidentRecordView),
  action: z.optional(IncidentRecordView),
  version: z.number(),
});
export const IncidentView = z.looseObject({
  incident: z.extend(IncidentBody, { summary: IncidentSummary }),
  timeline: z.array(
    z.looseObject({ incidentId: z.string(), eventId: z.string(), type: z.string(), at: z.string(), actor: z.string() }),
  ),
});
export const IncidentActionResult = z.looseObject({ incident: IncidentBody });

export const RESPONSE_SCHEMAS = {
  IncidentPage,
  IncidentView,
  IncidentActionResult,
  PresetList,
  PresetView,
  PolicyVersionView,
  PolicyHistoryPage,
  Refusal,
  SubmittedComplaint,
  RegisteredComplaint,
  StatusView,
  CustomerReplyAnswer,
  ConfirmServiceAnswer,
  OfferAnswer,
  SurveyAnswer,
  QueuePage,
  StaffComplaintView,
  StaffActionResult,
  DryRunAnswer,
  CustomerExported,
  CustomerErased,
  ReportView,
  ReportActionView,
} as const;
