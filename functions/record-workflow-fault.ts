import { z } from 'zod';
import { recordWorkflowFault } from '../shared/usecases/record-workflow-fault.js';
import { clock, store } from '../shared/wiring.js';

const deps = { store: store(), clock };

const Input = z.object({
  complaintId: z.uuid(),
  step: z.string().regex(/^[a-z_]{1,40}$/),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/** Step Functions task: a step that exhausted its retries is written down, never dropped. */
export const handler = async (event: unknown) => {
  await recordWorkflowFault(deps, Input.parse(event));
  return { recorded: true };
};
