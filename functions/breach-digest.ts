import middy from '@middy/core';
import { DynamoOnceLedger } from '../shared/adapters/dynamo/once-ledger.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { digestDue, sendBreachDigests } from '../shared/usecases/breach-digest.js';
import { store, withStaffMail } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
/** The policy in force (its zone, its escalation ladder), stored, as every function reads it. */
const current = withStaffMail({ store: store(), ledger: new DynamoOnceLedger({ tableName: TABLE_NAME }) });

/**
 * Scheduled every hour; sends in the 09:00 hour of the stored policy's zone (digestDue): each person at
 * the top of the escalation ladder gets one summary of everything still breached there. A failed mail
 * fails the run, so the scheduler's retry sends it; those already mailed today are not mailed again.
 */
export const handler = middy()
  .use(flushMetrics())
  .handler(async () => {
    const deps = await current();
    if (!digestDue(deps.clock.now(), deps.policy)) return { due: false };
    const result = await sendBreachDigests(deps);
    logger.info('breach digests', {
      sent: result.sent.length,
      alreadySent: result.alreadySent.length,
      failed: result.failed.length,
      complaints: result.complaints,
    });
    if (result.failed.length > 0) throw new Error(`${result.failed.length} breach digest(s) could not be sent`);
    return { sent: result.sent.length, alreadySent: result.alreadySent.length, complaints: result.complaints };
  });
