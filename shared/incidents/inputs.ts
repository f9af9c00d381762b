import * as z from 'zod/mini';

/** What the staff API reads (functions/staff-incidents.ts); the OpenAPI document describes the same schemas. */

export const IncidentListQuery = z.object({
  status: z.optional(z.enum(['open', 'closed'])),
  limit: z.optional(
    z
      .pipe(
        z.string().check(z.regex(/^\d{1,3}$/, { error: 'page_limit_invalid' })),
        z.transform((v) => Number(v)),
      )
      .check(z.refine((n) => n >= 1 && n <= 100, { error: 'page_limit_invalid' })),
  ),
  cursor: z.optional(z.string().check(z.maxLength(1024))),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const INCIDENT_ACTIONS = ['plan', 'root-cause', 'action', 'close'] as const;
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number];

/** The plan, the root cause or the action, as staff write it. */
export const IncidentRecordInput = z.object({ text: z.string().check(z.trim(), z.minLength(1), z.maxLength(5000)) });
export const CloseIncidentInput = z.object({ note: z.optional(z.string().check(z.trim(), z.maxLength(2000))) });
