import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import type { DeliveryProblem, InboundOutcome } from '../shared/mail/types.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { deliveryProblemDeps, recordDeliveryProblem } from '../shared/usecases/receive-mail.js';

const Recipient = z.object({ emailAddress: z.string(), diagnosticCode: z.string().optional() });

/**
 * SES's event publishing (configuration set → SNS) says `eventType`; identity notifications say
 * `notificationType`. Both carry the same bounce and complaint objects.
 */
export const SesNotification = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  bounce: z
    .object({
      bounceType: z.string(),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(Recipient),
    })
    .optional(),
  complaint: z
    .object({
      complainedRecipients: z.array(Recipient),
      complaintFeedbackType: z.string().optional(),
    })
    .optional(),
});

export const SnsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })).min(1),
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

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const deps = await deliveryProblemDeps();

/** SES bounce and complaint events, published to SNS by the configuration set. */
export const handler = middy<unknown, InboundOutcome[]>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics())
  .handler(async (event) => {
    const parsed = SnsEvent.safeParse(event);
    if (!parsed.success) throw new Error('Not an SNS event');
    const outcomes: InboundOutcome[] = [];
    for (const record of parsed.data.Records) {
      const notification = SesNotification.safeParse(jsonOrUndefined(record.Sns.Message));
      if (!notification.success) {
        // Not ours to retry: a message SES would never send. Logged without its content.
        logger.warn('mail event is not an SES notification', {
          issues: notification.error.issues.map((i) => i.path.join('.')),
        });
        continue;
      }
      const problem = deliveryProblemOf(notification.data);
      const type = notification.data.eventType ?? notification.data.notificationType;
      if (!problem) {
        logger.info('mail event changes nothing', { type, bounceType: notification.data.bounce?.bounceType });
        continue;
      }
      const outcome = await recordDeliveryProblem(deps, problem);
      logger.info('mail event', {
        type,
        recipients: problem.recipients.length,
        outcome: outcome.kind,
        ...(outcome.kind === 'address_unreachable' ? { complaintIds: outcome.complaintIds } : {}),
      });
      outcomes.push(outcome);
    }
    return outcomes;
  });
