import { taskHandler } from '../shared/task-handler.js';
import { sendAcknowledgement } from '../shared/usecases/send-acknowledgement.js';
import { planStep } from '../shared/usecases/workflow-steps.js';
import { workflowStepDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const deps = await workflowStepDeps();
const acknowledgement = {
  store: deps.store,
  mailer: deps.mailer,
  clock: deps.clock,
  timezone: deps.policy.calendar.timezone,
  statusLinkTtlDays: deps.policy.statusLinkTtlDays,
  links: deps.links,
};

/**
 * Task `AcknowledgeAndPlan`: the acknowledgement mail, then the first plan. One task rather than
 * two saves a state transition per complaint; a retry is safe because an acknowledgement once
 * recorded is never sent again.
 */
export const handler = taskHandler(ComplaintTaskInput, async ({ complaintId }) => {
  await sendAcknowledgement(acknowledgement, complaintId);
  return planStep(deps, complaintId);
});
