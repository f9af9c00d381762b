import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { deliveryProblemOf, SesNotification, SnsEvent } from '../shared/mail/ses-events.js';
import type { InboundOutcome } from '../shared/mail/types.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { deliveryProblemDeps, recordDeliveryProblem } from '../shared/usecases/receive-mail.js';
import { withPolicy, withStaffDirectory } from '../shared/wiring.js';

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// The stored policy, as every function reads it: the current version, and for each complaint the address
// belongs to, the version it recorded (its clocks and mail follow the rules it was taken in under).
const current = withPolicy(withStaffDirectory(await deliveryProblemDeps()));

/** SES bounce and complaint events, published to SNS by the configuration set. */
export const handler = middy<unknown, InboundOutcome[]>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics())
  .handler(async (event) => {
    const parsed = SnsEvent.safeParse(event);
    if (!parsed.success) throw new Error('Not an SNS event');
    const deps = await current();
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
      const outcome = await recordDeliveryProblem(deps, problem, (complaint) => current(complaint));
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
