import { RateLimitedError } from '../shared/errors/index.js';
import { httpHandler } from '../shared/http/handler.js';
import { html, json } from '../shared/http/response.js';
import { logger } from '../shared/observability.js';
import { replyAsCustomer } from '../shared/usecases/customer-responses.js';
import { confirmServiceAsCustomer } from '../shared/usecases/work-orders.js';
import { rateLimiter, withPolicy, withStaffDirectory, workflowStepDeps } from '../shared/wiring.js';
import { renderErrorPage } from '../web/layout.js';
import { renderReplySentPage } from '../web/status-page.js';

const current = withPolicy(withStaffDirectory(await workflowStepDeps()));
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
    const deps = await current();
    const limit = await limiter.hit(`reply#${request.sourceIp}`, deps.clock.now());
    if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    // The service confirmation of a work order (shared/usecases/work-orders.ts) shares this function and its limit.
    if (request.event.rawPath?.endsWith('/confirm-service')) {
      const form = request.body as Record<string, unknown>;
      const input = request.fromForm
        ? { workOrderId: form.workOrderId, ...(form.note ? { note: form.note } : {}) }
        : request.body;
      const confirmed = await confirmServiceAsCustomer(deps, token, input);
      logger.appendKeys({ complaintId: confirmed.complaint.id });
      if (request.wantsHtml) return html(200, renderReplySentPage(request.locale, token));
      return json(200, { ticketNumber: confirmed.complaint.ticketNumber, status: confirmed.complaint.status });
    }
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
