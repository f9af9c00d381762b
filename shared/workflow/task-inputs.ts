import * as z from 'zod/mini';
import { ACTION_STEPS, WAIT_REASONS, WAIT_STEPS } from './types.js';

/** The payloads the state machine hands its tasks (infra/workflow/complaint-workflow.ts builds them). */
export const ComplaintTaskInput = z.object({ complaintId: z.uuid() });

/** The first task also names its execution, so that only one execution at a time sends the acknowledgement. */
export const AcknowledgeTaskInput = z.object({ complaintId: z.uuid(), execution: z.optional(z.string()) });

export const PlanSchema = z.object({
  complaintId: z.uuid(),
  step: z.enum([...WAIT_STEPS, ...ACTION_STEPS]),
  // Step Functions refuses a task timeout of 0, with an error no Catch can take.
  waitSeconds: z.int().check(z.minimum(1)),
  wakeAt: z.string(),
  reason: z.enum(WAIT_REASONS),
  version: z.int().check(z.minimum(1)),
});

export const ParkTaskInput = z.object({
  taskToken: z.string().check(z.minLength(1)),
  complaintId: z.uuid(),
  plan: PlanSchema,
});

export const TimerTaskInput = z.object({ complaintId: z.uuid(), plan: z.optional(PlanSchema) });
