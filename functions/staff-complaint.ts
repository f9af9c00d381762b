import { requireStaff } from '../shared/auth/staff.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { viewStaffComplaint } from '../shared/usecases/staff-actions.js';
import { policyAndCalendar, store } from '../shared/wiring.js';

const deps = { store: store(), ...policyAndCalendar() };

/** GET /staff/complaints/{id}: the complaint and its whole timeline; the ETag is the version an If-Match names. */
export const handler = httpHandler(async (request) => {
  const id = request.event.pathParameters?.id ?? '';
  logger.appendKeys({ complaintId: id });
  const actor = requireStaff(request, deps.policy);
  const view = await viewStaffComplaint(deps, id, actor);
  return json(200, view, { etag: `"${view.complaint.version}"` });
});
