import type { IncidentPolicy, Policy } from '../policy/types.js';

/**
 * Batch defects (004 表3-1 Ⅲ级 "批量质量问题"): 3 complaints of one model and lot within 7 days (the
 * issue's figure: the manuals name none) open an incident; its plan is due within 2 h (004 表3-1 Ⅲ级
 * "2小时内制定方案"), clock time like the P1 deadlines; the quality department's head and the managers
 * are told (004 3.2.3 Ⅲ级 "成立专项小组", quality leads product faults: 000's routing).
 */
export const defaultIncidentPolicy: IncidentPolicy = {
  threshold: 3,
  window: { days: 7 },
  categories: ['product_quality', 'function_fault', 'safety'],
  serialPrefixLength: 6,
  planWithin: { hours: 2 },
  notify: [{ role: 'department_head', department: 'quality' }, { role: 'manager' }],
};

/** The incident rules in force: a policy stored before incidents existed gets the defaults. */
export const incidentPolicy = (policy: Pick<Policy, 'incidents'>): IncidentPolicy =>
  policy.incidents ?? defaultIncidentPolicy;
