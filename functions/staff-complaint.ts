import { requireStaff } from '../shared/auth/staff.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { viewStaffComplaint } from '../shared/usecases/staff-actions.js';
import { policyAndCalendar, store } from '../shared/wiring.js';

const deps = { store: store(), ...policyAndCalendar() };

/**
 * GET /staff/complaints/{id or ticket number}: the complaint, its whole timeline and its mail thread;
 * the ETag is the version an If-Match names.
 */
export const handler = httpHandler(async (request) => {
  const idOrTicket = request.event.pathParameters?.id ?? '';
  const actor = requireStaff(request, deps.policy);
  const view = await viewStaffComplaint(deps, idOrTicket, actor);
  logger.appendKeys({ complaintId: view.complaint.id });
  return json(200, view, { etag: `"${view.complaint.version}"` });
});
