import middy from '@middy/core';
import { PublicUrlConfig, readConfig, TableConfig } from '../shared/config.js';
import { DynamoIncidentStore } from '../shared/incidents/dynamo-incidents.js';
import { flushMetrics, logger } from '../shared/observability.js';
import { checkIncidentClocks } from '../shared/usecases/incidents.js';
import { clock, policyAndCalendar, staffMailer, withPolicy, withStaffDirectory } from '../shared/wiring.js';

const { TABLE_NAME } = readConfig(TableConfig);
const { PUBLIC_BASE_URL } = readConfig(PublicUrlConfig);
const current = withPolicy(
  withStaffDirectory({
    incidents: new DynamoIncidentStore({ tableName: TABLE_NAME }),
    mailer: staffMailer(),
    clock,
    ...policyAndCalendar(),
    links: { baseUrl: PUBLIC_BASE_URL },
  }),
);

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
