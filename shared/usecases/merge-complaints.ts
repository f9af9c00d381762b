import * as z from 'zod/mini';
import { can } from '../auth/staff.js';
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../errors/index.js';
import { sameAddress } from '../mail/match.js';
import { type Complaint, multiLine, type Status } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { normalisePhone } from '../model/phone.js';
import { complaintByIdOrTicket } from '../model/ticket.js';
import type { StaffMember } from '../policy/types.js';
import type { ComplaintStore } from '../ports/index.js';
import { mergedMail } from '../templates/customer-mails.js';
import { awaitingAcceptance } from '../workflow/acceptance.js';
import { nextStatus, UNDER_WAY } from '../workflow/lifecycle.js';
import { openPartnerRequests } from '../workflow/partners.js';
import { openWorkOrders } from '../workflow/work-orders.js';
import { type ChangeDeps, type ChangeResult, changeComplaint } from './change-complaint.js';
import { type LinkDeps, statusUrl } from './mail-links.js';

/**
 * Merging (PRODUCT.md: staff "merge"): a customer who wrote twice about one matter, by mail and by
 * phone say, gets one answer from one owner. The duplicate closes as merged into the complaint that
 * goes on; both timelines say so; the customer is told once, with the link to the complaint that
 * goes on; their later mail to the duplicate's thread lands there (receive-mail follows `mergedInto`).
 * Only the same customer's complaints merge: several customers with one fault are an incident
 * (shared/incidents), not one complaint.
 */

export const MERGE_INPUT = z.object({
  /** The ticket number (or id) of the complaint that goes on. */
  into: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  reason: multiLine(500).check(z.minLength(3)),
});
export type MergeInput = z.infer<typeof MERGE_INPUT>;

export interface MergeDeps extends ChangeDeps, LinkDeps {
  store: ComplaintStore;
}

/** A duplicate joins work still under way: not one resolved (its customer is being surveyed) or closed. */
const TARGET_STATUSES: ReadonlySet<Status> = new Set(UNDER_WAY);

/**
 * Closes the duplicate first (the fact the customer and the queues depend on), then records the
 * merge on the complaint that goes on. A retry after a fault between the two finds the duplicate
 * already merged into the same complaint and completes only what is missing, so nothing is lost and
 * nothing is written twice.
 */
export async function mergeComplaints(
  deps: MergeDeps,
  request: { complaintId: string; actor: StaffMember; input: MergeInput; expectedVersion?: number },
): Promise<ChangeResult> {
  const { actor, input } = request;
  const stored = await deps.store.getComplaint(request.complaintId);
  if (!stored) throw new NotFoundError();
  // As every change: the lifecycle first (a merge retried after a fault finds its own duplicate closed, and goes on below).
  if (!stored.mergedInto) nextStatus(stored.status, 'merge');
  const target = await complaintByIdOrTicket(deps.store, input.into);
  // A complaint the actor may not see is answered as one that does not exist: a merge form is no way to probe tickets.
  if (!target || !can(actor, 'view', target)) throw new ValidationError({ into: { code: 'unknown_complaint' } });
  if (stored.mergedInto?.complaintId === target.id) {
    if (!can(actor, 'merge', stored)) throw new ForbiddenError();
    await recordOnTarget(deps, target.id, stored, input.reason, actor);
    return { complaint: stored, events: [] };
  }

  const result = await changeComplaint(
    deps,
    request.complaintId,
    {
      command: 'merge',
      decide: (c, now) => {
        if (!can(actor, 'merge', c)) throw new ForbiddenError();
        requireMergeable(c, target);
        const into = { complaintId: target.id, ticketNumber: target.ticketNumber };
        return {
          changes: { closedAt: now.toISOString(), closeReason: 'merged', mergedInto: into },
          events: [timelineEvent(c.id, 'merged_into', now, actor.id, { ...into, reason: input.reason })],
        };
      },
      notices: async (written, now) =>
        written.customer.email
          ? [
              {
                kind: 'merged',
                mail: mergedMail({
                  complaint: written,
                  into: target.ticketNumber,
                  statusUrl: await statusUrl(deps, target.id, now),
                }),
              },
            ]
          : [],
    },
    { expectedVersion: request.expectedVersion },
  );
  await recordOnTarget(deps, target.id, result.complaint, input.reason, actor);
  return result;
}

/** Who the customer is, as two complaints can show it: the same address, or the same phone number. */
export function sameCustomer(a: Complaint, b: Complaint): boolean {
  if (sameAddress(a.customer.email, b.customer.email)) return true;
  const phone = (c: Complaint) => (c.customer.phone ? normalisePhone(c.customer.phone) : undefined);
  return phone(a) !== undefined && phone(a) === phone(b);
}

function requireMergeable(c: Complaint, target: Complaint): void {
  if (c.id === target.id) throw new InvalidTransitionError('merge_into_itself');
  if (!sameCustomer(c, target))
    throw new InvalidTransitionError('not_the_same_customer', { ticketNumber: target.ticketNumber });
  // The target's own change checks its status again on what is stored; this answers before the duplicate closes.
  if (target.mergedInto || !TARGET_STATUSES.has(target.status))
    throw new InvalidTransitionError('merge_target_not_open', {
      ticketNumber: target.ticketNumber,
      status: target.status,
    });
  const what = openWorkOf(c);
  if (what) throw new InvalidTransitionError('merge_work_open', { what });
}

/** Work that belongs to this complaint and would be dropped by closing it. */
function openWorkOf(c: Complaint): string | undefined {
  if (openWorkOrders(c).length > 0) return 'a work order';
  if (openPartnerRequests(c).length > 0) return 'a partner request';
  if (c.solution && (c.solution.approval === 'pending' || c.solution.legal?.state === 'pending')) return 'a decision';
  // The customer holds an offer of this complaint's solution: their answer would land on a closed complaint.
  if (awaitingAcceptance(c)) return 'an offer to the customer';
  return undefined;
}

/** The complaint that goes on says what joined it, once, through the one change path (its status is checked there). */
async function recordOnTarget(
  deps: MergeDeps,
  targetId: string,
  duplicate: Complaint,
  reason: string,
  actor: StaffMember,
): Promise<void> {
  const timeline = await deps.store.listTimeline(targetId);
  if (timeline.some((e) => e.type === 'merged_from' && e.data.complaintId === duplicate.id)) return;
  await changeComplaint(deps, targetId, {
    command: 'merged_from',
    decide: (c, now) => ({
      changes: {},
      events: [
        timelineEvent(c.id, 'merged_from', now, actor.id, {
          complaintId: duplicate.id,
          ticketNumber: duplicate.ticketNumber,
          reason,
        }),
      ],
    }),
  });
}
