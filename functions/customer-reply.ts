import { RateLimitedError } from '../shared/errors/index.js';
import { httpHandler } from '../shared/http/handler.js';
import { json } from '../shared/http/response.js';
import { replyAsCustomer } from '../shared/usecases/customer-responses.js';
import { rateLimiter, workflowStepDeps } from '../shared/wiring.js';

const deps = await workflowStepDeps();
// Each reply lands on the timeline and may mail the owner: a leaked link must not become a firehose.
const limiter = rateLimiter();

/** A 5,000-character message in any script is well under this. */
const MAX_BODY_BYTES = 32 * 1024;

/** POST /status/{token}/reply: the customer answers a request for information (or simply writes to us). */
export const handler = httpHandler(
  async (request) => {
    const limit = await limiter.hit(`reply#${request.sourceIp}`, deps.clock.now());
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    const result = await replyAsCustomer(deps, request.event.pathParameters?.token ?? '', request.body);
    return json(200, {
      ticketNumber: result.complaint.ticketNumber,
      status: result.complaint.status,
      resumed: result.resumed,
    });
  },
  { jsonBody: { maxBodyBytes: MAX_BODY_BYTES } },
);
