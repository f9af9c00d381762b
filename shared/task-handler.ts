import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type * as z from 'zod/mini';
import { flushMetrics, logger } from './observability.js';

/** Thrown for a task input that can never succeed; the state machine does not retry it. */
export class TaskInputError extends Error {
  override name = 'TaskInputError';
}

/**
 * The edge of every Step Functions task: validate the input with zod (a malformed input is a
 * bug upstream, not something a retry fixes) and flush metrics after each invocation.
 */
export function taskHandler<S extends z.ZodMiniType, R>(schema: S, fn: (input: z.infer<S>) => Promise<R>) {
  return middy<unknown, R>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics())
    .handler(async (event) => {
      const parsed = schema.safeParse(event);
      if (!parsed.success) throw new TaskInputError(parsed.error.issues.map((i) => i.path.join('.')).join(', '));
      // Every line the step logs names its complaint.
      const complaintId = (parsed.data as { complaintId?: unknown }).complaintId;
      if (typeof complaintId === 'string') logger.appendKeys({ complaintId });
      return fn(parsed.data);
    });
}
