import { taskHandler } from '../shared/task-handler.js';
import { parkStep } from '../shared/usecases/workflow-steps.js';
import { withPolicy, workflowCoreDeps } from '../shared/wiring.js';
import { ParkTaskInput } from '../shared/workflow/task-inputs.js';
import { WAIT_STEPS, type WaitStep } from '../shared/workflow/types.js';

const current = withPolicy(workflowCoreDeps());

/**
 * Task `Await`, the one waiting state (.waitForTaskToken): keeps the token beside the complaint;
 * wakes itself if the table moved on. The first plan and the one after the result mail come
 * straight here without a Choice; if such a plan is not a wait (the result is due, or the
 * complaint is closed), it is handed back at once so Route sends it on.
 */
export const handler = taskHandler(ParkTaskInput, async (input) => {
  const deps = await current(input.complaintId);
  if (!WAIT_STEPS.includes(input.plan.step as WaitStep)) {
    await deps.workflow.signal(input.taskToken, input.plan);
    return { parked: false, selfWoken: true };
  }
  return parkStep(deps, input);
});
