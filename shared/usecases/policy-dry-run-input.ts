import * as z from 'zod/mini';

/**
 * POST /staff/policy/dry-run's body: the whole proposed document, checked by parsePolicyDocument
 * (a message per field). Apart from the dry run so the OpenAPI description does not carry the grader.
 */
const section = z.looseObject({});
/** Every section of a document must be there; what is inside each, parsePolicyDocument checks. */
export const DryRunInput = z.object({
  policy: z.looseObject({
    deadlines: section,
    calendar: section,
    statusLinkTtlDays: z.number(),
    duplicateWindowMinutes: z.number(),
    workflow: section,
    grading: section,
    routing: section,
  }),
});
