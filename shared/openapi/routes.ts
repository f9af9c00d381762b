import type * as z from 'zod/mini';
import * as zm from 'zod/mini';
import { STAFF_ACTIONS, type StaffActionName } from '../auth/staff.js';
import { CloseIncidentInput, INCIDENT_ACTIONS, IncidentListQuery, IncidentRecordInput } from '../incidents/inputs.js';
import { ComplaintInput } from '../model/complaint.js';
import { defaultPolicy } from '../policy/default-policy.js';
import { DEFAULT_DEPARTMENT_BY_CATEGORY } from '../policy/department-by-category.js';
import { PolicyDocumentSchema } from '../policy/schema.js';
import { ReportActionInput } from '../reports/report-actions.js';
import { ReportQuery } from '../reports/report-request.js';
import { OfferAnswerInput } from '../usecases/acceptance-inputs.js';
import { CustomerLookup } from '../usecases/customer-privacy.js';
import { CustomerReplyInput, SurveyInput } from '../usecases/customer-responses.js';
import { RollbackPolicyInput } from '../usecases/policy-admin.js';
import { DryRunInput } from '../usecases/policy-dry-run-input.js';
import { RegisterComplaintInput } from '../usecases/register-complaint.js';
import { staffActionInput } from '../usecases/staff-actions.js';
import { StaffQueueQuery } from '../usecases/staff-queues.js';
import { ConfirmServiceInput } from '../usecases/work-orders.js';
import {
  ConfirmServiceAnswer,
  CustomerErased,
  CustomerExported,
  CustomerReplyAnswer,
  DryRunAnswer,
  IncidentActionResult,
  IncidentPage,
  IncidentView,
  OfferAnswer,
  PolicyHistoryPage,
  PolicyVersionView,
  PresetList,
  PresetView,
  QueuePage,
  RegisteredComplaint,
  ReportActionView,
  ReportView,
  StaffActionResult,
  StaffComplaintView,
  StatusView,
  SubmittedComplaint,
  SurveyAnswer,
} from './responses.js';

/**
 * One operation of the HTTP API, described from the zod schemas its handler validates with.
 * Adding a route to the API is adding one entry to API_OPERATIONS; test/infra/openapi.test.ts
 * fails until the synthesized app and this list name the same routes.
 */
export interface ApiOperation {
  method: 'get' | 'post' | 'put';
  /** The path as API Gateway routes it, with `{name}` for each path parameter. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** `public`: anyone (a signed link in the path is the customer's key); `staff`: a Cognito ID token. */
  access: 'public' | 'staff';
  /** What each path parameter is. */
  pathParameters?: Record<string, string>;
  /** The query string's schema: one parameter per property. */
  query?: z.ZodMiniObject;
  /** Request headers the handler reads beyond Accept-Language. */
  headers?: { name: string; description: string; pattern?: string }[];
  /** A JSON body, validated by `schema`; `form` when a plain HTML form may post the same fields. */
  body?: { schema: z.ZodMiniType; example: unknown; form?: boolean };
  /** The success answer: JSON of `json`'s shape, and/or an HTML page for a person. */
  ok: {
    status: 200 | 201;
    description: string;
    json?: z.ZodMiniType;
    html?: boolean;
    etag?: boolean;
    zip?: boolean;
    csv?: boolean;
  };
}

const TOKEN = { token: 'The signed token of the link we mailed the customer; it expires.' };
const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  description: 'Any 8 to 128 printable ASCII characters (a UUID fits): the same key sent twice is one complaint.',
  pattern: '^[\\x21-\\x7e]{8,128}$',
};
const IF_MATCH = {
  name: 'If-Match',
  description: "The complaint's version (its ETag) the caller last saw: a change made since is refused (409).",
  pattern: '^\\s*(?:W\\/)?"?\\d{1,12}"?\\s*$',
};

