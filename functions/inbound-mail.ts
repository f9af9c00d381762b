import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { preparePolicy } from '../shared/grading/prepare.js';
import { arrivedMail, loggable, SesReceiptEvent } from '../shared/mail/ses-events.js';
import type { InboundOutcome } from '../shared/mail/types.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { inboundMailDeps, receiveMail } from '../shared/usecases/receive-mail.js';
import { storedPolicySource, warmedAtInit, withPolicy, withStaffDirectory } from '../shared/wiring.js';

const current = await warmedAtInit(
  withPolicy(withStaffDirectory(await inboundMailDeps()), storedPolicySource(), undefined, preparePolicy),
);

/**
 * SES → this function (Event invocation) for each message to the reply domain or the support
 * address. A malformed event is a bug upstream: it throws, and Lambda's async retries and failure
 * handling keep it; a message the use case refuses is an outcome, not an error.
 */
export const handler = middy<unknown, InboundOutcome[]>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(flushMetrics())
  .handler(async (event) => {
    const parsed = SesReceiptEvent.safeParse(event);
    if (!parsed.success) {
      throw new Error(`Not an SES receipt event: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    }
    // A new complaint is taken in under the current version; a change of a matched one under its own.
    const deps = { ...(await current()), policyFor: current };
    const outcomes: InboundOutcome[] = [];
    for (const record of parsed.data.Records) {
      const arrived = arrivedMail(record);
      const outcome = await receiveMail(deps, arrived);
      logger.info('inbound mail', { storageKey: arrived.storageKey, outcome: loggable(outcome) });
      outcomes.push(outcome);
    }
    return outcomes;
  });
