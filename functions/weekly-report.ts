import middy from '@middy/core';
import { getDocumentClient } from '../shared/adapters/dynamo/client.js';
import { DynamoOnceLedger } from '../shared/adapters/dynamo/once-ledger.js';
import { readConfig, TableConfig } from '../shared/config.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { DynamoCounterStore } from '../shared/reports/dynamo-counters.js';
import { sendWeeklyReports, weeklyReportDue } from '../shared/usecases/weekly-report.js';
import { withStaffMail } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
/** The policy in force (its zone) and the directory (who manages, who heads which department). */
const current = withStaffMail({
  counters: new DynamoCounterStore({ doc: getDocumentClient(), tableName: TABLE_NAME }),
  ledger: new DynamoOnceLedger({ tableName: TABLE_NAME }),
});

/**
 * Scheduled every hour; on Monday in the 09:00 hour of the stored policy's zone (weeklyReportDue) it
 * mails last week's report to each manager (the organisation) and department head (their department).
 * A failed mail fails the run, so the scheduler's retry sends it; those already mailed are not mailed again.
 */
export const handler = middy()
  .use(flushMetrics())
  .handler(async () => {
    const deps = await current();
    const period = weeklyReportDue(deps.clock.now(), deps.policy);
    if (!period) return { due: false };
    const result = await sendWeeklyReports(deps, period);
    logger.info('weekly reports', {
      period,
      sent: result.sent.length,
      alreadySent: result.alreadySent.length,
      failed: result.failed.length,
    });
    if (result.failed.length > 0) throw new Error(`${result.failed.length} weekly report(s) could not be sent`);
    return { period, sent: result.sent.length, alreadySent: result.alreadySent.length };
  });