/** A real request body for each staff action (README, "Staff actions and their request bodies"). */
const ACTION_EXAMPLES: Record<StaffActionName, unknown> = {
  assign: { ownerId: 'agent.wu' },
  contact: { channel: 'phone', note: 'Called, apologised' },
  note: { text: 'Customer prefers a call after 18:00.' },
  reply: { message: 'A technician will visit on Thursday morning.' },
  propose: { summary: 'Replace the kettle', remedy: 'replacement', amount: 1299 },
  approve: { note: 'Approved within budget.' },
  reject: { note: 'Repair first; replacement only if that fails.' },
  resolve: {
    summary: 'Replaced the kettle; customer confirmed it works.',
    evidence: [{ url: 'https://files.example.com/repairs/8841.jpg', label: 'Photo of the new kettle' }],
  },
  'request-info': { question: 'Could you send a photo of the serial number plate?' },
  reopen: { reason: 'The fault came back after a week.' },
  regrade: { grade: 'P2', reason: 'The customer lost money on a failed payment.' },
  reroute: { department: 'finance', reason: 'This is a billing error, not a service matter.' },
  escalate: { reason: 'Waiting on the supplier for three days.' },
  'request-partner': {
    department: 'supply_chain',
    question: 'Where is parcel SF1234567890? The customer has waited a week.',
    reason: 'The carrier is managed by supply chain.',
  },
  'answer-partner': {
    requestId: '0b9c6f0e-3c1d-4a59-9a8e-2f1d7c8b6a10',
    answer: 'Lost in transit; a new one ships today.',
  },
  'dispute-partner': {
    requestId: '0b9c6f0e-3c1d-4a59-9a8e-2f1d7c8b6a10',
    reason: 'Supply chain says the refund is ours to pay; we say it is theirs.',
  },
  // SM
  'notify-delay': { newDate: '2026-12-08', reason: 'The replacement part is out of stock until next week.' },
  'record-fix': { version: '4.2.1', releaseDate: '2026-12-15' },
  // Legal review (LEG).
  'legal-approve': { note: 'No liability admitted in the wording; approved.' },
  'legal-return': { note: 'Remove the admission of fault from the letter, then resubmit.' },
  'open-work-order': { kind: 'repair', remote: false, note: 'Kettle does not heat; visit Thursday morning.' },
  'work-order-step': {
    workOrderId: '5d2f8a64-8a5e-4f0e-9b59-0c6a3c1e2b77',
    step: 'diagnosis',
    note: 'Heating element burnt out; needs part HE-220.',
  },
  'work-order-assign': {
    workOrderId: '5d2f8a64-8a5e-4f0e-9b59-0c6a3c1e2b77',
    step: 'visit',
    assigneeId: 'engineer.wu',
  },
  'offer-by-call': { note: 'Called the customer: told them the engineer visits Thursday 10:00 and the refund of 200.' },
  'record-acceptance': { accepted: false, reason: 'Wants a replacement, not a repair.' },
  merge: { into: '202611-0042', reason: 'Same broken kettle, reported again by phone.' },
};

const ACTION_SUMMARIES: Record<StaffActionName, string> = {
  assign: 'Take the complaint (empty body) or assign it to a member of staff',
  contact: 'Record a contact with the customer',
  note: 'Add an internal note the customer never sees',
  reply: 'Mail the customer (threaded, in their language)',
  propose:
    "Propose a solution (`standard`: one of the grade's standard remedies); a P1 waits for legal review, a P1, a large amount or more than the standard for approval",
  approve: 'Approve the pending solution',
  reject: 'Reject the pending solution',
  resolve: 'Resolve the complaint: the result mail (within resultWithin, linking any evidence) and the survey follow',
  'request-info': 'Ask the customer a question; the clock pauses until they answer',
  reopen: 'Reopen a resolved complaint one grade higher',
  regrade: 'Change the grade; open deadlines are recomputed from receipt',
  reroute: 'Move the complaint to another department',
  escalate: 'Escalate by hand to the next rung of the ladder',
  'request-partner': 'Ask a partner department for help; it answers by the policy deadline or its head is told',
  'answer-partner': "Answer a partner request to the caller's department",
  'dispute-partner': 'Take a disagreement between the lead and a partner department to the manager',
  // SM
  'notify-delay':
    "Tell the customer of a delay: the new date and the reason, in their language; deadlines stay the policy's",
  'record-fix': 'Record the version that fixes a software fault and its release date; the next customer mail tells it',
  'legal-approve': 'Legal review: pass the plan on to approval (legal reviewers only)',
  'legal-return': 'Legal review: return the plan to its owner with a note (legal reviewers only)',
  'open-work-order': 'Open an after-sales work order (repair, replacement, visit, parts) whose steps have deadlines',
  'work-order-step': "Complete a work order's current step (or a milestone); the step's role is checked",
  'work-order-assign': 'Give a step of a work order to a named engineer or warehouse clerk',
  'offer-by-call': 'Record that the owner told the customer the final solution on a call (no email needed)',
  'record-acceptance': "Record the customer's answer to the solution from a call: accepted, or a change with a reason",
  merge:
    "Merge this complaint into the same customer's other open complaint (`into`: its ticket number): this one closes, the customer is told once, and their later mail lands on the other",
};

