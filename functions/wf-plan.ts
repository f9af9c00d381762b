import { taskHandler } from '../shared/task-handler.js';
import { planStep } from '../shared/usecases/workflow-steps.js';
import { withPolicy, workflowCoreDeps } from '../shared/wiring.js';
import { ComplaintTaskInput } from '../shared/workflow/task-inputs.js';

const current = withPolicy(workflowCoreDeps());

/** Task `Plan`: the next step and its timer, read from the table. */
export const handler = taskHandler(ComplaintTaskInput, async ({ complaintId }) =>
  planStep(await current(complaintId), complaintId),
);
