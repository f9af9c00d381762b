import * as z from 'zod/mini';
import { rawMailKey } from './storage.js';
import type { ArrivedMail, DeliveryProblem, InboundOutcome } from './types.js';

/**
 * What SES hands the mail functions, read at their edge: the receipt event of a Lambda action
 * (functions/inbound-mail.ts) and the bounce and complaint notifications of the configuration
 * set (functions/mail-events.ts), and what each becomes for the use cases.
 */

const Verdict = z.object({ status: z.string() });

/**
 * The part of SES's receipt event the inbound function reads (a Lambda action after the S3 action that
 * stored the raw message). Headers and content are not trusted from here: the raw message is read
 * from the bucket.
 */
export const SesReceiptEvent = z.object({
  Records: z
    .array(
      z.object({
        eventSource: z.literal('aws:ses'),
        ses: z.object({
          mail: z.object({
            messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]+$/)),
            source: z.optional(z.string()),
            timestamp: z.string(),
          }),
          receipt: z.object({
            recipients: z.array(z.string()).check(z.minLength(1)),
            spfVerdict: Verdict,
            dkimVerdict: Verdict,
            dmarcVerdict: Verdict,
            spamVerdict: z.optional(Verdict),
            virusVerdict: z.optional(Verdict),
          }),
        }),
      }),
    )
    .check(z.minLength(1)),
});
export type SesReceiptEvent = z.infer<typeof SesReceiptEvent>;

/** What SES's event says about one message, as the use case takes it. */
export function arrivedMail(record: SesReceiptEvent['Records'][number]): ArrivedMail {
  const { mail, receipt } = record.ses;
  return {
    storageKey: rawMailKey(mail.messageId),
    recipients: receipt.recipients.map((r) => r.trim().toLowerCase()),
    envelopeFrom: mail.source,
    receivedAt: new Date(mail.timestamp),
    verdicts: {
      spf: receipt.spfVerdict.status,
      dkim: receipt.dkimVerdict.status,
      dmarc: receipt.dmarcVerdict.status,
      spam: receipt.spamVerdict?.status,
      virus: receipt.virusVerdict?.status,
    },
  };
}

/** What may be logged of an outcome: ids and kinds, never anything the sender wrote or their address. */
export function loggable(outcome: InboundOutcome): Record<string, unknown> {
  switch (outcome.kind) {
    case 'address_unreachable':
      return { kind: outcome.kind, addresses: outcome.addresses.length, complaintIds: outcome.complaintIds };
    default:
      return { ...outcome };
  }
}

const Recipient = z.object({ emailAddress: z.string(), diagnosticCode: z.optional(z.string()) });

/**
 * SES's event publishing (configuration set → SNS) says `eventType`; identity notifications say
 * `notificationType`. Both carry the same bounce and complaint objects.
 */
export const SesNotification = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      bouncedRecipients: z.array(Recipient),
    }),
  ),
  complaint: z.optional(
    z.object({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.optional(z.string()),
    }),
  ),
});

export const SnsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })).check(z.minLength(1)),
});

/**
 * The delivery problem a notification reports, or undefined for one that changes nothing: a
 * transient or undetermined bounce (a full mailbox, a greylist) says nothing lasting about the address.
 */
export function deliveryProblemOf(notification: z.infer<typeof SesNotification>): DeliveryProblem | undefined {
  const type = notification.eventType ?? notification.notificationType;
  const lower = (recipients: { emailAddress: string }[]) => recipients.map((r) => r.emailAddress.trim().toLowerCase());
  if (type === 'Bounce' && notification.bounce?.bounceType === 'Permanent') {
    const { bounce } = notification;
    return {
      kind: 'bounce',
      recipients: lower(bounce.bouncedRecipients),
      detail:
        bounce.bouncedRecipients.find((r) => r.diagnosticCode)?.diagnosticCode ??
        `${bounce.bounceType} (${bounce.bounceSubType ?? 'General'})`,
    };
  }
  if (type === 'Complaint' && notification.complaint) {
    return {
      kind: 'complaint',
      recipients: lower(notification.complaint.complainedRecipients),
      detail: notification.complaint.complaintFeedbackType ?? 'complaint',
    };
  }
  return undefined;
}
