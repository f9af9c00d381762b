import { taskHandler } from '../shared/task-handler.js';
import { sendAcknowledgement } from '../shared/usecases/send-acknowledgement.js';
import { announceStep, planStep } from '../shared/usecases/workflow-steps.js';
import { withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import { AcknowledgeTaskInput } from '../shared/workflow/task-inputs.js';

const deps = await workflowStepDeps();
const current = withPolicy(withStaffDirectory(deps));
const acknowledgement = {
  store: deps.store,
  mailer: deps.mailer,
  clock: deps.clock,
  timezone: deps.policy.calendar.timezone,
  statusLinkTtlDays: deps.policy.statusLinkTtlDays,
  links: deps.links,
};

/**
 * Task `AcknowledgeAndPlan`: a P1 or P2 complaint announced to its department, the acknowledgement
 * mail, then the first plan. One task rather than three saves state transitions per complaint; a
 * retry is safe because an announcement or an acknowledgement once recorded is never sent again.
 * The department hears first: a customer's mail that fails (and is retried) does not hold it up.
 */
export const handler = taskHandler(AcknowledgeTaskInput, async ({ complaintId, execution }) => {
  // The announcement goes to the department's members as the directory lists them now.
  const own = await current(complaintId);
  await announceStep(own, complaintId);
  await sendAcknowledgement(
    { ...acknowledgement, timezone: own.policy.calendar.timezone, statusLinkTtlDays: own.policy.statusLinkTtlDays },
    complaintId,
    execution,
  );
  return planStep(own, complaintId);
});
