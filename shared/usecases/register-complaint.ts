import * as z from 'zod/mini';
import { parseOrThrow } from '../http/validation.js';
import { ComplaintInput, type Locale } from '../model/complaint.js';
import type { StaffMember } from '../policy/types.js';
import { type IntakeDeps, type SubmitResult, submitComplaint } from './submit-complaint.js';

/**
 * The channels a complaint reaches staff by, rather than our own form and mailbox: most
 * complaints in the reference documents arrive by phone; a regulator or public social media
 * grades it P1 by the default rules.
 */
export const STAFF_CHANNELS = ['phone', 'chat', 'app', 'store', 'social', 'regulator'] as const;

const { website: _honeypot, channel: _channel, ...fields } = ComplaintInput.shape;

/**
 * What a member of staff registers (POST /staff/complaints): the form's fields, with the channel
 * it arrived by required and no honeypot. Who took it is the signed-in caller, never a field.
 */
export const RegisterComplaintInput = z.object({ ...fields, channel: z.enum(STAFF_CHANNELS) }).check(
  z.refine((c) => Boolean(c.customer.email || c.customer.phone), {
    path: ['customer', 'contact'],
    error: 'contact_required',
  }),
);
export type RegisterComplaintInput = z.infer<typeof RegisterComplaintInput>;

export interface RegisterRequest {
  body: unknown;
  /** The Idempotency-Key header: a registration retried after a lost answer is still one complaint. */
  idempotencyKey?: string;
  /** Who took the complaint: recorded as the actor of its `received` event. */
  actor: StaffMember;
  /** The caller's language: the customer's unless the body names theirs. */
  locale: Locale;
}

/**
 * A complaint that arrived by phone, chat, app, in a store, on social media or from a regulator,
 * registered by whoever took it. The same path as a form complaint (graded, routed, numbered,
 * its deadlines set, its workflow started, acknowledged by mail when an email address is known and
 * otherwise marked for a call), so nothing about it differs but the channel and who took it.
 */
export function registerComplaint(deps: IntakeDeps, request: RegisterRequest): Promise<SubmitResult> {
  const input = parseOrThrow(RegisterComplaintInput, request.body);
  return submitComplaint(deps, {
    body: input,
    idempotencyKey: request.idempotencyKey,
    // One member of staff's registrations share a rate-limit window, apart from any customer's.
    clientKey: `staff#${request.actor.id}`,
    locale: request.locale,
    takenBy: request.actor.id,
  });
}
