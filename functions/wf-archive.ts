import { taskHandler } from '../shared/task-handler.js';
import { archiveStep } from '../shared/usecases/workflow-steps.js';
import { withPolicy, workflowCoreDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const current = withPolicy(workflowCoreDeps());

/** Task `Archive`: the closed complaint's handling times, kept for the reports. */
export const handler = taskHandler(ComplaintTaskInput, async ({ complaintId }) =>
  archiveStep(await current(complaintId), complaintId),
);
