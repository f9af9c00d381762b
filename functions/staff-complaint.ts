import { requireStaff } from '../shared/auth/staff.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { httpRoutes } from '../shared/http/router.js';
import { logger } from '../shared/observability.js';
import { viewStaffComplaint } from '../shared/usecases/staff-actions.js';
import { listStaffComplaints, parseStaffQueueQuery } from '../shared/usecases/staff-queues.js';
import { clock, policyAndCalendar, store, withPolicy, withStaffDirectory } from '../shared/wiring.js';

const current = withPolicy(withStaffDirectory({ store: store(), clock, ...policyAndCalendar() }));

/**
 * GET /staff/complaints/{id or ticket number}: the complaint, its whole timeline and its mail thread;
 * the ETag is the version an If-Match names.
 */
const one = httpHandler(async (request) => {
  const idOrTicket = request.event.pathParameters?.id ?? '';
  const deps = await current();
  const actor = requireStaff(request, deps.policy);
  const view = await viewStaffComplaint(deps, idOrTicket, actor);
  logger.appendKeys({ complaintId: view.complaint.id });
  return json(200, view, { etag: `"${view.complaint.version}"` });
});

/** GET /staff/complaints?view=mine|unassigned|department|overdue|breached|awaiting-approval: a queue, soonest deadline first. */
const list = httpHandler(async (request) => {
  const deps = await current();
  const actor = requireStaff(request, deps.policy);
  const query = parseStaffQueueQuery(request.event.queryStringParameters);
  return json(200, await listStaffComplaints(deps, actor, query));
});

export const handler = httpRoutes([
  { method: 'GET', path: '/staff/complaints', handler: list },
  { method: 'GET', path: '/staff/complaints/{id}', handler: one },
]);