const operationName = (action: string) => `staff${action.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

/** Every staff action is its own path, so each has its own request body (the route is `/{action}`). */
const staffActionOperations = (): ApiOperation[] =>
  STAFF_ACTIONS.map((action) => ({
    method: 'post',
    path: `/staff/complaints/{id}/${action}`,
    operationId: operationName(action),
    summary: ACTION_SUMMARIES[action],
    access: 'staff',
    pathParameters: { id: 'The complaint id.' },
    headers: [IF_MATCH],
    body: { schema: staffActionInput(action), example: ACTION_EXAMPLES[action] },
    ok: {
      status: 200,
      description: 'The changed complaint and the timeline events the action wrote',
      json: StaffActionResult,
      etag: true,
    },
  }));

/** The public and staff API. Built on first use: the staff actions' schemas are built on first use too. */
export const apiOperations = (): ApiOperation[] => [
  {
    method: 'get',
    path: '/',
    operationId: 'complaintForm',
    summary: 'The bilingual complaint form (`?lang=zh-CN|en`); it posts to POST /complaints',
    access: 'public',
    ok: { status: 200, description: 'The form', html: true },
  },
  {
    method: 'post',
    path: '/complaints',
    operationId: 'submitComplaint',
    summary: 'Submit a complaint',
    description:
      'Graded, routed, numbered and acknowledged by mail. The customer needs an email or a phone number. ' +
      'A plain HTML form post is answered with a page.',
    access: 'public',
    headers: [IDEMPOTENCY_KEY],
    body: {
      schema: ComplaintInput,
      form: true,
      example: {
        customer: { name: 'Li Wei', email: 'li.wei@example.com', locale: 'zh-CN' },
        description: '洗衣机运行时噪音很大，希望尽快上门维修。',
        orderNumber: 'SO-20261120-0042',
        requestedRemedy: 'repair',
      },
    },
    ok: {
      status: 201,
      description: 'The complaint as stored, with its status link',
      json: SubmittedComplaint,
      html: true,
    },
  },
  {
    method: 'get',
    path: '/status/{token}',
    operationId: 'viewStatus',
    summary: "The customer's status page, or its data as JSON (Accept: application/json)",
    access: 'public',
    pathParameters: TOKEN,
    ok: { status: 200, description: "The complaint's progress", json: StatusView, html: true },
  },
  {
    method: 'post',
    path: '/status/{token}/reply',
    operationId: 'replyAsCustomer',
    summary: "The customer's answer to a request for information (or any message to us)",
    access: 'public',
    pathParameters: TOKEN,
    body: { schema: CustomerReplyInput, form: true, example: { message: 'The serial number is SN-4471.' } },
    ok: { status: 200, description: 'The reply is on the complaint', json: CustomerReplyAnswer, html: true },
  },
  {
    method: 'post',
    path: '/status/{token}/confirm-service',
    operationId: 'confirmServiceAsCustomer',
    summary: "The customer signs a work order's service confirmation (at its confirmation step)",
    access: 'public',
    pathParameters: TOKEN,
    body: {
      schema: ConfirmServiceInput,
      form: true,
      example: { workOrderId: '5d2f8a64-8a5e-4f0e-9b59-0c6a3c1e2b77', note: 'Works again, thank you.' },
    },
    ok: { status: 200, description: 'The confirmation is on the work order', json: ConfirmServiceAnswer, html: true },
  },
  {
    method: 'post',
    path: '/status/{token}/acceptance',
    operationId: 'answerOffer',
    summary: "The customer's answer to the solution they were told: accept it, or ask for a change with a reason",
    access: 'public',
    pathParameters: TOKEN,
    body: {
      schema: OfferAnswerInput,
      form: true,
      example: { answer: 'change', reason: 'I would rather have a replacement than a repair.' },
    },
    ok: { status: 200, description: 'The answer is on the complaint', json: OfferAnswer, html: true },
  },
  {
    method: 'get',
    path: '/survey/{token}',
    operationId: 'viewSurvey',
    summary: 'The satisfaction survey page',
    access: 'public',
    pathParameters: TOKEN,
    ok: { status: 200, description: 'The survey form, or a note that it was answered', html: true },
  },
  {
    method: 'post',
    path: '/survey/{token}',
    operationId: 'answerSurvey',
    summary: 'Answer the satisfaction survey: a score, a verdict or "not fixed" (a dissatisfied answer reopens)',
    access: 'public',
    pathParameters: TOKEN,
    body: { schema: SurveyInput, form: true, example: { score: 4, verdict: 'satisfied' } },
    ok: { status: 200, description: 'The answer is recorded', json: SurveyAnswer, html: true },
  },
  {
    method: 'get',
    path: '/staff/complaints',
    operationId: 'listStaffComplaints',
    summary: 'A queue or a search, soonest deadline first',
    description:
      'One of `ticket`, `email`, `phone` or `order` at a time (searches answer newest first; a `phone` is found ' +
      'however it is written: "138 0013 8000", "+86 138-0013-8000", "(021) 6123 4567"). Supervisors and above may name a `department`; ' +
      '`limit` is 1 to 100 (default 50); pass the previous answer’s `cursor` for the next page.',
    access: 'staff',
    query: StaffQueueQuery,
    ok: { status: 200, description: 'One page of the queue', json: QueuePage },
  },
  {
    method: 'post',
    path: '/staff/complaints',
    operationId: 'registerComplaint',
    summary:
      'Register a complaint that reached staff by phone, chat, app, in a store, on social media or from a regulator',
    description:
      'Graded, routed, numbered and acknowledged like a form complaint (by mail when an email is given, otherwise ' +
      'the owner acknowledges by phone); the signed-in member of staff is recorded as who took it.',
    access: 'staff',
    headers: [IDEMPOTENCY_KEY],
    body: {
      schema: RegisterComplaintInput,
      example: {
        channel: 'phone',
        customer: { name: '王芳', phone: '+86 138 0013 8000', locale: 'zh-CN' },
        description: '电话反映：新买的电暖器使用时插头发烫并冒烟。',
      },
    },
    ok: {
      status: 201,
      description: 'The registered complaint, with the customer’s status link',
      json: RegisteredComplaint,
    },
  },
  {
    method: 'get',
    path: '/staff/complaints/{id}',
    operationId: 'viewStaffComplaint',
    summary: 'A complaint with its grade reasons, deadlines, timeline and mail thread',
    access: 'staff',
    pathParameters: { id: 'The complaint id, or its ticket number (YYYYMM-NNNN).' },
    ok: { status: 200, description: 'The complaint', json: StaffComplaintView, etag: true },
  },
  ...staffActionOperations(),
  ...policyOperations(),
  ...incidentOperations(),
  // Issue 11 (REP): the reports and their improvement actions.
  ...reportOperations(),
];

// ----- Batch-defect incidents (INC, issue 11): functions/staff-incidents.ts.
const INCIDENT_ACTORS =
  'Managers, and the supervisors and heads of the department the incident policy tells (quality) or of the whole company.';
function incidentOperations(): ApiOperation[] {
  const id = { id: 'The incident id (inc-YYYYMMDDHHmmss-xxxxxx).' };
  return [
    {
      method: 'get',
      path: '/staff/incidents',
      operationId: 'listIncidents',
      summary: 'Batch-defect incidents, newest first: grade, model, lot, linked ticket numbers, status, plan deadline',
      description: `${OVERSEERS} \`limit\` is 1 to 100 (default 50); pass the previous answer's \`cursor\` for the next page.`,
      access: 'staff',
      query: IncidentListQuery,
      ok: { status: 200, description: 'One page of incidents', json: IncidentPage },
    },
    {
      method: 'get',
      path: '/staff/incidents/{id}',
      operationId: 'viewIncident',
      summary: 'One incident with its linked complaints and its timeline',
      description: OVERSEERS,
      access: 'staff',
      pathParameters: id,
      ok: { status: 200, description: 'The incident', json: IncidentView, etag: true },
    },
    ...INCIDENT_ACTIONS.map(
      (action): ApiOperation => ({
        method: 'post',
        path: `/staff/incidents/{id}/${action}`,
        operationId: `incident${action
          .split('-')
          .map((w) => w[0]!.toUpperCase() + w.slice(1))
          .join('')}`,
        summary:
          action === 'close'
            ? 'Close the incident (409 until its root cause and action are recorded)'
            : `Record the incident's ${action === 'root-cause' ? 'root cause' : action} (the latest stands; the timeline keeps each)`,
        description: INCIDENT_ACTORS,
        access: 'staff',
        pathParameters: id,
        body:
          action === 'close'
            ? { schema: CloseIncidentInput, example: { note: 'Lot recalled; supplier changed' } }
            : { schema: IncidentRecordInput, example: { text: 'Stop shipping lot L2611; call every customer of it' } },
        ok: { status: 200, description: 'The incident as it now stands', json: IncidentActionResult, etag: true },
      }),
    ),
  ];
}

