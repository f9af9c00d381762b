import * as z from 'zod/mini';
import { taskHandler } from '../shared/task-handler.js';
import { recordWorkflowFault } from '../shared/usecases/record-workflow-fault.js';
import { clock, store } from '../shared/wiring.js';

const deps = { store: store(), clock };

/** Step Functions task: a step that exhausted its retries is written down, never dropped. */
export const handler = taskHandler(
  z.object({
    complaintId: z.uuid(),
    step: z.string().check(z.regex(/^[a-z_]{1,40}$/)),
    error: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  }),
  async (fault) => {
    await recordWorkflowFault(deps, fault);
    return { recorded: true };
  },
);
