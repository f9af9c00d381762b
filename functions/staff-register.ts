import { requireStaff } from '../shared/auth/staff.js';
import { preparePolicy } from '../shared/grading/prepare.js';
import { httpHandler } from '../shared/http/handler.js';
import { idempotencyKeyOf } from '../shared/http/headers.js';
import { json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { registerComplaint } from '../shared/usecases/register-complaint.js';
import { intakeDeps, storedPolicySource, warmedAtInit, withPolicy, withStaffDirectory } from '../shared/wiring.js';

const current = await warmedAtInit(
  withPolicy(withStaffDirectory(await intakeDeps()), storedPolicySource(), undefined, preparePolicy),
);

/** A registered complaint is a form complaint's size; anything far larger is not one. */
const MAX_BODY_BYTES = 32 * 1024;

/**
 * POST /staff/complaints: any member of staff registers a complaint that reached them by phone,
 * chat, app, in a store, on social media or from a regulator. 201 with its id and ticket number
 * (to read out to the caller), its grade, department and deadlines, and the customer's status link
 * (to paste into a chat). A retry with the same Idempotency-Key answers the same complaint.
 */
export const handler = httpHandler(
  async (request) => {
    const deps = await current();
    const actor = requireStaff(request, deps.policy);
    const { complaint, replayed, statusUrl, statusUrlExpiresAt } = await registerComplaint(deps, {
      body: request.body,
      idempotencyKey: idempotencyKeyOf(request.header('idempotency-key')),
      actor,
      locale: request.locale,
    });
    logger.appendKeys({ complaintId: complaint.id });
    return json(
      201,
      {
        id: complaint.id,
        ticketNumber: complaint.ticketNumber,
        status: complaint.status,
        channel: complaint.channel,
        grade: complaint.grade,
        gradeReasons: complaint.gradeReasons,
        category: complaint.category,
        department: complaint.department,
        receivedAt: complaint.receivedAt,
        deadlines: complaint.deadlines,
        statusUrl,
        statusUrlExpiresAt,
      },
      replayed ? { 'idempotency-replayed': 'true' } : {},
    );
  },
  { body: { maxBodyBytes: MAX_BODY_BYTES } },
);
