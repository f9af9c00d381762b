import { taskHandler } from '../shared/task-handler.js';
import { sendResultStep } from '../shared/usecases/workflow-steps.js';
import { withPolicy, workflowStepDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const current = withPolicy(await workflowStepDeps());

/** Task `SendResult`: the result mail and the satisfaction survey. */
export const handler = taskHandler(ComplaintTaskInput, async ({ complaintId }) =>
  sendResultStep(await current(complaintId), complaintId),
);
