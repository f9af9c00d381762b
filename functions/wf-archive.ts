import { taskHandler } from '../shared/task-handler.js';
import { archiveStep } from '../shared/usecases/workflow-steps.js';
import { workflowStepDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const deps = await workflowStepDeps();

/** Task `Archive`: the closed complaint's handling times, kept for the reports. */
export const handler = taskHandler(ComplaintTaskInput, ({ complaintId }) => archiveStep(deps, complaintId));
