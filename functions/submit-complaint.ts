import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { type SubmitResult, submitComplaint } from '../shared/usecases/submit-complaint.js';
import { clock, links, policyAndCalendar, rateLimiter, store, workflow } from '../shared/wiring.js';

const deps = {
  store: store(),
  workflow: workflow(),
  rateLimiter: rateLimiter(),
  clock,
  ...policyAndCalendar(),
  links: await links(),
};

/** A web form's complaint is far below this; anything larger is not a complaint. */
const MAX_BODY_BYTES = 32 * 1024;

export const handler = httpHandler(
  async (request) => {
    const result = await submitComplaint(deps, {
      body: request.body,
      idempotencyKey: request.header('idempotency-key'),
      clientKey: request.sourceIp,
      locale: request.locale,
    });
    return json(201, present(result), result.replayed ? { 'idempotency-replayed': 'true' } : {});
  },
  { jsonBody: { maxBodyBytes: MAX_BODY_BYTES } },
);

function present({ complaint, statusUrl, statusUrlExpiresAt }: SubmitResult) {
  return {
    id: complaint.id,
    ticketNumber: complaint.ticketNumber,
    status: complaint.status,
    grade: complaint.grade,
    category: complaint.category,
    department: complaint.department,
    receivedAt: complaint.receivedAt,
    acknowledgeBy: complaint.deadlines.assign,
    resolveBy: complaint.deadlines.resolve,
    deadlines: complaint.deadlines,
    statusUrl,
    statusUrlExpiresAt,
  };
}
