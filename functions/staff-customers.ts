import { requireStaff } from '../shared/auth/staff.js';
import { ForbiddenError } from '../shared/errors/index.js';
import { type HttpRequest, httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { parseOrThrow } from '../shared/http/validation.js';
import { logger } from '../shared/observability.js';
import { exportDeps } from '../shared/privacy/wiring.js';
import { CustomerLookup, eraseCustomer, exportCustomer } from '../shared/usecases/customer-privacy.js';
import { withPolicy, withStaffDirectory } from '../shared/wiring.js';

const current = withPolicy(withStaffDirectory(exportDeps()));

async function lookupOf(request: HttpRequest) {
  const deps = await current();
  const actor = requireStaff(request, deps.policy);
  // Refused before the body is read: a non-manager learns nothing, not even what a valid request looks like.
  if (actor.role !== 'manager') throw new ForbiddenError();
  return { deps, actor, lookup: parseOrThrow(CustomerLookup, request.body) };
}

/**
 * POST /staff/customers/export: everything held about the customer, as one zip archive (managers
 * only), answered as a link that downloads it for 15 minutes. Every export takes this one path,
 * small or large: a Lambda response stops at 6 MB, and a client that had only ever seen small
 * exports come inline would break on the first customer with many mails, who is the one who asks.
 */
const exportRoute = httpHandler(
  async (request) => {
    const { deps, actor, lookup } = await lookupOf(request);
    const { complaints, bytes, url, expiresAt } = await exportCustomer(deps, lookup, actor);
    // Who asked and how much, never whom, and never the link: it is a credential to the customer's data.
    logger.info('customer data exported', { by: actor.id, complaints, bytes });
    return json(200, { complaints, bytes, url, expiresAt }, { 'referrer-policy': 'no-referrer' });
  },
  { body: { maxBodyBytes: 4 * 1024 } },
);

/** POST /staff/customers/erase: the customer's personal data erased from every complaint (managers only). */
const eraseRoute = httpHandler(
  async (request) => {
    const { deps, actor, lookup } = await lookupOf(request);
    const result = await eraseCustomer(deps, lookup, actor);
    logger.info('customer data erased', { by: actor.id, ...result });
    return json(200, result);
  },
  { body: { maxBodyBytes: 4 * 1024 } },
);

/** The customer's privacy rights (PRIV, issue 11): export and erasure. */
export const handler = httpRoutes([
  { method: 'POST', path: '/staff/customers/export', handler: exportRoute },
  { method: 'POST', path: '/staff/customers/erase', handler: eraseRoute },
]);
