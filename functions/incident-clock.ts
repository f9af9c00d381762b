import middy from '@middy/core';
import { readConfig, TableConfig } from '../shared/config.js';
import { DynamoIncidentStore } from '../shared/incidents/dynamo-incidents.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { checkIncidentClocks } from '../shared/usecases/incidents.js';
import { withStaffMail } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
const current = withStaffMail({ incidents: new DynamoIncidentStore({ tableName: TABLE_NAME }) });

/**
 * Scheduled every 5 minutes: the open incidents' side clock. A plan past its deadline is escalated
 * once; a notice that could not go out at opening is sent. A failed mail fails the run, and the
 * scheduler's retry (or the next run) sends it.
 */
export const handler = middy()
  .use(flushMetrics())
  .handler(async () => {
    const result = await checkIncidentClocks(await current());
    if (result.notified + result.overdue > 0) logger.info('incident clocks', result);
    return result;
  });
