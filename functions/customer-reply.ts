import { RateLimitedError } from '../shared/errors/index.js';
import { httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { linkedComplaintId, replyAsCustomer } from '../shared/usecases/customer-responses.js';
import { rateLimiter, withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import { renderErrorPage } from '../web/layout.js';
import { renderReplySentPage } from '../web/status-page.js';

const base = await workflowStepDeps();
const current = withPolicy(withStaffDirectory(base));
// Each reply lands on the timeline and may mail the owner: a leaked link must not become a firehose.
const limiter = rateLimiter();

/** A 5,000-character message in any script is well under this. */
const MAX_BODY_BYTES = 32 * 1024;

/**
 * POST /status/{token}/reply: the customer answers a request for information (or simply writes
 * to us), as JSON from the status page's script or as a plain form post answered with a page.
 */
export const handler = httpHandler(
  async (request) => {
    const token = request.event.pathParameters?.token ?? '';
    const limit = await limiter.hit(`reply#${request.sourceIp}`, base.clock.now());
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    // The complaint's own policy version: a pause ends on the calendar its clocks were set by.
    const deps = await current(await linkedComplaintId(base, token, 'status'));
    const body = request.fromForm ? { message: (request.body as Record<string, unknown>).message } : request.body;
    const result = await replyAsCustomer(deps, token, body);
    logger.appendKeys({ complaintId: result.complaint.id });
    if (request.wantsHtml) return html(200, renderReplySentPage(request.locale, token));
    return json(200, {
      ticketNumber: result.complaint.ticketNumber,
      status: result.complaint.status,
      resumed: result.resumed,
    });
  },
  {
    body: { maxBodyBytes: MAX_BODY_BYTES, form: true },
    errorPage: (refusal, locale, event) =>
      renderErrorPage(refusal, locale, `../${encodeURIComponent(event.pathParameters?.token ?? '')}?lang=${locale}`),
  },
);
