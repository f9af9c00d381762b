import { defaultIncidentPolicy } from '../../incidents/policy.js';
import { defaultPolicy, defaultWorkflowPolicy } from '../default-policy.js';
import { defaultGradingPolicy } from '../grading-rules.js';
import { defaultRemedyStandards } from '../remedies.js';
import { defaultRoutingPolicy } from '../routing-rules.js';
import type { PolicyDocument } from '../schema.js';
import type { DeadlinePolicy, GradeNames, RemedyStandards, WorkflowPolicy } from '../types.js';
import { defaultWorkOrderPolicy } from '../work-order-policy.js';

/**
 * What every preset shares with the defaults: the calendar, the grading signals and routing rules,
 * the link and duplicate windows. A preset differs in its grade names, its deadline table and its
 * workflow (follow-up and closing); an operator who starts from one can change any section after.
 */
export function presetDocument(parts: {
  gradeNames: GradeNames;
  deadlines: DeadlinePolicy;
  workflow?: Partial<WorkflowPolicy>;
  remedies?: RemedyStandards;
}): PolicyDocument {
  return {
    deadlines: parts.deadlines,
    calendar: defaultPolicy.calendar,
    statusLinkTtlDays: defaultPolicy.statusLinkTtlDays,
    duplicateWindowMinutes: defaultPolicy.duplicateWindowMinutes,
    workflow: {
      ...defaultWorkflowPolicy,
      closing: { afterSilence: defaultWorkflowPolicy.surveyCloseAfter },
      ...parts.workflow,
    },
    gradeNames: parts.gradeNames,
    remedies: parts.remedies ?? defaultRemedyStandards,
    // 002/004 name the work-order steps but no figures beyond the defaults' (which cite 004).
    workOrders: defaultWorkOrderPolicy,
    // The reference documents set no retention period: the defaults' (PRIV).
    privacy: defaultPolicy.privacy,
    // 004 表3-1 Ⅲ级 "2小时内制定方案" for a batch defect (shared/incidents/policy.ts).
    incidents: defaultIncidentPolicy,
    grading: defaultGradingPolicy,
    routing: defaultRoutingPolicy,
  };
}
