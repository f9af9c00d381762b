import * as z from 'zod/mini';

/**
 * POST /staff/policy/dry-run's body: the whole proposed document, checked by parsePolicyDocument
 * (a message per field). Apart from the dry run so the OpenAPI description does not carry the grader.
 */
export const DryRunInput = z.object({ policy: z.unknown() });
