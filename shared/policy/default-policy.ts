import { defaultCalendarPolicy } from '../calendar/default-calendar.js';
import { defaultDeadlinePolicy } from './deadline-policy.js';
import { defaultGradingPolicy } from './grading-rules.js';
import { defaultRoutingPolicy } from './routing-rules.js';
import type { Policy } from './types.js';

/** The default policy: PRODUCT.md's table, the reference documents' rules, the 2026 official calendar. */
export const defaultPolicy: Policy = {
  deadlines: defaultDeadlinePolicy,
  calendar: defaultCalendarPolicy,
  grading: defaultGradingPolicy,
  routing: defaultRoutingPolicy,
  statusLinkTtlDays: 90,
  duplicateWindowMinutes: 10,
};

const SECTIONS = Object.keys(defaultPolicy) as (keyof Policy)[];

/**
 * The policy in force: the defaults with whole sections replaced by an operator's JSON
 * (e.g. `{"calendar": {...}}` for another country's holidays). An unknown section or a
 * malformed document fails the cold start rather than silently running the defaults.
 */
export function loadPolicy(overrideJson?: string): Policy {
  if (!overrideJson) return defaultPolicy;
  let override: unknown;
  try {
    override = JSON.parse(overrideJson);
  } catch {
    throw new Error('CLOSELOOP_POLICY is not valid JSON');
  }
  if (!override || typeof override !== 'object' || Array.isArray(override)) {
    throw new Error('CLOSELOOP_POLICY must be a JSON object of policy sections');
  }
  const unknown = Object.keys(override).filter((k) => !SECTIONS.includes(k as keyof Policy));
  if (unknown.length > 0) throw new Error(`CLOSELOOP_POLICY has unknown sections: ${unknown.join(', ')}`);
  return { ...defaultPolicy, ...(override as Partial<Policy>) };
}
