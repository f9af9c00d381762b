import { defaultCalendarPolicy } from '../calendar/default-calendar.js';
import { defaultDeadlinePolicy } from './deadline-policy.js';
import type { Policy, StaffMember, WorkflowPolicy } from './types.js';

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
};

/**
 * Demo staff, so that `npm start` can be driven end to end (`POST /_local/token {"user": "agent.li"}`):
 * agents take only their own department's complaints, so the departments the default routing uses
 * most have one (customer service: agent.li, quality: agent.chen, technical support: agent.smith,
 * supply chain: agent.he, finance: agent.zhou and agent.jones); the supervisor, department head and
 * manager serve every department. An operator replaces them with the real directory.
 */
export const demoStaff: StaffMember[] = [
  {
    id: 'agent.li',
    name: 'Li Na',
    email: 'agent.li@closeloop.local',
    role: 'agent',
    department: 'customer_service',
    locale: 'zh-CN',
  },
  {
    id: 'agent.chen',
    name: 'Chen Hao',
    email: 'agent.chen@closeloop.local',
    role: 'agent',
    department: 'quality',
    locale: 'zh-CN',
  },
  {
    id: 'agent.smith',
    name: 'Sam Smith',
    email: 'agent.smith@closeloop.local',
    role: 'agent',
    department: 'technical_support',
    locale: 'en',
  },
  {
    id: 'agent.he',
    name: 'He Jun',
    email: 'agent.he@closeloop.local',
    role: 'agent',
    department: 'supply_chain',
    locale: 'zh-CN',
  },
  {
    id: 'agent.zhou',
    name: 'Zhou Yan',
    email: 'agent.zhou@closeloop.local',
    role: 'agent',
    department: 'finance',
    locale: 'zh-CN',
  },
  {
    id: 'agent.jones',
    name: 'Alex Jones',
    email: 'agent.jones@closeloop.local',
    role: 'agent',
    department: 'finance',
    locale: 'en',
  },
  {
    id: 'supervisor.wang',
    name: 'Wang Fang',
    email: 'supervisor.wang@closeloop.local',
    role: 'supervisor',
    locale: 'zh-CN',
  },
  { id: 'head.zhao', name: 'Zhao Lei', email: 'head.zhao@closeloop.local', role: 'department_head', locale: 'zh-CN' },
  { id: 'manager.sun', name: 'Sun Min', email: 'manager.sun@closeloop.local', role: 'manager', locale: 'en' },
];

/** The default policy: PRODUCT.md's table, the reference documents' rules, the 2026 official calendar. */
export const defaultPolicy: Policy = {
  deadlines: defaultDeadlinePolicy,
  calendar: defaultCalendarPolicy,
  statusLinkTtlDays: 90,
  duplicateWindowMinutes: 10,
  workflow: defaultWorkflowPolicy,
  staff: demoStaff,
};

/** Every section an operator may replace; grading and routing are read by intake only (intake-policy.ts). */
const SECTIONS: string[] = [...Object.keys(defaultPolicy), 'grading', 'routing'];

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
