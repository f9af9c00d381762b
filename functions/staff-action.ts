import { requireStaff } from '../shared/auth/staff.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { performStaffAction } from '../shared/usecases/staff-actions.js';
import { workflowStepDeps } from '../shared/wiring.js';

const deps = await workflowStepDeps();

/** The longest field (a reply or a resolution) is 5,000 characters; anything far larger is not an action. */
const MAX_BODY_BYTES = 32 * 1024;

/** POST /staff/complaints/{id}/{action}: assign, contact, note, reply, propose, approve, reject, resolve, request-info, reopen. */
export const handler = httpHandler(
  async (request) => {
    const actor = requireStaff(request, deps.policy);
    const { id = '', action = '' } = request.event.pathParameters ?? {};
    const { complaint, events } = await performStaffAction(deps, {
      complaintId: id,
      action,
      actor,
      body: request.body,
      ifMatch: request.header('if-match'),
    });
    return json(200, { complaint, events }, { etag: `"${complaint.version}"` });
  },
  { jsonBody: { maxBodyBytes: MAX_BODY_BYTES } },
);
