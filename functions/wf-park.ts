import { taskHandler } from '../shared/task-handler.js';
import { parkStep } from '../shared/usecases/workflow-steps.js';
import { workflowCoreDeps } from '../shared/wiring.js';
import { ParkTaskInput } from '../shared/workflow/task-inputs.js';

const deps = workflowCoreDeps();

/** Every waiting state (.waitForTaskToken): keeps the token beside the complaint; wakes itself if the table moved on. */
export const handler = taskHandler(ParkTaskInput, (input) => parkStep(deps, input));
