import { NotFoundError } from '../errors/index.js';
import { AddressUnreachableError } from '../mail/errors.js';
import type { Status } from '../model/complaint.js';
import { timelineEvent } from '../model/events.js';
import { MetricUnit, metrics } from '../observability.js';
import type { Clock, ComplaintStore, Mailer } from '../ports/index.js';
import { acknowledgementMail } from '../templates/acknowledgement.js';
import { nextStatus } from '../workflow/lifecycle.js';
import { customerLink } from './mail-links.js';
import { retryOnConflict } from './retry-on-conflict.js';

export interface AcknowledgementDeps {
  store: ComplaintStore;
  mailer: Mailer;
  clock: Clock;
  timezone: string;
  statusLinkTtlDays: number;
  links: { baseUrl: string; key: Uint8Array };
}

export type AcknowledgementOutcome = 'sent' | 'already_sent' | 'no_email' | 'address_unreachable';

/**
 * Another execution of the same complaint is sending the acknowledgement right now (a complaint moved
 * to a new definition while the old execution's send was in flight). Not permanent: the workflow
 * retries, and by then the mail is recorded as sent or the other claim has lapsed.
 */
export class AcknowledgementInProgressError extends Error {
  constructor(readonly heldBy: string) {
    super('another execution is sending the acknowledgement');
    this.name = 'AcknowledgementInProgressError';
  }
}

/**
 * How long a claim to send holds: longer than the acknowledging function can run (its timeout), so a
 * live sender is never overtaken, short enough that a crashed one delays a retry by at most this much.
 * Real time, not the business clock, which the local runtime scales.
 */
export const ACKNOWLEDGEMENT_CLAIM_MS = 90_000;

/**
 * The workflow's first step: tell the customer we have their complaint, its number, what
 * happens next and by when. Safe to retry: once the mail is recorded as sent, a retried step
 * sends nothing more. A mailer failure propagates so that the workflow retries it.
 */
export async function sendAcknowledgement(
  deps: AcknowledgementDeps,
  complaintId: string,
  /** The execution sending; its retries share the name and so may take over its own claim. */
  sender = 'unnamed',
  realNow: () => number = Date.now,
): Promise<{ outcome: AcknowledgementOutcome; messageId?: string }> {
  const complaint = await deps.store.getComplaint(complaintId);
  if (!complaint) throw new NotFoundError();
  if (complaint.acknowledgedAt) return { outcome: 'already_sent' };

  const now = deps.clock.now();
  if (!complaint.customer.email) {
    // Phone-only customers are acknowledged by the owner's first call; the timeline says why no mail went out.
    await retryOnConflict(async () => {
      const fresh = (await deps.store.getComplaint(complaintId))!;
      if (fresh.acknowledgedAt) return;
      await deps.store.updateComplaint(
        complaintId,
        fresh.version,
        { acknowledgedAt: now.toISOString(), status: acknowledgedStatus(fresh.status) },
        [timelineEvent(complaintId, 'acknowledgement_skipped', now, 'system', { reason: 'no_email' })],
      );
    });
    return { outcome: 'no_email' };
  }

  if (!(await claimToSend(deps.store, complaintId, sender, realNow))) return { outcome: 'already_sent' };
  const link = await customerLink(deps.links, complaintId, 'status', now, deps.statusLinkTtlDays);
  const mail = acknowledgementMail({ complaint, statusUrl: link.url, timezone: deps.timezone });
  const messageId = await deps.mailer.send(mail).then(
    (sent) => sent.messageId,
    (error) => {
      if (error instanceof AddressUnreachableError) return undefined;
      throw error;
    },
  );
  metrics.addMetric(messageId ? 'AcknowledgementSent' : 'MailSkipped', MetricUnit.Count, 1);

  const sentAt = deps.clock.now();
  await retryOnConflict(async () => {
    const fresh = (await deps.store.getComplaint(complaintId))!;
    if (fresh.acknowledgedAt) return;
    await deps.store.updateComplaint(
      complaintId,
      fresh.version,
      { acknowledgedAt: sentAt.toISOString(), status: acknowledgedStatus(fresh.status) },
      [
        messageId
          ? timelineEvent(complaintId, 'acknowledgement_sent', sentAt, 'system', {
              messageId,
              locale: complaint.customer.locale,
            })
          : timelineEvent(complaintId, 'mail_skipped', sentAt, 'system', {
              kind: 'acknowledgement',
              reason: 'address_unreachable',
            }),
      ],
    );
  });
  return messageId ? { outcome: 'sent', messageId } : { outcome: 'address_unreachable' };
}

/**
 * Takes the complaint's claim to send its acknowledgement, unless it is already sent (false) or another
 * execution holds a live claim (AcknowledgementInProgressError). The version check makes the claim
 * exclusive: of two executions racing, one writes it and the other re-reads and sees it.
 */
async function claimToSend(
  store: AcknowledgementDeps['store'],
  complaintId: string,
  sender: string,
  realNow: () => number,
): Promise<boolean> {
  return retryOnConflict(async () => {
    const fresh = await store.getComplaint(complaintId);
    if (!fresh) throw new NotFoundError();
    if (fresh.acknowledgedAt) return false;
    const held = fresh.acknowledgementClaim;
    if (held && held.by !== sender && Date.parse(held.until) > realNow()) {
      throw new AcknowledgementInProgressError(held.by);
    }
    const until = new Date(realNow() + ACKNOWLEDGEMENT_CLAIM_MS).toISOString();
    await store.updateComplaint(complaintId, fresh.version, { acknowledgementClaim: { by: sender, until } }, []);
    return true;
  });
}

/** A closed complaint (mail can be slower than a customer's answer) keeps its status; the table says the rest. */
function acknowledgedStatus(status: Status): Status {
  return status === 'closed' ? status : nextStatus(status, 'acknowledge');
}
