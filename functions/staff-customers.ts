import { requireStaff } from '../shared/auth/staff.js';
import { ForbiddenError } from '../shared/errors/index.js';
import { type HttpRequest, httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { parseOrThrow } from '../shared/http/validation.js';
import { logger } from '../shared/observability.js';
import { privacyDeps } from '../shared/privacy/wiring.js';
import { CustomerLookup, eraseCustomer, exportCustomer } from '../shared/usecases/customer-privacy.js';
import { policyAndCalendar, withPolicy, withStaffDirectory } from '../shared/wiring.js';

const current = withPolicy(withStaffDirectory({ ...privacyDeps(), ...policyAndCalendar() }));

/**
 * What a Lambda response carries: 6 MB, base64 makes 4 bytes of 3. Above this the archive would not
 * arrive, so the manager is told to narrow the request instead (see the report: no presigner is installed).
 */
export const MAX_INLINE_ARCHIVE_BYTES = 4 * 1024 * 1024;

async function lookupOf(request: HttpRequest) {
  const deps = await current();
  const actor = requireStaff(request, deps.policy);
  // Refused before the body is read: a non-manager learns nothing, not even what a valid request looks like.
  if (actor.role !== 'manager') throw new ForbiddenError();
  return { deps, actor, lookup: parseOrThrow(CustomerLookup, request.body) };
}

/** POST /staff/customers/export: everything held about the customer, as one zip archive (managers only). */
const exportRoute = httpHandler(
  async (request) => {
    const { deps, actor, lookup } = await lookupOf(request);
    const { archive, complaints } = await exportCustomer(deps, lookup, actor);
    // Who asked and how much, never whom: the address stays out of the log.
    logger.info('customer data exported', { by: actor.id, complaints, bytes: archive.byteLength });
    if (archive.byteLength > MAX_INLINE_ARCHIVE_BYTES) {
      return json(413, { error: 'export_too_large', bytes: archive.byteLength, max: MAX_INLINE_ARCHIVE_BYTES });
    }
    const day = deps.clock.now().toISOString().slice(0, 10);
    return {
      statusCode: 200,
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="closeloop-export-${day}.zip"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      },
      body: Buffer.from(archive).toString('base64'),
      isBase64Encoded: true,
    };
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
