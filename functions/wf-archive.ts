import { taskHandler } from '../shared/task-handler.js';
import { archiveStep } from '../shared/usecases/workflow-steps.js';
import { workflowCoreDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const deps = workflowCoreDeps();

/** Task `Archive`: the closed complaint's handling times, kept for the reports. */
export const handler = taskHandler(ComplaintTaskInput, ({ complaintId }) => archiveStep(deps, complaintId));
