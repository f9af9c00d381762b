import middy from '@middy/core';
import { flushMetrics, logger } from '../shared/observability.js';
import { defaultPolicy } from '../shared/policy/default-policy.js';
import { privacyDeps } from '../shared/privacy/wiring.js';
import { eraseExpired } from '../shared/usecases/customer-privacy.js';
import { policyAndCalendar, withPolicy } from '../shared/wiring.js';

const current = withPolicy({ ...privacyDeps(), ...policyAndCalendar() });

/**
 * Scheduled daily: erases the personal data of complaints archived longer ago than the stored
 * policy keeps it (privacy.eraseAfterArchiveYears), a bounded batch per run, oldest first.
 */
export const handler = middy()
  .use(flushMetrics())
  .handler(async () => {
    const deps = await current();
    const years = (deps.policy.privacy ?? defaultPolicy.privacy)?.eraseAfterArchiveYears ?? 3;
    const result = await eraseExpired(deps, years);
    logger.info('retention erasure', { ...result, eraseAfterArchiveYears: years });
    return result;
  });
