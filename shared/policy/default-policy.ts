import { defaultCalendarPolicy } from '../calendar/default-calendar.js';
import { defaultIncidentPolicy } from '../incidents/policy.js';
import { defaultDeadlinePolicy } from './deadline-policy.js';
import { defaultRemedyStandards } from './remedies.js';
import type { AcceptancePolicy, Policy, WorkflowPolicy } from './types.js';
import { defaultWorkOrderPolicy } from './work-order-policy.js';

/**
 * Asking the customer to accept the solution before it is carried out (`workflow.acceptance`), with
 * the references' figures. The offer: P1 within 1 h of the plan (004 3.2.3 方案沟通 "方案制定后1小时内联系客户");
 * the other grades within their owner's contact time (PRODUCT.md: P2 4 h; P3 and P4 one working
 * day, 003 步骤1's first response). A change request gets a new proposal within the grade's solution
 * time (004: P1 "2小时内制定方案"; PRODUCT.md: P2 24 h, P3 2 working days; P4, which has none, as P3).
 * Silence never accepts: 003 and 004 both ask for the customer's own agreement ("确认客户同意后执行").
 * In the defaults, so every preset inherits it: an operator whose solutions are carried out without
 * asking the customer leaves `workflow.acceptance` out of the stored policy (README, _Policies are data_).
 */
export const referenceAcceptancePolicy: AcceptancePolicy = {
  offerWithin: { P1: { hours: 1 }, P2: { hours: 4 }, P3: { workingDays: 1 }, P4: { workingDays: 1 } },
  changeWithin: { P1: { hours: 2 }, P2: { hours: 24 }, P3: { workingDays: 2 }, P4: { workingDays: 2 } },
};

/** From PRODUCT.md: progress every 24 h, result within 1 working day, survey reminder after 2 and close after 3. */
export const defaultWorkflowPolicy: WorkflowPolicy = {
  escalationGrace: {
    P1: { hours: 1 },
    P2: { hours: 4 },
    P3: { workingDays: 1 },
    P4: { workingDays: 2 },
  },
  progressEvery: { hours: 24 },
  approvalAmountThreshold: 1000,
  resultWithin: { workingDays: 1 },
  surveyReminderAfter: { workingDays: 2 },
  surveyCloseAfter: { workingDays: 3 },
  reopenFollowUpWithin: { hours: 48 },
  infoRequestLimit: { workingDays: 5 },
  partnerAnswerWithin: { workingDays: 1 },
  // 004 3.2.3: only Ⅲ级 (our P1) plans are "报备法务部审核".
  legalReviewFor: ['P1'],
  // 004 sets no time for the review itself: 24 h is half of its 48 h for the compensation plan, so a
  // returned plan leaves the owner the other half to propose again and have it reviewed.
  legalReviewWithin: { hours: 24 },
  // 004 表3-1 Ⅲ级 "立即响应(15分钟内)", led by the after-sales manager (3.2.3 "由售后经理*某牵头"):
  // management hears within the same 15 minutes.
  managementNoticeWithin: { minutes: 15 },
  acceptance: referenceAcceptancePolicy,
};

/** The default policy: PRODUCT.md's table, the reference documents' rules, the 2026 official calendar. */
export const defaultPolicy: Policy = {
  deadlines: defaultDeadlinePolicy,
  calendar: defaultCalendarPolicy,
  statusLinkTtlDays: 90,
  duplicateWindowMinutes: 10,
  workflow: defaultWorkflowPolicy,
  remedies: defaultRemedyStandards,
  workOrders: defaultWorkOrderPolicy,
  // Privacy (PRIV): three years after archive, the limitation period for a consumer claim in China (Civil Code art. 188).
  privacy: { eraseAfterArchiveYears: 3 },
  incidents: defaultIncidentPolicy,
  // Nobody: the staff come from the directory (the Cognito user pool on AWS), set at each invocation's edge.
  staff: [],
};

/**
 * Every section an operator may replace; grading and routing are read by intake only (intake-policy.ts).
 * Not `staff`: who works here is the staff directory's to say (shared/wiring.ts `staffDirectory`).
 */
const SECTIONS: string[] = [
  ...Object.keys(defaultPolicy).filter((k) => k !== 'staff'),
  'gradeNames',
  'grading',
  'routing',
];

/**
 * The policy in force: the defaults with whole sections replaced by an operator's JSON
 * (e.g. `{"calendar": {...}}` for another country's holidays). An unknown section or a
 * malformed document fails the cold start rather than silently running the defaults.
 */
export function loadPolicy(overrideJson?: string): Policy {
  const override = policyOverride(overrideJson);
  if (!override) return defaultPolicy;
  const { grading: _grading, routing: _routing, ...core } = override;
  const policy = { ...defaultPolicy, ...(core as Partial<Policy>) };
  return { ...policy, deadlines: checkedDeadlines(policy.deadlines) };
}

/** The operator's JSON, checked: an object of known sections, or undefined when there is none. */
export function policyOverride(overrideJson?: string): Record<string, unknown> | undefined {
  if (!overrideJson) return undefined;
  let override: unknown;
  try {
    override = JSON.parse(overrideJson);
  } catch {
    throw new Error('CLOSELOOP_POLICY is not valid JSON');
  }
  if (!override || typeof override !== 'object' || Array.isArray(override)) {
    throw new Error('CLOSELOOP_POLICY must be a JSON object of policy sections');
  }
  const unknown = Object.keys(override).filter((k) => !SECTIONS.includes(k));
  if (unknown.length > 0) throw new Error(`CLOSELOOP_POLICY has unknown sections: ${unknown.join(', ')}`);
  return override as Record<string, unknown>;
}

/**
 * Every grade needs its assign, first-contact and resolve deadlines, or the first complaint of that
 * grade would fail at intake. An override written before the owner-assignment deadline was renamed
 * still says `acknowledge`: it is read as `assign`.
 */
function checkedDeadlines(deadlines: Policy['deadlines']): Policy['deadlines'] {
  const checked = {} as Record<string, unknown>;
  for (const grade of ['P1', 'P2', 'P3', 'P4'] as const) {
    const raw = (deadlines as unknown as Record<string, Record<string, unknown> | undefined>)[grade];
    if (!raw || typeof raw !== 'object') throw new Error(`CLOSELOOP_POLICY deadlines has no ${grade}`);
    const { acknowledge, ...rest } = raw;
    const row = rest.assign === undefined && acknowledge !== undefined ? { ...rest, assign: acknowledge } : rest;
    const missing = ['assign', 'firstContact', 'resolve'].filter((name) => row[name] === undefined);
    if (missing.length > 0) throw new Error(`CLOSELOOP_POLICY deadlines.${grade} lacks ${missing.join(', ')}`);
    checked[grade] = row;
  }
  return checked as Policy['deadlines'];
}
