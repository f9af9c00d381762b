import { requireStaff } from '../shared/auth/staff.js';
import { httpHandler } from '../shared/http/handler.js';
import { ifMatchOf } from '../shared/http/headers.js';
import { json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { performStaffAction } from '../shared/usecases/staff-actions.js';
import { withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';

const current = withPolicy(withStaffDirectory(await workflowStepDeps()));

/** The longest field (a reply or a resolution) is 5,000 characters; anything far larger is not an action. */
const MAX_BODY_BYTES = 32 * 1024;

/** POST /staff/complaints/{id}/{action}: assign, contact, note, reply, propose, approve, reject, resolve, request-info, reopen, regrade, reroute, escalate. */
export const handler = httpHandler(
  async (request) => {
    const { id = '', action = '' } = request.event.pathParameters ?? {};
    logger.appendKeys({ complaintId: id, action });
    const deps = await current(id || undefined);
    const actor = requireStaff(request, deps.policy);
    const { complaint, events } = await performStaffAction(deps, {
      complaintId: id,
      action,
      actor,
      body: request.body,
      ifMatch: ifMatchOf(request.header('if-match')),
    });
    return json(200, { complaint, events }, { etag: `"${complaint.version}"` });
  },
  { body: { maxBodyBytes: MAX_BODY_BYTES } },
);
