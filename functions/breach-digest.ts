import middy from '@middy/core';
import { DynamoOnceLedger } from '../shared/adapters/dynamo/once-ledger.js';
import { PublicUrlConfig, readConfig, TableConfig } from '../shared/config.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { sendBreachDigests } from '../shared/usecases/breach-digest.js';
import { clock, policyAndCalendar, staffMailer, store, withStaffDirectory } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
const { PUBLIC_BASE_URL } = readConfig(PublicUrlConfig);
const current = withStaffDirectory({
  store: store(),
  ledger: new DynamoOnceLedger({ tableName: TABLE_NAME }),
  mailer: staffMailer(),
  clock,
  policy: policyAndCalendar().policy,
  links: { baseUrl: PUBLIC_BASE_URL },
});

/**
 * Scheduled once a day (09:00 in the policy's zone): each person at the top of the escalation
 * ladder gets one summary of everything still breached there. A failed mail fails the run, so the
 * scheduler's retry sends it; those already mailed today are not mailed again.
 */
export const handler = middy()
  .use(flushMetrics())
  .handler(async () => {
    const result = await sendBreachDigests(await current());
    logger.info('breach digests', {
      sent: result.sent.length,
      alreadySent: result.alreadySent.length,
      failed: result.failed.length,
      complaints: result.complaints,
    });
    if (result.failed.length > 0) throw new Error(`${result.failed.length} breach digest(s) could not be sent`);
    return { sent: result.sent.length, alreadySent: result.alreadySent.length, complaints: result.complaints };
  });