/**
 * A whole, valid document, abridged to one grading rule and no routing rules (the real ones are
 * about 60 KB of vocabulary, which the OpenAPI function need not carry).
 */
const EXAMPLE_POLICY = (() => {
  const { staff: _staff, ...sections } = defaultPolicy;
  return {
    ...sections,
    grading: {
      defaultGrade: 'P3',
      rules: [{ id: 'hazard', grade: 'P1', label: 'safety', keywords: ['起火', '冒烟', 'fire', 'smoke'] }],
    },
    routing: {
      defaultCategory: 'other',
      rules: [],
      departmentByCategory: DEFAULT_DEPARTMENT_BY_CATEGORY,
    },
  };
})();

const POLICY_VERSION = { version: 'The version number (1 is the seed at first start).' };
const MANAGERS = 'Managers only (403 for every other role).';
/** shared/auth/staff.ts's OVERSEER_ROLES. */
const OVERSEERS = 'Supervisors, department heads and managers.';

const policyOperations = (): ApiOperation[] => [
  {
    method: 'get',
    path: '/staff/policy/presets',
    operationId: 'policyPresets',
    summary: 'The presets from the reference documents (000, 001, 002, 004) and the defaults',
    description: `${MANAGERS} Each with its title, source document and a one-line summary.`,
    access: 'staff',
    ok: { status: 200, description: 'The presets', json: PresetList },
  },
  {
    method: 'get',
    path: '/staff/policy/presets/{name}',
    operationId: 'policyPreset',
    summary: 'One preset with its whole document, to save (PUT /staff/policy) as a new version',
    description: MANAGERS,
    access: 'staff',
    pathParameters: { name: 'closeloop, ref-000, ref-001, ref-002 or ref-004' },
    ok: { status: 200, description: 'The preset', json: PresetView },
  },
  {
    method: 'get',
    path: '/staff/policy',
    operationId: 'currentPolicy',
    summary: 'The policy in force: grades, deadlines, calendar, workflow, grading and routing rules',
    description: MANAGERS,
    access: 'staff',
    ok: { status: 200, description: 'The current version', json: PolicyVersionView, etag: true },
  },
  {
    method: 'put',
    path: '/staff/policy',
    operationId: 'savePolicy',
    summary: 'Save a new version of the policy',
    description:
      `${MANAGERS} The whole document is checked: a malformed one is refused with a message per field (400) and the ` +
      'running version stays; `basedOn` that is not the current version is refused (409): someone saved in between.',
    access: 'staff',
    body: {
      schema: zm.strictObject({ policy: PolicyDocumentSchema, reason: zm.string(), basedOn: zm.number() }),
      example: {
        policy: EXAMPLE_POLICY,
        reason: 'Holidays for 2027',
        basedOn: 3,
      },
    },
    ok: { status: 201, description: 'The new version, now current', json: PolicyVersionView, etag: true },
  },
  {
    method: 'get',
    path: '/staff/policy/versions',
    operationId: 'policyHistory',
    summary: 'Every version, newest first, without their documents',
    description: `${MANAGERS} \`limit\` is 1 to 100 (default 20); pass the previous answer's \`cursor\` for the next page.`,
    access: 'staff',
    ok: {
      status: 200,
      description: 'One page of the history',
      json: PolicyHistoryPage,
    },
  },
  {
    method: 'get',
    path: '/staff/policy/versions/{version}',
    operationId: 'policyVersion',
    summary: 'One version of the policy, with its document',
    description: MANAGERS,
    access: 'staff',
    pathParameters: POLICY_VERSION,
    ok: { status: 200, description: 'The version', json: PolicyVersionView },
  },
  {
    method: 'post',
    path: '/staff/policy/rollback',
    operationId: 'rollbackPolicy',
    summary: 'Make an earlier version current again (as a new version that records `rolledBackFrom`)',
    description: MANAGERS,
    access: 'staff',
    body: { schema: RollbackPolicyInput, example: { version: 2, reason: 'The new holidays were wrong' } },
    ok: { status: 201, description: 'The new version, now current', json: PolicyVersionView, etag: true },
  },
  {
    method: 'post',
    path: '/staff/policy/dry-run',
    operationId: 'dryRunPolicy',
    summary: 'What a proposed policy would change, before it is saved (managers only)',
    description:
      'The 500 most recent complaints graded and routed under the policy in force and under `policy` (the whole ' +
      'document, as GET /staff/policy answers it): grade moves as a matrix, category and department moves, the ' +
      'first 50 complaints that would change with the reasons that fired, accuracy against staff regrades, and, ' +
      'when deadlines or the calendar differ, the deadlines of a complaint received now under each. Saves nothing.',
    access: 'staff',
    body: {
      schema: DryRunInput,
      // Abridged: a real proposal is the whole document, every field of each section.
      example: {
        policy: {
          deadlines: { P1: { assign: { minutes: 10 }, firstContact: { hours: 1 }, resolve: { hours: 24 } } },
          calendar: { timezone: 'Asia/Shanghai' },
          statusLinkTtlDays: 90,
          duplicateWindowMinutes: 10,
          workflow: { approvalAmountThreshold: 1000 },
          grading: { defaultGrade: 'P3' },
          routing: { defaultCategory: 'other' },
        },
      },
    },
    ok: { status: 200, description: 'What would change', json: DryRunAnswer },
  },
  // ----- Privacy (PRIV, issue 11): the customer's rights of access and erasure.
  {
    method: 'post',
    path: '/staff/customers/export',
    operationId: 'exportCustomer',
    summary: 'Everything held about a customer, as one zip archive behind a 15-minute download link (managers only)',
    description:
      'Give `email` or `phone` (found however it is written). The archive holds each complaint, its timeline, the ' +
      'mails we sent as the timeline records them, the raw mails received and their attachments, with a README in ' +
      'Chinese and English and a manifest. Every export, whatever its size, is stored for a day at most and answered ' +
      'as `url`, a presigned GET that downloads the zip until `expiresAt` (15 minutes); the link is a credential: ' +
      'hand it to no one else. Each complaint’s timeline records the export. No complaint under the contact: 404.',
    access: 'staff',
    body: { schema: CustomerLookup, example: { email: 'wang.fang@example.com' } },
    ok: { status: 200, description: 'Where to download the zip archive, until when', json: CustomerExported },
  },
  {
    method: 'post',
    path: '/staff/customers/erase',
    operationId: 'eraseCustomer',
    summary: 'Erase a customer’s personal data from every complaint (managers only)',
    description:
      'Give `email` or `phone`. Names, contact details, order and serial numbers, free text and attachments are ' +
      'replaced with "[erased]" or removed, raw mail is deleted; ticket numbers, grades, statuses, times and the ' +
      'report counters stay; exports still waiting for download are deleted. Each complaint’s timeline records the ' +
      'erasure. Only closed complaints can be erased: while one of the customer’s complaints is open the answer is ' +
      '409 (`customer_complaints_open`, naming its ticket number) and nothing is erased. Erasing again finds nothing ' +
      'and changes nothing.',
    access: 'staff',
    body: { schema: CustomerLookup, example: { phone: '+86 138 0013 8000' } },
    ok: { status: 200, description: 'How many complaints were erased and raw mails deleted', json: CustomerErased },
  },
];

