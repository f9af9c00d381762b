import type { Complaint } from '../model/complaint.js';
import type { WaitStep } from '../workflow/types.js';

/** The open steps a progress mail can speak about (the survey comes after resolution). */
export type OpenStep = Exclude<WaitStep, 'await_survey'>;

export interface NextPromise {
  step: OpenStep;
  /** ISO instant the customer is told to expect it by. */
  by: string;
}

/**
 * What we tell the customer happens next on an open complaint, and by when, read from the
 * stored complaint alone. Once a step has been escalated, the escalation's later deadline is
 * the honest one to give: the original has already passed.
 */
export function nextPromise(complaint: Complaint): NextPromise {
  const { step, by } = openStep(complaint);
  const escalated = complaint.escalation?.step === step ? complaint.escalation.deadline : undefined;
  return { step, by: escalated && Date.parse(escalated) > Date.parse(by) ? escalated : by };
}

function openStep(c: Complaint): NextPromise {
  const { deadlines } = c;
  if (c.status === 'awaiting_customer' && c.infoRequest && !c.infoRequest.answeredAt) {
    return { step: 'await_customer', by: c.infoRequest.limitAt };
  }
  // Without an owner the customer still cares about the same thing: when someone will call.
  if (!c.ownerId) return { step: 'await_owner', by: deadlines.firstContact };
  if (!c.firstContactAt) return { step: 'await_contact', by: deadlines.firstContact };
  if (deadlines.solution && (!c.solution || c.solution.approval === 'rejected')) {
    return { step: 'await_solution', by: deadlines.solution };
  }
  if (c.solution?.approval === 'pending') return { step: 'await_approval', by: deadlines.resolve };
  return { step: 'await_resolution', by: deadlines.resolve };
}
