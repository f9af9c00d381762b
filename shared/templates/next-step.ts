import type { Complaint } from '../model/complaint.js';
import { currentStep } from '../workflow/plan.js';
import type { WaitStep, WorkflowStep } from '../workflow/types.js';

/** The open steps a progress mail can speak about (the survey comes after resolution). */
export type OpenStep = Exclude<WaitStep, 'await_survey'>;

export interface NextPromise {
  step: OpenStep;
  /** ISO instant the customer is told to expect it by. */
  by: string;
}

/**
 * What we tell the customer happens next on an open complaint, and by when, read from the
 * stored complaint alone (the step is the workflow's own, shared/workflow/plan.ts). Once a step
 * has been escalated, the escalation's later deadline is the honest one to give: the original
 * has already passed.
 */
export function nextPromise(complaint: Complaint): NextPromise {
  const step = openStep(currentStep(complaint));
  const by = promisedBy(complaint, step);
  const escalated = complaint.escalation?.step === step ? complaint.escalation.deadline : undefined;
  return { step, by: escalated && Date.parse(escalated) > Date.parse(by) ? escalated : by };
}

/** Resolved, surveyed or closed complaints get no progress mail; if asked, they speak of the resolution. */
function openStep(step: WorkflowStep): OpenStep {
  return step === 'send_result' || step === 'await_survey' || step === 'closed' ? 'await_resolution' : step;
}

function promisedBy(c: Complaint, step: OpenStep): string {
  switch (step) {
    case 'await_customer':
      return c.infoRequest?.limitAt ?? c.deadlines.resolve;
    // Without an owner the customer still cares about the same thing: when someone will call.
    case 'await_owner':
    case 'await_contact':
      return c.deadlines.firstContact;
    case 'await_solution':
      return c.deadlines.solution ?? c.deadlines.resolve;
    default:
      return c.deadlines.resolve;
  }
}
