import * as z from 'zod/mini';
import { multiLine } from '../model/complaint.js';

/** The bodies of the acceptance actions (ACC), apart so that the functions that never parse them do not carry them. */
const REASON = multiLine(2000);

// Unions rather than a cross-field check, so that the API description says it too: a change needs its reason.
export const ACCEPTANCE_ACTION_INPUTS = {
  'offer-by-call': z.object({ note: REASON }),
  'record-acceptance': z.discriminatedUnion('accepted', [
    z.object({ accepted: z.literal(true), reason: z.optional(REASON) }),
    z.object({ accepted: z.literal(false), reason: REASON }),
  ]),
};

/** What the customer posts from the status page: a form's buttons or JSON alike. */
export const OfferAnswerInput = z.discriminatedUnion('answer', [
  z.object({ answer: z.literal('accept'), reason: z.optional(REASON) }),
  z.object({ answer: z.literal('change'), reason: REASON }),
]);