/** Issue 11 (REP): shared/reports/load-report.ts and functions/staff-reports.ts. */
const reportOperations = (): ApiOperation[] => [
  {
    method: 'get',
    path: '/staff/reports/{kind}',
    operationId: 'report',
    summary: 'A weekly or monthly report: the figures, the period before, each target met or not, actions, overdue',
    description:
      `${OVERSEERS} A supervisor or department head of a department sees that department only; ` +
      'managers (and staff without a department) see the company or name a `department`. `period` is ' +
      '`YYYY-Www` (ISO week) for weekly and `YYYY-MM` for monthly, default the current one. `format=csv` ' +
      '(or Accept: text/csv) answers one row per figure with the period before and the target, UTF-8 with a BOM.',
    access: 'staff',
    pathParameters: { kind: 'weekly or monthly' },
    query: ReportQuery,
    ok: { status: 200, description: 'The report', json: ReportView, csv: true },
  },
  {
    method: 'post',
    path: '/staff/reports/{kind}/{period}/actions',
    operationId: 'recordReportAction',
    summary: 'Record an improvement action on a report (managers only); the next period’s report shows it',
    access: 'staff',
    pathParameters: { kind: 'weekly or monthly', period: 'YYYY-Www or YYYY-MM' },
    body: {
      schema: ReportActionInput,
      example: { text: '账单类投诉 2 小时内回电', owner: 'quality.lead', due: '2026-12-15' },
    },
    ok: { status: 201, description: 'The recorded action', json: ReportActionView },
  },
];
