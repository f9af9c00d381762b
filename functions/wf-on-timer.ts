import { taskHandler } from '../shared/task-handler.js';
import { timerStep } from '../shared/usecases/workflow-steps.js';
import { withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import { TimerTaskInput } from '../shared/workflow/task-inputs.js';

const current = withPolicy(withStaffDirectory(await workflowStepDeps()));

/** Task `OnTimer`: a waiting step timed out; escalate, send progress, remind or close as the table says. */
export const handler = taskHandler(TimerTaskInput, async ({ complaintId }) =>
  timerStep(await current(complaintId), complaintId),
);
