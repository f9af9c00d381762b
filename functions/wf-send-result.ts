import { taskHandler } from '../shared/task-handler.js';
import { sendResultStep } from '../shared/usecases/workflow-steps.js';
import { workflowStepDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const deps = await workflowStepDeps();

/** Task `SendResult`: the result mail and the satisfaction survey. */
export const handler = taskHandler(ComplaintTaskInput, ({ complaintId }) => sendResultStep(deps, complaintId));
